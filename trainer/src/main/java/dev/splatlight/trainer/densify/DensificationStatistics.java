package dev.splatlight.trainer.densify;

import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.ComputeKernel;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.SpecializationConstants;
import dev.splatlight.core.splat.RenderedFrame;
import dev.splatlight.shaders.ShaderProgram;

/**
 * The per-view statistics densification decides from (densify_statistics.comp): for every splat visible in the
 * rendered view, Σ |∂L/∂centre| in NDC units, the number of views, and the largest screen radius.
 */
public final class DensificationStatistics implements AutoCloseable {
    private static final int GROUP = 256;
    private final ComputeKernel kernel;

    public DensificationStatistics(Gpu gpu) {
        kernel = ComputeKernel.create(gpu, ShaderProgram.DENSIFY_STATISTICS, SpecializationConstants.none());
    }

    /**
     * @param screenGradients [N, 10] the backward pass's screen-space gradients of {@code frame}'s splats
     * @param statistics [N] vec4 (Σ|∇|, views, max radius, 0), accumulated
     */
    public void record(CommandRecorder commands, RenderedFrame frame, GpuBuffer screenGradients, GpuBuffer statistics) {
        if (frame.splatCount() == 0) {
            return;
        }
        commands.dispatch(kernel.call().buffer("SplatFrame", frame.frameUniforms()).buffer("Projected", frame.projected())
                .buffer("SplatGradients", screenGradients).buffer("Statistics", statistics),
                (frame.splatCount() + GROUP - 1) / GROUP);
    }

    @Override
    public void close() {
        kernel.close();
    }
}
