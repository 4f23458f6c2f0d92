package dev.splatlight.core.light;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.ResourceScope;

/** What {@link GBufferShader} writes for one image size: linear radiance and the occlusion and indirect terms it used. */
public final class ShadedImage implements AutoCloseable {
    private final int width;
    private final int height;
    private final ResourceScope buffers = new ResourceScope("shaded image");
    public final GpuBuffer color;      // [3, H, W] linear radiance, 0 where uncovered
    public final GpuBuffer occlusion;  // [H, W] V (1 where uncovered or no volume)
    public final GpuBuffer indirect;   // [H, W] grey indirect irradiance I

    public ShadedImage(Gpu gpu, int width, int height) {
        this.width = width;
        this.height = height;
        long pixels = (long) width * height;
        try {
            color = buffers.own(GpuBuffer.create(gpu, "shaded colour [3, H, W] f32", 12 * pixels, MemoryKind.DEVICE));
            occlusion = buffers.own(GpuBuffer.create(gpu, "shaded occlusion [H, W] f32", 4 * pixels, MemoryKind.DEVICE));
            indirect = buffers.own(GpuBuffer.create(gpu, "shaded indirect [H, W] f32", 4 * pixels, MemoryKind.DEVICE));
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

    @Override
    public void close() {
        buffers.close();
    }
}
