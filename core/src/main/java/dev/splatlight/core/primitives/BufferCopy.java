package dev.splatlight.core.primitives;

import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.ComputeKernel;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.shaders.ShaderProgram;

/**
 * Device-to-device buffer copy with a compute kernel (16-byte words, grid-stride): on NVIDIA it runs at several
 * times the speed of vkCmdCopyBuffer (design.md §4).
 */
public final class BufferCopy implements AutoCloseable {
    /** Enough workgroups to fill any current GPU; each invocation then strides over the rest. */
    private static final int MAX_GROUPS = 4096;
    private final ComputeKernel kernel;

    public BufferCopy(Gpu gpu) {
        this.kernel = ComputeKernel.create(gpu, ShaderProgram.BUFFER_COPY);
    }

    /** Records a copy of the first {@code elements} u32 values; the destination's later elements are kept. */
    public void record(CommandRecorder commands, GpuBuffer source, GpuBuffer destination, long elements) {
        long wordBytes = (elements + 3) / 4 * 16;
        if (wordBytes > source.size() || wordBytes > destination.size()) {
            throw new IllegalArgumentException("copy of " + elements + " u32 exceeds '" + source.name() + "' or '"
                    + destination.name() + "'");
        }
        if (elements == 0) {
            return;
        }
        long words = (elements + 3) / 4;
        int groups = (int) Math.min(MAX_GROUPS, (words + kernel.workgroupSize() - 1) / kernel.workgroupSize());
        commands.dispatch(kernel.call()
                .buffer("Source", source, 0, wordBytes)
                .buffer("Destination", destination, 0, wordBytes)
                .pushInt(Math.toIntExact(elements)), groups);
    }

    @Override
    public void close() {
        kernel.close();
    }
}
