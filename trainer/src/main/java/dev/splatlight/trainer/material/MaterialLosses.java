package dev.splatlight.trainer.material;

import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.ComputeKernel;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.SpecializationConstants;
import dev.splatlight.core.light.ShadedImage;
import dev.splatlight.shaders.ShaderProgram;
import dev.splatlight.trainer.loss.LossTerms;
import org.joml.Vector3fc;

/**
 * The material stage's per-pixel losses (material_losses.comp): L1 of the shaded image against the photo, the
 * edge-aware smoothness of the material and the roughness/metallic prior; gradients to the shaded image and to the
 * G-buffer sums.
 */
public final class MaterialLosses implements AutoCloseable {
    private static final int GROUP = 256;
    private final ComputeKernel kernel;

    public MaterialLosses(Gpu gpu) {
        kernel = ComputeKernel.create(gpu, ShaderProgram.MATERIAL_LOSSES, SpecializationConstants.none());
    }

    /**
     * @param features     [8, H, W] G-buffer sums; @param opacity [H, W]; @param target RGBA8 photo
     * @param gradShaded   [3, H, W] written; @param gradFeatures [8, H, W] written (the shading backward adds to it)
     */
    public void record(CommandRecorder commands, ShadedImage shaded, GpuBuffer features, GpuBuffer opacity, GpuBuffer target,
                       Vector3fc background, MaterialSettings settings, GpuBuffer gradShaded, GpuBuffer gradFeatures,
                       LossTerms terms) {
        int pixels = shaded.width() * shaded.height();
        commands.dispatch(kernel.call().buffer("Shaded", shaded.color).buffer("Features", features)
                .buffer("PixelOpacity", opacity).buffer("Target", target).buffer("GradShaded", gradShaded)
                .buffer("GradFeatures", gradFeatures).buffer("LossTerms", terms.buffer())
                .pushInts(shaded.width(), shaded.height(), settings.gamma() ? 1 : 0)
                .pushFloat(settings.smoothnessWeight()).pushFloat(settings.priorWeight())
                .pushFloat(background.x()).pushFloat(background.y()).pushFloat(background.z())
                .pushFloat(settings.clipMargin()), (pixels + GROUP - 1) / GROUP);
    }

    @Override
    public void close() {
        kernel.close();
    }
}
