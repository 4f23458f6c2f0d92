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
 * The Gaussians of the material stage: fixed geometry, trainable material logits [N, 5] with their Adam moments, the
 * normals [N, 3] (trained only with --normal-lr; n₀, the normals the stage started from, anchor them), and the
 * G-buffer features [N, 8] (normal, activated material) the rasterizer blends.
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
    public final GpuBuffer normals;              // [N, 3] unnormalised parameters
    public final GpuBuffer anchorNormals;        // [N, 3] n₀
    public final GpuBuffer normalGradients;      // [N, 3]
    private final GpuBuffer normalFirstMoments;  // [N, 3]
    private final GpuBuffer normalSecondMoments; // [N, 3]

    /**
     * @param moments       [2, N, 5] Adam moments to resume with, or null for zeros
     * @param normalValues  [N, 3] normals to resume with, or null for the geometry's
     * @param normalMoments [2, N, 3] their Adam moments, or null for zeros
     */
    public MaterialGaussians(Gpu gpu, GaussianCloud geometry, float[] logitValues, float[] moments, float[] normalValues,
                             float[] normalMoments) {
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
            firstMoments = buffers.own(GpuBuffer.withFloats(gpu, "material Adam m [N, 5] f32", half(moments, 0, 5 * count)));
            secondMoments = buffers.own(GpuBuffer.withFloats(gpu, "material Adam v [N, 5] f32", half(moments, 1, 5 * count)));
            float[] start = geometry.normals.length == 3 * count ? geometry.normals : new float[3 * count];
            normals = buffers.own(GpuBuffer.withFloats(gpu, "normals [N, 3] f32", normalValues != null ? normalValues : start));
            anchorNormals = buffers.own(GpuBuffer.withFloats(gpu, "anchor normals [N, 3] f32", unit(start)));
            normalGradients = buffers.own(GpuBuffer.create(gpu, "∂L/∂normals [N, 3] f32", 12L * n, MemoryKind.DEVICE));
            normalFirstMoments = buffers.own(GpuBuffer.withFloats(gpu, "normal Adam m [N, 3] f32", half(normalMoments, 0, 3 * count)));
            normalSecondMoments = buffers.own(GpuBuffer.withFloats(gpu, "normal Adam v [N, 3] f32", half(normalMoments, 1, 3 * count)));
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

    public void recordNormalAdam(CommandRecorder commands, AdamStep adam, float learningRate, int t) {
        adam.record(commands, normals, normalGradients, normalFirstMoments, normalSecondMoments, 3L * count, 3, 0, 0,
                learningRate, t);
    }

    /** The normals as unit vectors [N, 3] (waits for the GPU); a zero parameter stays zero. */
    public float[] downloadNormals() {
        return unit(normals.readFloats(3 * count));
    }

    /** The normal parameters [N, 3] as trained, and their Adam moments [2, N, 3] (wait for the GPU). */
    public float[] downloadNormalParameters() {
        return normals.readFloats(3 * count);
    }

    public float[] downloadNormalMoments() {
        return concatenated(normalFirstMoments, normalSecondMoments, 3 * count);
    }

    /** [2, floats]: the first buffer's floats, then the second's (Adam's moments as checkpoints keep them). */
    private static float[] concatenated(GpuBuffer first, GpuBuffer second, int floats) {
        float[] both = new float[2 * floats];
        System.arraycopy(first.readFloats(floats), 0, both, 0, floats);
        System.arraycopy(second.readFloats(floats), 0, both, floats, floats);
        return both;
    }

    /** Half {@code which} (0: first moments, 1: second) of [2, floats] moments, or zeros when there are none. */
    private static float[] half(float[] moments, int which, int floats) {
        float[] out = new float[floats];
        if (moments != null) {
            System.arraycopy(moments, which * floats, out, 0, floats);
        }
        return out;
    }

    private static float[] unit(float[] vectors) {
        float[] out = new float[vectors.length];
        for (int i = 0; i < vectors.length; i += 3) {
            double length = Math.sqrt(vectors[i] * vectors[i] + vectors[i + 1] * vectors[i + 1] + vectors[i + 2] * vectors[i + 2]);
            for (int c = 0; c < 3 && length > 1e-10; c++) {
                out[i + c] = (float) (vectors[i + c] / length);
            }
        }
        return out;
    }

    /** The logits [N, 5] (waits for the GPU). */
    public float[] downloadLogits() {
        return logits.readFloats(5 * count);
    }

    /** Adam's moments [2, N, 5] (waits for the GPU). */
    public float[] downloadMoments() {
        return concatenated(firstMoments, secondMoments, 5 * count);
    }

    @Override
    public void close() {
        buffers.close();
    }
}
