package dev.splatlight.trainer.backward;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.ResourceScope;

/** ∂L/∂(rendered images), planar like the raster targets: what the losses write and the backward pass reads. */
public final class PixelGradients implements AutoCloseable {
    private final int width;
    private final int height;
    private final int featureChannels;
    private final ResourceScope buffers = new ResourceScope("pixel gradients");
    public final GpuBuffer color;     // [3, H, W]
    public final GpuBuffer opacity;   // [H, W]
    public final GpuBuffer depth;     // [H, W] (of the alpha-normalised depth)
    public final GpuBuffer features;  // [F, H, W]

    public PixelGradients(Gpu gpu, int width, int height, int featureChannels) {
        this.width = width;
        this.height = height;
        this.featureChannels = featureChannels;
        long pixels = (long) width * height;
        try {
            color = buffers.own(GpuBuffer.create(gpu, "∂L/∂colour [3, H, W] f32", 3 * pixels * 4, MemoryKind.DEVICE));
            opacity = buffers.own(GpuBuffer.create(gpu, "∂L/∂opacity [H, W] f32", pixels * 4, MemoryKind.DEVICE));
            depth = buffers.own(GpuBuffer.create(gpu, "∂L/∂depth [H, W] f32", pixels * 4, MemoryKind.DEVICE));
            features = buffers.own(GpuBuffer.create(gpu, "∂L/∂features [F, H, W] f32",
                    Math.max(1, featureChannels) * pixels * 4, MemoryKind.DEVICE));
        } catch (RuntimeException e) {
            buffers.close();
            throw e;
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int featureChannels() {
        return featureChannels;
    }

    @Override
    public void close() {
        buffers.close();
    }
}
