package dev.splatlight.core.light;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.ResourceScope;

/**
 * What {@link GBufferShader} writes for one image size: linear radiance and the occlusion and indirect terms it used
 * (the material stage's backward reads them back).
 */
public final class ShadedImage implements AutoCloseable {
    private final Gpu gpu;
    private final int width;
    private final int height;
    private GpuBuffer reflectionHits; // made on first use, as the next: only traced reflections need them
    private GpuBuffer reflectionRadiance;
    private final ResourceScope buffers = new ResourceScope("shaded image");
    public final GpuBuffer color;      // [3, H, W] linear radiance, 0 where uncovered
    public final GpuBuffer occlusion;  // [H, W] V (1 where uncovered or no volume)
    public final GpuBuffer indirect;   // [H, W] grey indirect irradiance I
    public final GpuBuffer specularOcclusion; // [H, W] V_R of the specular lobe (1 unless the light occludes it)
    public final GpuBuffer specularIndirect;  // [H, W] grey indirect light toward the reflected direction I_R
    public final GpuBuffer specularOcclusionSlope; // [H, W] ∂V_R/∂roughness (0 where V_R is clamped or not computed)

    public ShadedImage(Gpu gpu, int width, int height) {
        this.gpu = gpu;
        this.width = width;
        this.height = height;
        long pixels = (long) width * height;
        try {
            color = buffers.own(GpuBuffer.create(gpu, "shaded colour [3, H, W] f32", 12 * pixels, MemoryKind.DEVICE));
            occlusion = buffers.own(GpuBuffer.create(gpu, "shaded occlusion [H, W] f32", 4 * pixels, MemoryKind.DEVICE));
            indirect = buffers.own(GpuBuffer.create(gpu, "shaded indirect [H, W] f32", 4 * pixels, MemoryKind.DEVICE));
            specularOcclusion = buffers.own(GpuBuffer.create(gpu, "shaded specular occlusion [H, W] f32", 4 * pixels, MemoryKind.DEVICE));
            specularIndirect = buffers.own(GpuBuffer.create(gpu, "shaded specular indirect [H, W] f32", 4 * pixels, MemoryKind.DEVICE));
            specularOcclusionSlope = buffers.own(GpuBuffer.create(gpu, "shaded ∂(specular occlusion)/∂roughness [H, W] f32",
                    4 * pixels, MemoryKind.DEVICE));
        } catch (RuntimeException e) {
            buffers.close();
            throw e;
        }
    }

    /** [{@link SceneReflections#HIT_CHANNELS}, H, W] what each pixel's reflected ray met (traced reflections only). */
    public GpuBuffer reflectionHits() {
        if (reflectionHits == null) {
            reflectionHits = buffers.own(GpuBuffer.create(gpu, "reflection hits [10, H, W] f32",
                    4L * SceneReflections.HIT_CHANNELS * width * height, MemoryKind.DEVICE));
        }
        return reflectionHits;
    }

    /** [3, H, W] the radiance each pixel's traced hit sends back along its reflected ray (traced reflections only). */
    public GpuBuffer reflectionRadiance() {
        if (reflectionRadiance == null) {
            reflectionRadiance = buffers.own(GpuBuffer.create(gpu, "reflected radiance [3, H, W] f32", 12L * width * height,
                    MemoryKind.DEVICE));
        }
        return reflectionRadiance;
    }

    /** Whether a traced-reflection shading has written {@link #reflectionHits} and {@link #reflectionRadiance}. */
    public boolean hasReflections() {
        return reflectionHits != null && reflectionRadiance != null;
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
