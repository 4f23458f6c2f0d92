package dev.splatlight.core.splat;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.ResourceScope;

/**
 * The rasterizer's per-pixel outputs for one image size, planar float images ([channels, H, W]) in storage buffers:
 * what losses and the composite pass read, and what the backward pass needs (final transmittance, last contributor).
 */
public final class RasterTargets implements AutoCloseable {
    private final int width;
    private final int height;
    private final int featureChannels;
    private final ResourceScope buffers = new ResourceScope("raster targets");
    public final GpuBuffer color;            // [3, H, W] composited over the background
    public final GpuBuffer opacity;          // [H, W] Σ w
    public final GpuBuffer depth;            // [H, W] Σ w·z / Σ w (0 where Σ w ≤ 1e-6)
    public final GpuBuffer features;         // [F, H, W] Σ w·f
    public final GpuBuffer transmittance;    // [H, W] final T
    public final GpuBuffer lastContributor;  // [H, W] u32: 1-based position in the tile list of the last splat blended

    RasterTargets(Gpu gpu, int width, int height, int featureChannels) {
        this.width = width;
        this.height = height;
        this.featureChannels = featureChannels;
        long pixels = (long) width * height;
        try {
            color = buffers.own(GpuBuffer.create(gpu, "raster colour [3, H, W] f32", 3 * pixels * 4, MemoryKind.DEVICE));
            opacity = buffers.own(GpuBuffer.create(gpu, "raster opacity [H, W] f32", pixels * 4, MemoryKind.DEVICE));
            depth = buffers.own(GpuBuffer.create(gpu, "raster depth [H, W] f32", pixels * 4, MemoryKind.DEVICE));
            features = buffers.own(GpuBuffer.create(gpu, "raster features [F, H, W] f32",
                    Math.max(1, featureChannels) * pixels * 4, MemoryKind.DEVICE));
            transmittance = buffers.own(GpuBuffer.create(gpu, "raster transmittance [H, W] f32", pixels * 4, MemoryKind.DEVICE));
            lastContributor = buffers.own(GpuBuffer.create(gpu, "raster last contributor [H, W] u32", pixels * 4, MemoryKind.DEVICE));
        } catch (RuntimeException e) {
            buffers.close();
            throw e;
        }
    }

    boolean fits(int width, int height, int featureChannels) {
        return this.width == width && this.height == height && this.featureChannels == featureChannels;
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

    public long pixels() {
        return (long) width * height;
    }

    /** Downloads a planar image of {@code channels} floats per pixel. */
    public float[] read(GpuBuffer target, int channels) {
        return target.readFloats(Math.toIntExact(channels * pixels()));
    }

    @Override
    public void close() {
        buffers.close();
    }
}
