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
 * splats' normals.
 */
public final class DepthNormals implements AutoCloseable {
    private static final int GROUP = 256;
    private final int pixels;
    private final ResourceScope resources = new ResourceScope("normals from depth");
    private final ComputeKernel kernel;
    private final GpuBuffer normals; // [3, H, W]

    public DepthNormals(Gpu gpu, int width, int height) {
        this.pixels = width * height;
        try {
            kernel = resources.own(ComputeKernel.create(gpu, ShaderProgram.DEPTH_NORMALS, SpecializationConstants.none()));
            normals = resources.own(GpuBuffer.create(gpu, "normals from depth [3, H, W] f32", 12L * pixels, MemoryKind.DEVICE));
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

    /** The normals of the last recorded depth, [3, H, W]. */
    public GpuBuffer normals() {
        return normals;
    }

    @Override
    public void close() {
        resources.close();
    }
}
