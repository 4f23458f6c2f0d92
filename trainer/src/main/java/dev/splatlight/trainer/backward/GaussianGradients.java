package dev.splatlight.trainer.backward;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.ResourceScope;

/**
 * ∂L/∂(Gaussian parameters), in the layouts of {@code GaussianBuffers}, for up to {@link #capacity()} Gaussians, and
 * the per-splat screen-space gradient the blend backward accumulates ([N, 10]: centre, conic, opacity, colour, depth).
 */
public final class GaussianGradients implements AutoCloseable {
    private final int capacity;
    private final int featureChannels;
    private final ResourceScope buffers = new ResourceScope("gaussian gradients");
    public final GpuBuffer means;          // [N, 3]
    public final GpuBuffer logScales;      // [N, 3]
    public final GpuBuffer rotations;      // [N, 4]
    public final GpuBuffer opacityLogits;  // [N]
    public final GpuBuffer sh;             // [N, 16, 3]
    public final GpuBuffer features;       // [N, F], accumulated by the blend backward
    public final GpuBuffer screen;         // [N, 10], accumulated by the blend backward

    public GaussianGradients(Gpu gpu, int capacity, int featureChannels) {
        this.capacity = capacity;
        this.featureChannels = featureChannels;
        long n = Math.max(1, capacity);
        try {
            means = buffers.own(GpuBuffer.create(gpu, "∂L/∂means [N, 3] f32", n * 12, MemoryKind.DEVICE));
            logScales = buffers.own(GpuBuffer.create(gpu, "∂L/∂log scales [N, 3] f32", n * 12, MemoryKind.DEVICE));
            rotations = buffers.own(GpuBuffer.create(gpu, "∂L/∂rotations [N, 4] f32", n * 16, MemoryKind.DEVICE));
            opacityLogits = buffers.own(GpuBuffer.create(gpu, "∂L/∂opacity logits [N] f32", n * 4, MemoryKind.DEVICE));
            sh = buffers.own(GpuBuffer.create(gpu, "∂L/∂SH [N, 16, 3] f32", n * 192, MemoryKind.DEVICE));
            features = buffers.own(GpuBuffer.create(gpu, "∂L/∂features [N, F] f32", n * Math.max(1, featureChannels) * 4,
                    MemoryKind.DEVICE));
            screen = buffers.own(GpuBuffer.create(gpu, "∂L/∂projected splats [N, 10] f32", n * 40, MemoryKind.DEVICE));
        } catch (RuntimeException e) {
            buffers.close();
            throw e;
        }
    }

    public int capacity() {
        return capacity;
    }

    public int featureChannels() {
        return featureChannels;
    }

    @Override
    public void close() {
        buffers.close();
    }
}
