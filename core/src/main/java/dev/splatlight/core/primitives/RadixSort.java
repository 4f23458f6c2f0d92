package dev.splatlight.core.primitives;

import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.ComputeKernel;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.GpuTimer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.gpu.WorkgroupShape;
import dev.splatlight.shaders.ShaderProgram;

/**
 * Stable least-significant-digit radix sort of (u32 key, u32 value) pairs, 8 bits per pass. Each pass counts digits
 * per block, scans the digit-major count table with {@link PrefixScan}, and scatters stably (subgroup digit matching,
 * see radix_sort_scatter.comp). Narrow keys (below 2^keyBits) need fewer passes.
 *
 * <p>Traffic per pass and key: 4 B read (count) + 8 B read + 8 B written (scatter), plus the count table.
 */
public final class RadixSort implements AutoCloseable {
    public static final int BITS_PER_PASS = 8;
    private static final int RADIX = 1 << BITS_PER_PASS;

    private final Gpu gpu;
    private final long capacity;
    private final ResourceScope resources = new ResourceScope("radix sort");
    private final ComputeKernel countDigits;
    private final ComputeKernel scatter;
    private final PrefixScan digitScan;
    private final BufferCopy copy;
    private final GpuBuffer scratchKeys;   // [capacity] u32, the other half of the ping-pong
    private final GpuBuffer scratchValues; // [capacity] u32
    private final GpuBuffer digitTable;    // [RADIX, blocks] u32: counts, then (scanned) first positions
    private final GpuBuffer count;         // [1] u32: keys to sort, filled by record or written by a GPU pass

