package dev.splatlight.core.splat;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.ResourceScope;

/**
 * Gaussians on the GPU: one storage buffer per parameter, the layouts of {@link GaussianCloud}, plus
 * {@code featureChannels} floats per Gaussian that the rasterizer blends (normals in the geometry stage; albedo,
 * roughness, metallic and normal in the material stage).
 */
public final class GaussianBuffers implements AutoCloseable {
    private final int count;
    private final int featureChannels;
    private final ResourceScope buffers = new ResourceScope("gaussian buffers");
    public final GpuBuffer means;          // [N, 3]
    public final GpuBuffer logScales;      // [N, 3]
    public final GpuBuffer rotations;      // [N, 4]
    public final GpuBuffer opacityLogits;  // [N]
    public final GpuBuffer sh;             // [N, 16, 3]
    public final GpuBuffer features;       // [N, F]

    private GaussianBuffers(Gpu gpu, GaussianCloud cloud, float[] features, int featureChannels) {
        this.count = cloud.count();
        this.featureChannels = featureChannels;
        try {
            means = buffers.own(GpuBuffer.withFloats(gpu, "means [N, 3] f32", cloud.means));
            logScales = buffers.own(GpuBuffer.withFloats(gpu, "log scales [N, 3] f32", cloud.logScales));
            rotations = buffers.own(GpuBuffer.withFloats(gpu, "rotations [N, 4] f32", cloud.rotations));
            opacityLogits = buffers.own(GpuBuffer.withFloats(gpu, "opacity logits [N] f32", cloud.opacityLogits));
            this.sh = buffers.own(GpuBuffer.withFloats(gpu, "SH coefficients [N, 16, 3] f32", cloud.sh));
            this.features = buffers.own(features.length == 0
                    ? GpuBuffer.create(gpu, "features [N, 0]", 16, MemoryKind.DEVICE)
                    : GpuBuffer.withFloats(gpu, "features [N, " + featureChannels + "] f32", features));
        } catch (RuntimeException e) {
            buffers.close();
            throw e;
        }
    }

    /** Uploads a cloud and its blended features ({@code [N, F]}, F = features.length / N). */
    public static GaussianBuffers upload(Gpu gpu, GaussianCloud cloud, float[] features) {
        int n = cloud.count();
        if (n > 0 && features.length % n != 0) {
            throw new IllegalArgumentException(features.length + " feature floats do not divide among " + n + " Gaussians");
        }
        return new GaussianBuffers(gpu, cloud, features, n == 0 ? 0 : features.length / n);
    }

    /** Uploads a cloud whose blended features are its normals (the geometry stage's setup). */
    public static GaussianBuffers uploadWithNormals(Gpu gpu, GaussianCloud cloud) {
        return upload(gpu, cloud, cloud.normals);
    }

    public int count() {
        return count;
    }

    public int featureChannels() {
        return featureChannels;
    }

    @Override
    public void close() {
        buffers.close();
    }
}
