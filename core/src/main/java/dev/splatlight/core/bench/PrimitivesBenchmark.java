package dev.splatlight.core.bench;

import dev.splatlight.core.cli.GpuChoice;
import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.GpuTimer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.primitives.BufferCopy;
import dev.splatlight.core.primitives.PrefixScan;
import dev.splatlight.core.primitives.RadixSort;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./splatlight bench}: GPU-timed throughput of the copy kernel, the prefix scan and the key–value radix sort,
 * with the bandwidth floor of the sort. Results are checked against Java before any figure is printed.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the GPU primitives (copy bandwidth, prefix scan, 32-bit key-value radix sort).")
public final class PrimitivesBenchmark implements Callable<Integer> {
    /** Bytes each sort pass moves per key: count reads the key; scatter reads key and value, writes both. */
    static final int SORT_BYTES_PER_KEY_PER_PASS = 4 + 8 + 8;

    @Option(names = "--sizes", split = ",", defaultValue = "1048576,4194304,16777216",
            description = "Element counts (default: 1M, 4M, 16M).")
    long[] sizes;

    @Option(names = "--repeats", defaultValue = "10", description = "Timed repetitions; the median is reported.")
    int repeats;

    @Option(names = "--copy-mib", defaultValue = "1024", description = "Size of each buffer in the copy-bandwidth test.")
    long copyMiB;

    @Mixin
    GpuChoice gpu;

    @Option(names = "--json", description = "Also write the results to this JSON file.")
    Path json;

    @Override
    public Integer call() throws IOException {
        Map<String, Object> report = new LinkedHashMap<>();
        try (Gpu device = gpu.open()) {
            report.put("gpu", device.info().name());
            report.put("driver", device.info().driverName() + " " + device.info().driverInfo());
            report.put("workgroup_size", device.workgroupShape().size());
            report.put("subgroup_size", device.info().subgroupSize());
            System.out.printf("GPU: %s (%s %s), workgroup %d, subgroup %d, median of %d%n", device.info().name(),
                    device.info().driverName(), device.info().driverInfo(), device.workgroupShape().size(),
                    device.info().subgroupSize(), repeats);
            double copyBytesPerSecond = copyBandwidth(device, report);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (long n : sizes) {
                rows.add(measureSize(device, Math.toIntExact(n), copyBytesPerSecond));
            }
            report.put("sizes", rows);
        }
        if (json != null) {
            dev.splatlight.core.asset.AtomicFiles.writeJson(json, report);
        }
        return 0;
    }

    private double copyBandwidth(Gpu device, Map<String, Object> report) {
        long bytes = Math.min(copyMiB << 20, device.info().maxStorageBufferRange() & ~15L);
        try (ResourceScope scope = new ResourceScope("copy benchmark")) {
            BufferCopy copy = scope.own(new BufferCopy(device));
            GpuBuffer source = scope.own(GpuBuffer.create(device, "copy source", bytes, MemoryKind.DEVICE));
            GpuBuffer destination = scope.own(GpuBuffer.create(device, "copy destination", bytes, MemoryKind.DEVICE));
            double seconds = medianSeconds(device, commands -> copy.record(commands, source, destination, bytes / 4), null);
            double bandwidth = 2.0 * bytes / seconds;
            System.out.printf("copy kernel, %d MiB: %.3f ms, %.2f TB/s (bytes read + written)%n", bytes >> 20,
                    seconds * 1e3, bandwidth / 1e12);
            report.put("copy_bytes", bytes);
            report.put("copy_ms", seconds * 1e3);
            report.put("copy_tb_per_s", bandwidth / 1e12);
            return bandwidth;
        }
    }