    public RadixSort(Gpu gpu, long capacity) {
        this.gpu = gpu;
        this.capacity = capacity;
        try {
            WorkgroupShape shape = gpu.workgroupShape();
            long blocks = Math.max(1, shape.blocksFor(capacity));
            if (blocks > gpu.info().maxWorkgroupCountX()) {
                throw new IllegalArgumentException("radix sort of " + capacity + " keys needs " + blocks
                        + " workgroups; this device dispatches at most " + gpu.info().maxWorkgroupCountX());
            }
            countDigits = resources.own(ComputeKernel.create(gpu, ShaderProgram.RADIX_SORT_COUNT));
            scatter = resources.own(ComputeKernel.create(gpu, ShaderProgram.RADIX_SORT_SCATTER));
            digitScan = resources.own(new PrefixScan(gpu, RADIX * blocks));
            copy = resources.own(new BufferCopy(gpu));
            scratchKeys = resources.own(GpuBuffer.create(gpu, "sort scratch keys [" + capacity + "] u32", capacity * 4, MemoryKind.DEVICE));
            scratchValues = resources.own(GpuBuffer.create(gpu, "sort scratch values [" + capacity + "] u32", capacity * 4, MemoryKind.DEVICE));
            digitTable = resources.own(GpuBuffer.create(gpu, "sort digit table [256, " + blocks + "] u32", RADIX * blocks * 4, MemoryKind.DEVICE));
            count = resources.own(GpuBuffer.create(gpu, "sort count [1] u32", 4, MemoryKind.DEVICE));
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /**
     * Records a sort of the first {@code n} pairs, in place: {@code keys} and {@code values} hold the sorted pairs
     * afterwards. Equal keys keep their input order. Every key must be below 2^{@code keyBits} (1..32): only
     * ceil(keyBits / 8) digit passes run, so higher bits are not all looked at.
     */
    public void record(CommandRecorder commands, GpuBuffer keys, GpuBuffer values, long n, int keyBits) {
        record(commands, keys, values, n, keyBits, null);
    }

    /** Timestamp marks {@link #record} with a phase timer writes: 3 per pass (count, scan, scatter) and one at the end. */
    public static int phaseMarks(int keyBits) {
        return 3 * ((keyBits + BITS_PER_PASS - 1) / BITS_PER_PASS) + 1;
    }

    /**
     * As {@link #record(CommandRecorder, GpuBuffer, GpuBuffer, long, int)}, writing timestamps before each phase of each
     * pass into {@code phases} (reset by the caller, {@link #phaseMarks} marks) when it is not null.
     */
    public void record(CommandRecorder commands, GpuBuffer keys, GpuBuffer values, long n, int keyBits, GpuTimer phases) {
        if (n > capacity) {
            throw new IllegalArgumentException("sort of " + n + " keys exceeds its capacity " + capacity);
        }
        if (keyBits < 1 || keyBits > 32) {
            throw new IllegalArgumentException("keyBits must be in 1..32, got " + keyBits);
        }
        if (n <= 1) {
            return;
        }
        commands.fill(count, (int) n);
        commands.barrier();
        recordPasses(commands, keys, values, count, n, keyBits, phases);
    }

    /**
     * Records a sort of the first {@code keyCount[0]} pairs, a count an earlier GPU pass wrote (at most the capacity),
     * so that the host need not read it back. The passes are sized for the capacity: blocks past the count cost a
     * dispatch of idle workgroups and zero rows in the digit table's scan.
     */
    public void recordCounted(CommandRecorder commands, GpuBuffer keys, GpuBuffer values, GpuBuffer keyCount, int keyBits) {
        if (keyBits < 1 || keyBits > 32) {
            throw new IllegalArgumentException("keyBits must be in 1..32, got " + keyBits);
        }
        recordPasses(commands, keys, values, keyCount, capacity, keyBits, null);
    }

    /** The digit passes over at most {@code n} keys, the actual count in {@code keyCount}. */
    private void recordPasses(CommandRecorder commands, GpuBuffer keys, GpuBuffer values, GpuBuffer keyCount, long n,
                              int keyBits, GpuTimer phases) {
        int blocks = gpu.workgroupShape().blocksFor(n);
        long bytes = n * 4;
        long tableBytes = (long) RADIX * blocks * 4;
        GpuBuffer keysIn = keys, valuesIn = values, keysOut = scratchKeys, valuesOut = scratchValues;
        int passes = (keyBits + BITS_PER_PASS - 1) / BITS_PER_PASS;
        for (int pass = 0; pass < passes; pass++) {
            int shift = pass * BITS_PER_PASS;
            mark(commands, phases, 3 * pass);
            commands.dispatch(countDigits.call().buffer("KeysIn", keysIn, 0, bytes).buffer("DigitCounts", digitTable, 0, tableBytes)
                    .buffer("SortCount", keyCount).pushInts(shift, blocks), blocks);
            commands.barrier();
            mark(commands, phases, 3 * pass + 1);
            digitScan.record(commands, digitTable, digitTable, (long) RADIX * blocks);
            commands.barrier();
            mark(commands, phases, 3 * pass + 2);
            commands.dispatch(scatter.call().buffer("KeysIn", keysIn, 0, bytes).buffer("ValuesIn", valuesIn, 0, bytes)
                    .buffer("KeysOut", keysOut, 0, bytes).buffer("ValuesOut", valuesOut, 0, bytes)
                    .buffer("DigitOffsets", digitTable, 0, tableBytes).buffer("SortCount", keyCount).pushInts(shift, blocks), blocks);
            commands.barrier();
            GpuBuffer swapKeys = keysIn, swapValues = valuesIn;
            keysIn = keysOut;
            valuesIn = valuesOut;
            keysOut = swapKeys;
            valuesOut = swapValues;
        }
        mark(commands, phases, 3 * passes);
        if (keysIn != keys) { // an odd number of passes left the result in the scratch buffers
            copy.record(commands, keysIn, keys, n);
            copy.record(commands, valuesIn, values, n);
            commands.barrier();
        }
    }

    private static void mark(CommandRecorder commands, GpuTimer phases, int index) {
        if (phases != null) {
            commands.timestamp(phases, index);
        }
    }

    public long capacity() {
        return capacity;
    }

    @Override
    public void close() {
        resources.close();
    }
}
