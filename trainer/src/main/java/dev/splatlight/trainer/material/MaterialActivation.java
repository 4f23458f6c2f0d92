package dev.splatlight.trainer.material;

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