    private Map<String, Object> measureSize(Gpu device, int n, double copyBytesPerSecond) {
        SplittableRandom random = new SplittableRandom();
        int[] keys = random.ints(n).toArray();
        int[] small = random.ints(n, 0, 1000).toArray();
        int[] indices = new int[n];
        Arrays.setAll(indices, i -> i);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("n", n);
        try (ResourceScope scope = new ResourceScope("benchmark of " + n)) {
            PrefixScan scan = scope.own(new PrefixScan(device, n));
            RadixSort sort = scope.own(new RadixSort(device, n));
            BufferCopy copy = scope.own(new BufferCopy(device));
            GpuBuffer scanInput = scope.own(GpuBuffer.withData(device, "scan input", bytesOf(small)));
            GpuBuffer scanOutput = scope.own(GpuBuffer.create(device, "scan output", n * 4L, MemoryKind.DEVICE));
            GpuBuffer keySource = scope.own(GpuBuffer.withData(device, "random keys", bytesOf(keys)));
            GpuBuffer valueSource = scope.own(GpuBuffer.withData(device, "indices", bytesOf(indices)));
            GpuBuffer sortKeys = scope.own(GpuBuffer.create(device, "sort keys", n * 4L, MemoryKind.DEVICE));
            GpuBuffer sortValues = scope.own(GpuBuffer.create(device, "sort values", n * 4L, MemoryKind.DEVICE));

            double scanSeconds = medianSeconds(device, commands -> scan.record(commands, scanInput, scanOutput, n), null);
            checkScan(small, scanOutput);
            // The sort is in place, so each repetition restores the unsorted input first (outside the timed span).
            double sortSeconds = medianSeconds(device, commands -> sort.record(commands, sortKeys, sortValues, n, 32), commands -> {
                copy.record(commands, keySource, sortKeys, n);
                copy.record(commands, valueSource, sortValues, n);
            });
            checkSort(keys, sortKeys, sortValues);
            Map<String, Double> phases = sortPhases(device, sort, copy, keySource, valueSource, sortKeys, sortValues, n);

            int passes = 32 / RadixSort.BITS_PER_PASS;
            double floorSeconds = (double) passes * SORT_BYTES_PER_KEY_PER_PASS * n / copyBytesPerSecond;
            System.out.printf("n = %,d: scan %.3f ms (%.3f G elements/s), sort %.3f ms (%.3f G keys/s); "
                            + "sort floor %.3f ms at copy bandwidth (%d passes x %d B/key), %.0f%% of it%n",
                    n, scanSeconds * 1e3, n / scanSeconds / 1e9, sortSeconds * 1e3, n / sortSeconds / 1e9,
                    floorSeconds * 1e3, passes, SORT_BYTES_PER_KEY_PER_PASS, 100 * floorSeconds / sortSeconds);
            row.put("scan_ms", scanSeconds * 1e3);
            row.put("scan_g_elements_per_s", n / scanSeconds / 1e9);
            row.put("sort_ms", sortSeconds * 1e3);
            row.put("sort_g_keys_per_s", n / sortSeconds / 1e9);
            row.put("sort_floor_ms", floorSeconds * 1e3);
            row.put("sort_phase_ms", phases);
            System.out.printf("    sort phases (all passes, one run): count %.3f ms, scan %.3f ms, scatter %.3f ms%n",
                    phases.get("count"), phases.get("scan"), phases.get("scatter"));
            return row;
        }
    }

    /** Milliseconds spent in each phase of the sort, summed over its passes, for one run. */
    private static Map<String, Double> sortPhases(Gpu device, RadixSort sort, BufferCopy copy, GpuBuffer keySource,
                                                  GpuBuffer valueSource, GpuBuffer keys, GpuBuffer values, int n) {
        int marks = RadixSort.phaseMarks(32);
        try (GpuTimer timer = GpuTimer.create(device, marks)) {
            device.submitAndWait(commands -> {
                commands.resetTimer(timer);
                copy.record(commands, keySource, keys, n);
                copy.record(commands, valueSource, values, n);
                commands.barrier();
                sort.record(commands, keys, values, n, 32, timer);
            });
            double[] totals = new double[3];
            for (int mark = 0; mark + 1 < marks; mark++) {
                totals[mark % 3] += timer.elapsedNanos(mark, mark + 1) * 1e-6;
            }
            Map<String, Double> phases = new LinkedHashMap<>();
            phases.put("count", totals[0]);
            phases.put("scan", totals[1]);
            phases.put("scatter", totals[2]);
            return phases;
        }
    }

    /** Median over repetitions of the GPU time of {@code timed}, each preceded by untimed {@code setup}. */
    private double medianSeconds(Gpu device, Consumer<CommandRecorder> timed, Consumer<CommandRecorder> setup) {
        double[] seconds = new double[repeats];
        try (GpuTimer timer = GpuTimer.create(device, 2)) {
            for (int r = 0; r < repeats; r++) {
                device.submitAndWait(commands -> {
                    commands.resetTimer(timer);
                    if (setup != null) {
                        setup.accept(commands);
                        commands.barrier();
                    }
                    commands.timestamp(timer, 0);
                    timed.accept(commands);
                    commands.timestamp(timer, 1);
                });
                seconds[r] = timer.elapsedNanos(0, 1) * 1e-9;
            }
        }
        Arrays.sort(seconds);
        return seconds[repeats / 2];
    }

    private static void checkScan(int[] values, GpuBuffer output) {
        int[] result = ints(output, values.length);
        int running = 0;
        for (int i = 0; i < values.length; i++) {
            if (result[i] != running) {
                throw new IllegalStateException("scan result wrong at " + i + ": " + result[i] + " != " + running);
            }
            running += values[i];
        }
    }

    /** Stable order by unsigned key: sort (key with flipped sign bit, index) as signed longs. */
    private static void checkSort(int[] keys, GpuBuffer sortedKeys, GpuBuffer sortedValues) {
        long[] expected = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            expected[i] = ((long) (keys[i] ^ 0x80000000) << 32) | i;
        }
        Arrays.parallelSort(expected);
        int[] gotKeys = ints(sortedKeys, keys.length);
        int[] gotValues = ints(sortedValues, keys.length);
        for (int i = 0; i < keys.length; i++) {
            int key = (int) (expected[i] >> 32) ^ 0x80000000;
            int index = (int) expected[i];
            if (gotKeys[i] != key || gotValues[i] != index) {
                throw new IllegalStateException("sort result wrong at " + i + ": (" + gotKeys[i] + ", " + gotValues[i]
                        + ") != (" + key + ", " + index + ")");
            }
        }
    }

    private static ByteBuffer bytesOf(int[] values) {
        ByteBuffer bytes = ByteBuffer.allocateDirect(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asIntBuffer().put(values);
        return bytes;
    }

    private static int[] ints(GpuBuffer buffer, int n) {
        int[] out = new int[n];
        buffer.download(n * 4L).asIntBuffer().get(out);
        return out;
    }
}
