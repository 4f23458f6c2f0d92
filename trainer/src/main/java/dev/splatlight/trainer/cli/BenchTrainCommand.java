package dev.splatlight.trainer.cli;

import dev.splatlight.core.asset.AtomicFiles;
import dev.splatlight.core.asset.FileTrees;
import dev.splatlight.core.bench.HeapUsage;
import dev.splatlight.core.cli.BadInputException;
import dev.splatlight.core.cli.GpuChoice;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.trainer.TrainConfig;
import dev.splatlight.trainer.bake.BakeSettings;
import dev.splatlight.trainer.data.Dataset;
import dev.splatlight.trainer.material.MaterialSettings;
import dev.splatlight.trainer.stage.Pipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./splatlight bench-train}: a soak of the trainer — many short runs of all three stages in one process on one
 * device, as a long session or a service would do — with device memory (VMA) and host heap after each run: a leak
 * shows as growth from the first run to the last (docs/benchmarks.md).
 */
@Command(name = "bench-train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train the same dataset many times in one process (geometry, bake, material; short runs into a "
                + "temporary folder) and report device (VMA) and heap memory after each run, and the time per run.")
public final class BenchTrainCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "Dataset folder (as for train).")
    Path data;

    @Option(names = "--runs", defaultValue = "20", description = "Training runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--iterations", defaultValue = "300", description = "Geometry iterations per run (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--material-iterations", defaultValue = "100", description = "Material iterations per run (default: ${DEFAULT-VALUE}).")
    int materialIterations;

    @Option(names = "--bake-resolution", defaultValue = "32", description = "Occlusion probes per axis (default: ${DEFAULT-VALUE}).")
    int bakeResolution;

    @Option(names = "--initial-points", defaultValue = "20000", description = "Random initial Gaussians (default: ${DEFAULT-VALUE}).")
    int initialPoints;

    @Option(names = "--stages", split = ",", defaultValue = "geometry,bake,material",
            description = "Stages of each run, as for train (default: ${DEFAULT-VALUE}).")
    List<Pipeline.Stage> stages;

    @Option(names = "--json", description = "Also write the samples to this JSON file.")
    Path json;

    @Mixin
    PhotoOptions photos;

    @Mixin
    GpuChoice gpu;

    /**
     * Memory after one run: device bytes still allocated through VMA (a run frees all it made, so growth is a leak),
     * the device high-water mark so far, heap in use after a GC, and the run's seconds.
     */
    record Sample(int run, double seconds, long deviceBytes, long peakDeviceBytes, long heapBytes) {
    }

    @Override
    public Integer call() throws Exception {
        if (runs < 2 || iterations < 1 || materialIterations < 1 || bakeResolution < 2) {
            throw new BadInputException("bench-train needs --runs >= 2 and positive iterations and bake resolution");
        }
        Dataset dataset = photos.open(data);
        MaterialSettings material = MaterialSettings.DEFAULTS.withIterations(materialIterations);
        BakeSettings object = BakeSettings.OBJECT_SCENE;
        BakeSettings bake = BakeSettings.withDefaultNear(bakeResolution, object.bound(), object.threshold(), object.dilation());
        List<Sample> samples = new ArrayList<>();
        Path scratch = Files.createTempDirectory("splatlight-bench-train");
        try (Gpu device = gpu.open()) {
            System.err.println("GPU: " + device.info().name());
            for (int run = 1; run <= runs; run++) {
                Path out = scratch.resolve("run-" + run);
                TrainConfig config = TrainConfig.gsIr(data.toString(), out.toString(), iterations, false, initialPoints,
                        iterations, run, null);
                long start = System.nanoTime();
                new Pipeline(device, dataset, out, config, bake, material, false).run(EnumSet.copyOf(stages));
                double seconds = (System.nanoTime() - start) / 1e9;
                FileTrees.delete(out);
                samples.add(new Sample(run, seconds, device.allocatedBytes(), device.peakAllocatedBytes(), HeapUsage.afterCollection()));
                Sample s = samples.get(samples.size() - 1);
                System.out.printf(Locale.ROOT, "run %d/%d: %.1f s, device %.2f MiB held after it (peak %.1f MiB), heap %.2f MiB%n",
                        run, runs, seconds, s.deviceBytes() / 1048576.0, s.peakDeviceBytes() / 1048576.0, s.heapBytes() / 1048576.0);
            }
            report(device.info().name(), samples);
        } finally {
            FileTrees.delete(scratch);
        }
        return 0;
    }

    private void report(String gpuName, List<Sample> samples) throws java.io.IOException {
        Sample first = samples.get(0), last = samples.get(samples.size() - 1); // after run 1: caches and pools are warm
        long deviceMax = samples.stream().mapToLong(Sample::deviceBytes).max().orElse(0);
        long heapMax = samples.stream().mapToLong(Sample::heapBytes).max().orElse(0);
        System.out.printf(Locale.ROOT, "soak: %d runs of %d + bake + %d iterations; device %.2f → %.2f MiB (max %.2f), "
                        + "heap %.2f → %.2f MiB (max %.2f)%n", samples.size(), iterations, materialIterations,
                first.deviceBytes() / 1048576.0, last.deviceBytes() / 1048576.0, deviceMax / 1048576.0,
                first.heapBytes() / 1048576.0, last.heapBytes() / 1048576.0, heapMax / 1048576.0);
        if (json != null) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("gpu", gpuName);
            out.put("data", data.toString());
            out.put("geometry_iterations", iterations);
            out.put("material_iterations", materialIterations);
            out.put("bake_resolution", bakeResolution);
            out.put("runs", samples);
            AtomicFiles.writeJson(json, out);
        }
    }
}
