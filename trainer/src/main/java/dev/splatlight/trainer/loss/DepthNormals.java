package dev.splatlight.trainer.loss;

import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.ComputeKernel;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.gpu.SpecializationConstants;
import dev.splatlight.shaders.ShaderProgram;

/**
 * Normals from a render's depth (GS-IR's, trainer/depth_normals.comp), per pixel, world space, zero where there is
 * none: the target of the geometry stage's normal consistency ({@link NormalLosses}), and what eval scores beside the
 * splats' normals; and the adjoint (trainer/depth_normals_backward.comp), which carries a gradient on those normals
 * into the depth.
 */
public final class DepthNormals implements AutoCloseable {
    private static final int GROUP = 256;
    private final int pixels;
    private final ResourceScope resources = new ResourceScope("normals from depth");
    private final ComputeKernel kernel, backward;
    private final GpuBuffer normals;  // [3, H, W]
    private final GpuBuffer gradient; // [3, H, W]: ∂L/∂normals, for the backward

    public DepthNormals(Gpu gpu, int width, int height) {
        this.pixels = width * height;
        try {
            kernel = resources.own(ComputeKernel.create(gpu, ShaderProgram.DEPTH_NORMALS, SpecializationConstants.none()));
            backward = resources.own(ComputeKernel.create(gpu, ShaderProgram.DEPTH_NORMALS_BACKWARD, SpecializationConstants.none()));
            normals = resources.own(GpuBuffer.create(gpu, "normals from depth [3, H, W] f32", 12L * pixels, MemoryKind.DEVICE));
            gradient = resources.own(GpuBuffer.create(gpu, "∂L/∂normals from depth [3, H, W] f32", 12L * pixels, MemoryKind.DEVICE));
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /**
     * Records the normals of {@code depth} (and the count of pixels that have one into {@code terms});
     * {@code frameUniforms} are those of the render that produced it.
     */
    public void record(CommandRecorder commands, GpuBuffer frameUniforms, GpuBuffer depth, LossTerms terms) {
        commands.dispatch(kernel.call().buffer("SplatFrame", frameUniforms).buffer("Depth", depth)
                .buffer("DepthNormals", normals).buffer("LossTerms", terms.buffer()), (pixels + GROUP - 1) / GROUP);
    }

    /**
     * Records ∂L/∂depth, added into {@code gradDepth} ([H, W]), from ∂L/∂normals in {@link #gradient()} for the normals
     * last recorded from {@code depth} (same frame).
     */
    public void recordBackward(CommandRecorder commands, GpuBuffer frameUniforms, GpuBuffer depth, GpuBuffer gradDepth) {
        commands.dispatch(backward.call().buffer("SplatFrame", frameUniforms).buffer("Depth", depth)
                .buffer("DepthNormals", normals).buffer("GradDepthNormals", gradient).buffer("GradDepth", gradDepth),
                (pixels + GROUP - 1) / GROUP);
    }

    /** Where a loss writes ∂L/∂normals for {@link #recordBackward}, [3, H, W] world space. */
    public GpuBuffer gradient() {
        return gradient;
    }

    /** The normals of the last recorded depth, [3, H, W]. */
    public GpuBuffer normals() {
        return normals;
    }

    @Override
    public void close() {
        resources.close();
    }
}
