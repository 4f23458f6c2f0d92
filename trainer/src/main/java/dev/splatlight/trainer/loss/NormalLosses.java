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
     * are those of the render that produced {@code depth} and {@code normals}. With a depth coupling in {@code weights}
     * the consistency's gradient on the depth is added into {@code gradDepth} ([H, W]; may be null without).
     */
    public void record(CommandRecorder commands, GpuBuffer frameUniforms, GpuBuffer depth, GpuBuffer normals,
                       GpuBuffer targetRgba8, Vector3fc background, NormalLossWeights weights, GpuBuffer gradDepth,
                       GpuBuffer gradNormals, LossTerms terms) {
        MirrorNormalShares mirror = weights.mirror() == null ? MirrorNormalShares.ALL : weights.mirror();
        int pixels = width * height;
        depthNormals.record(commands, frameUniforms, depth, terms);
        commands.barrier();
        commands.dispatch(losses.call().buffer("Normals", normals).buffer("DepthNormals", depthNormals.normals())
                .buffer("Target", targetRgba8).buffer("GradNormals", gradNormals).buffer("LossTerms", terms.buffer())
                .buffer("GradDepthNormals", depthNormals.gradient())
                .pushInts(width, height).pushFloat(weights.consistency()).pushFloat(weights.smoothness())
                .pushFloat(background.x()).pushFloat(background.y()).pushFloat(background.z())
                .pushInt(weights.mirror() != null ? 1 : 0).pushFloat(mirror.smoothness()).pushFloat(mirror.consistency())
                .pushFloat(weights.depthCoupling()).pushFloat(mirror.edges()), groups(pixels));
        commands.barrier();
        if (weights.depthCoupling() > 0) {
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
