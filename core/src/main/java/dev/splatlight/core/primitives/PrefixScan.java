package dev.splatlight.core.primitives;

import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.ComputeKernel;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.gpu.WorkgroupShape;
import dev.splatlight.shaders.ShaderProgram;
import java.util.ArrayList;
import java.util.List;

/**
 * Exclusive prefix sum of u32 values (wrapping on overflow), reduce-then-scan: block sums, a recursive scan of the
 * sums, then a per-block scan that adds them back. Three dispatches per level; a level covers
 * {@link WorkgroupShape#blockSize()} elements per block (1024 on lavapipe, 4096 on NVIDIA), so 16M elements need two
 * levels. Input and output may be the same buffer.
 */
public final class PrefixScan implements AutoCloseable {
    private final Gpu gpu;
    private final long capacity;
    private final ResourceScope resources = new ResourceScope("prefix scan");
    private final ComputeKernel reduce;
    private final ComputeKernel apply;
    private final List<GpuBuffer> blockSumsByLevel = new ArrayList<>(); // [level] → [blocks of that level] u32

    /** Allocates the block-sum buffers for scans of up to {@code capacity} elements. */
    public PrefixScan(Gpu gpu, long capacity) {
        this.gpu = gpu;
        this.capacity = capacity;
        try {
            reduce = resources.own(ComputeKernel.create(gpu, ShaderProgram.PREFIX_SCAN_REDUCE));
            apply = resources.own(ComputeKernel.create(gpu, ShaderProgram.PREFIX_SCAN_APPLY));
            WorkgroupShape shape = gpu.workgroupShape();
            long count = capacity;
            for (int level = 0; shape.blocksFor(count) > 1; level++) {
                count = shape.blocksFor(count);
                checkGroupCount(count);
                blockSumsByLevel.add(resources.own(GpuBuffer.create(gpu, "scan block sums, level " + level + " [" + count + "] u32",
                        count * 4, MemoryKind.DEVICE)));
            }
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    private void checkGroupCount(long blocks) {
        if (blocks > gpu.info().maxWorkgroupCountX()) {
            throw new IllegalArgumentException("prefix scan of " + capacity + " elements needs " + blocks
                    + " workgroups; this device dispatches at most " + gpu.info().maxWorkgroupCountX());
        }
    }

    /** Records {@code output[i] = input[0] + … + input[i-1]} for the first {@code count} elements. */
    public void record(CommandRecorder commands, GpuBuffer input, GpuBuffer output, long count) {
        if (count > capacity) {
            throw new IllegalArgumentException("prefix scan of " + count + " elements exceeds its capacity " + capacity);
        }
        if (count > 0) {
            scanLevel(commands, input, output, count, 0);
        }
    }

    private void scanLevel(CommandRecorder commands, GpuBuffer input, GpuBuffer output, long count, int level) {
        int blocks = gpu.workgroupShape().blocksFor(count);
        long bytes = count * 4;
        if (blocks == 1) {
            // One block: no offsets to add; the input stands in for the unused offsets binding.
            commands.dispatch(apply.call().buffer("DataIn", input, 0, bytes).buffer("DataOut", output, 0, bytes)
                    .buffer("BlockOffsets", input, 0, bytes).pushInts((int) count, 0), 1);
            return;
        }
        GpuBuffer sums = blockSumsByLevel.get(level);
        commands.dispatch(reduce.call().buffer("DataIn", input, 0, bytes).buffer("BlockSums", sums, 0, blocks * 4L)
                .pushInts((int) count, 0), blocks);
        commands.barrier();
        scanLevel(commands, sums, sums, blocks, level + 1);
        commands.barrier();
        commands.dispatch(apply.call().buffer("DataIn", input, 0, bytes).buffer("DataOut", output, 0, bytes)
                .buffer("BlockOffsets", sums, 0, blocks * 4L).pushInts((int) count, 1), blocks);
    }

    public long capacity() {
        return capacity;
    }

    @Override
    public void close() {
        resources.close();
    }
}
