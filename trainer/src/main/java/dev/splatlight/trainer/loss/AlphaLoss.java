package dev.splatlight.trainer.loss;

import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.ComputeKernel;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.SpecializationConstants;
import dev.splatlight.shaders.ShaderProgram;

/**
 * The geometry stage's alpha term ({@code --alpha-weight}; trainer/alpha_loss.comp): λα·mean over pixels of
 * |rendered opacity − photo alpha|. Photos whose alpha marks the background say where nothing is; without this a
 * Gaussian that is black against a black background costs nothing, and relighting may light it.
 */
public final class AlphaLoss implements AutoCloseable {
    private static final int GROUP = 256;
    private final ComputeKernel kernel;

    public AlphaLoss(Gpu gpu) {
        kernel = ComputeKernel.create(gpu, ShaderProgram.ALPHA_LOSS, SpecializationConstants.none());
    }

    /**
     * Adds ∂L/∂(rendered opacity) into {@code gradOpacity} ([H, W]) and Σ|O − α| into {@code terms}; {@code opacity}
     * and {@code targetRgba8} hold {@code pixels} values each.
     */
    public void record(CommandRecorder commands, GpuBuffer opacity, GpuBuffer targetRgba8, int pixels, float weight,
                       GpuBuffer gradOpacity, LossTerms terms) {
        commands.dispatch(kernel.call().buffer("PixelOpacity", opacity).buffer("Target", targetRgba8)
                .buffer("GradOpacity", gradOpacity).buffer("LossTerms", terms.buffer())
                .pushInt(pixels).pushFloat(weight / pixels), (pixels + GROUP - 1) / GROUP);
        commands.barrier();
    }

    /** The term's value, λα·mean|O − α|, from the step's sums over {@code pixels} pixels. */
    public static double value(float[] sums, int pixels, float weight) {
        return weight * sums[LossTerms.ALPHA] / pixels;
    }

    @Override
    public void close() {
        kernel.close();
    }
}
