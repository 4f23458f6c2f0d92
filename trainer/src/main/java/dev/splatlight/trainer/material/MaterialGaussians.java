package dev.splatlight.trainer.material;

import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.light.GBufferShader;
import dev.splatlight.core.splat.GaussianBuffers;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.trainer.optim.AdamStep;

/**
 * The Gaussians of the material stage: fixed geometry and normals, trainable material logits [N, 5] with their Adam
 * moments, and the G-buffer features [N, 8] (normal, activated material) the rasterizer blends.
 */
public final class MaterialGaussians implements AutoCloseable {
    private final int count;
    private final ResourceScope buffers = new ResourceScope("material gaussians");
    public final GaussianBuffers splats;         // features [N, 8]: normal, albedo, roughness, metallic
    public final GpuBuffer logits;               // [N, 5]
    public final GpuBuffer logitGradients;       // [N, 5]
    public final GpuBuffer featureGradients;     // [N, 8]
    private final GpuBuffer firstMoments;        // [N, 5]
    private final GpuBuffer secondMoments;       // [N, 5]

    /** @param moments [2, N, 5] Adam moments to resume with, or null for zeros */
    public MaterialGaussians(Gpu gpu, GaussianCloud geometry, float[] logitValues, float[] moments) {
        count = geometry.count();
        int n = Math.max(1, count);
        try {
            float[] features = new float[GBufferShader.GBUFFER_CHANNELS * count];
            for (int i = 0; i < count; i++) {
                System.arraycopy(geometry.normals, 3 * i, features, GBufferShader.GBUFFER_CHANNELS * i, 3);
            }
            splats = buffers.own(GaussianBuffers.upload(gpu, geometry, features));
            logits = buffers.own(GpuBuffer.withFloats(gpu, "material logits [N, 5] f32", logitValues));
            logitGradients = buffers.own(GpuBuffer.create(gpu, "∂L/∂material logits [N, 5] f32", 20L * n, MemoryKind.DEVICE));
            featureGradients = buffers.own(GpuBuffer.create(gpu, "∂L/∂G-buffer features [N, 8] f32", 32L * n, MemoryKind.DEVICE));
            float[] first = new float[5 * count], second = new float[5 * count];
            if (moments != null) {
                System.arraycopy(moments, 0, first, 0, first.length);
                System.arraycopy(moments, first.length, second, 0, second.length);
            }
            firstMoments = buffers.own(GpuBuffer.withFloats(gpu, "material Adam m [N, 5] f32", first));
            secondMoments = buffers.own(GpuBuffer.withFloats(gpu, "material Adam v [N, 5] f32", second));
        } catch (RuntimeException e) {
            buffers.close();
            throw e;
        }
    }

    public int count() {
        return count;
    }

    public void recordAdam(CommandRecorder commands, AdamStep adam, float learningRate, int t) {
        adam.record(commands, logits, logitGradients, firstMoments, secondMoments, 5L * count, 5, 0, 0, learningRate, t);
    }

    /** The logits [N, 5] (waits for the GPU). */
    public float[] downloadLogits() {
        return logits.readFloats(5 * count);
    }

    /** Adam's moments [2, N, 5] (waits for the GPU). */
    public float[] downloadMoments() {
        float[] both = new float[10 * count];
        System.arraycopy(firstMoments.readFloats(5 * count), 0, both, 0, 5 * count);
        System.arraycopy(secondMoments.readFloats(5 * count), 0, both, 5 * count, 5 * count);
        return both;
    }

    @Override
    public void close() {
        buffers.close();
    }
}
