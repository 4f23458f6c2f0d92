package dev.splatlight.trainer.material;

import dev.splatlight.core.asset.RelightableAsset;
import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.ComputeKernel;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.gpu.SpecializationConstants;
import dev.splatlight.shaders.ShaderProgram;

/**
 * Material logits (and learned normals) → G-buffer features (material_activate.comp) and back for gradients (its
 * backward, which adds the normal anchor).
 */
public final class MaterialActivation implements AutoCloseable {
    private static final int GROUP = 256;
    private final ResourceScope kernels = new ResourceScope("material activation");
    private final ComputeKernel forward;
    private final ComputeKernel backward;

    public MaterialActivation(Gpu gpu) {
        try {
            forward = kernels.own(ComputeKernel.create(gpu, ShaderProgram.MATERIAL_ACTIVATE, SpecializationConstants.none()));
            backward = kernels.own(ComputeKernel.create(gpu, ShaderProgram.MATERIAL_ACTIVATE_BACKWARD, SpecializationConstants.none()));
        } catch (RuntimeException e) {
            kernels.close();
            throw e;
        }
    }

    /**
     * The same activation on the host (include/trainer/material_parameters.glsl): logits [N, 5] → linear albedo,
     * roughness in [0.04, 1] and metallic, as the asset stores them.
     */
    public static RelightableAsset.Material onHost(float[] logits) {
        int n = logits.length / 5;
        float[] albedo = new float[3 * n], roughness = new float[n], metallic = new float[n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                albedo[3 * i + c] = sigmoid(logits[5 * i + c]);
            }
            roughness[i] = 0.04f + 0.96f * sigmoid(logits[5 * i + 3]);
            metallic[i] = sigmoid(logits[5 * i + 4]);
        }
        return new RelightableAsset.Material(albedo, roughness, metallic);
    }

    private static float sigmoid(float x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }

    /** @param learnNormals write the normalised normal parameters into the features too */
    public void recordForward(CommandRecorder commands, MaterialGaussians gaussians, boolean learnNormals) {
        commands.dispatch(forward.call().buffer("MaterialLogits", gaussians.logits).buffer("Features", gaussians.splats.features)
                .buffer("Normals", gaussians.normals).pushInt(gaussians.count()).pushInt(learnNormals ? 1 : 0),
                groups(gaussians.count()));
    }

    /**
     * ∂L/∂logits from {@code gaussians.featureGradients}; with {@code learnNormals} also ∂L/∂normals, including the
     * anchor {@code anchorWeight}·mean(1 − n·n₀).
     */
    public void recordBackward(CommandRecorder commands, MaterialGaussians gaussians, boolean learnNormals, float anchorWeight) {
        commands.dispatch(backward.call().buffer("MaterialLogits", gaussians.logits)
                .buffer("FeatureGradients", gaussians.featureGradients).buffer("LogitGradients", gaussians.logitGradients)
                .buffer("Normals", gaussians.normals).buffer("AnchorNormals", gaussians.anchorNormals)
                .buffer("NormalGradients", gaussians.normalGradients).pushInt(gaussians.count()).pushInt(learnNormals ? 1 : 0)
                .pushFloat(anchorWeight / Math.max(1, gaussians.count())), groups(gaussians.count()));
    }

    private static int groups(int n) {
        return (n + GROUP - 1) / GROUP;
    }

    @Override
    public void close() {
        kernels.close();
    }
}
