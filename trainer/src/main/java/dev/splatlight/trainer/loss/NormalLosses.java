package dev.splatlight.trainer.loss;

import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.ComputeKernel;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.gpu.SpecializationConstants;
import dev.splatlight.shaders.ShaderProgram;
import org.joml.Vector3fc;

/**
 * The geometry stage's normal terms (GS-IR): normals from the rendered depth ({@link DepthNormals}), λn·L1(N, N_depth)
 * on the pixels that have one, and λtv·edge-aware total variation of N; gradients with respect to the rendered normals.
 */
public final class NormalLosses implements AutoCloseable {
    private static final int GROUP = 256;
    private final int width;
    private final int height;
    private final ResourceScope resources = new ResourceScope("normal losses");
    private final DepthNormals depthNormals;
    private final ComputeKernel losses;

    public NormalLosses(Gpu gpu, int width, int height) {
        this.width = width;
        this.height = height;
        try {
            depthNormals = resources.own(new DepthNormals(gpu, width, height));
            losses = resources.own(ComputeKernel.create(gpu, ShaderProgram.NORMAL_LOSSES, SpecializationConstants.none()));
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /**
     * Records ∂L/∂normals into {@code gradNormals} ([3, H, W]) and the sums into {@code terms}; {@code frameUniforms}
     * are those of the render that produced {@code depth} and {@code normals}.
     */
    public void record(CommandRecorder commands, GpuBuffer frameUniforms, GpuBuffer depth, GpuBuffer normals,
                       GpuBuffer targetRgba8, Vector3fc background, float consistencyWeight, float smoothnessWeight,
                       GpuBuffer gradNormals, LossTerms terms) {
        record(commands, frameUniforms, depth, normals, targetRgba8, background, consistencyWeight, smoothnessWeight, false,
                MirrorNormalShares.ALL, 0, null, gradNormals, terms);
    }

    /**
     * As above; with {@code hasReflection} the features' plane 3 is the blended reflection strength R (held constant):
     * a pixel's consistency weight is scaled by 1 − (1 − {@code mirror.consistency()})·R, and a pixel pair's smoothness
     * weight by 1 − (1 − {@code mirror.smoothness()})·max R. With {@code depthCoupling} δ > 0 the consistency's
     * gradient reaches the depth too, δ times, added into {@code gradDepth} ([H, W]); at 0 (GS-IR) the depth's normals
     * are a fixed target and {@code gradDepth} may be null.
     */
    public void record(CommandRecorder commands, GpuBuffer frameUniforms, GpuBuffer depth, GpuBuffer normals,
                       GpuBuffer targetRgba8, Vector3fc background, float consistencyWeight, float smoothnessWeight,
                       boolean hasReflection, MirrorNormalShares mirror, float depthCoupling, GpuBuffer gradDepth,
                       GpuBuffer gradNormals, LossTerms terms) {
        int pixels = width * height;
        depthNormals.record(commands, frameUniforms, depth, terms);
        commands.barrier();
        commands.dispatch(losses.call().buffer("Normals", normals).buffer("DepthNormals", depthNormals.normals())
                .buffer("Target", targetRgba8).buffer("GradNormals", gradNormals).buffer("LossTerms", terms.buffer())
                .buffer("GradDepthNormals", depthNormals.gradient())
                .pushInts(width, height).pushFloat(consistencyWeight).pushFloat(smoothnessWeight)
                .pushFloat(background.x()).pushFloat(background.y()).pushFloat(background.z())
                .pushInt(hasReflection ? 1 : 0).pushFloat(mirror.smoothness()).pushFloat(mirror.consistency())
                .pushFloat(depthCoupling), groups(pixels));
        commands.barrier();
        if (depthCoupling > 0) {
            depthNormals.recordBackward(commands, frameUniforms, depth, gradDepth);
            commands.barrier();
        }
    }

    /** Normals from depth of the last recorded step ([3, H, W], zero where there is none). */
    public GpuBuffer normalsFromDepth() {
        return depthNormals.normals();
    }

    private static int groups(long count) {
        return (int) ((count + GROUP - 1) / GROUP);
    }

    @Override
    public void close() {
        resources.close();
    }
}
