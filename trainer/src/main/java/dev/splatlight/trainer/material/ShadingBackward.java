package dev.splatlight.trainer.material;

import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.ComputeKernel;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.SpecializationConstants;
import dev.splatlight.core.light.DfgTable;
import dev.splatlight.core.light.ShadedImage;
import dev.splatlight.shaders.ShaderProgram;

/**
 * Backward of the G-buffer shading (shade_gbuffer_backward.comp): material gradients into the G-buffer sums, light
 * gradients scattered into the learned environment's prefiltered and irradiance texels and the irradiance volume;
 * with {@code normalGradients}, also gradients to the normal sums. Where the forward traced reflections, what they
 * met is held (its radiance and coverage), as the occlusion is.
 */
public final class ShadingBackward implements AutoCloseable {
    private final ComputeKernel kernel;
    private final GpuBuffer unused; // bound for the irradiance volume and its gradient when indirect light is off

    public ShadingBackward(Gpu gpu, boolean normalGradients) {
        kernel = ComputeKernel.create(gpu, ShaderProgram.SHADE_GBUFFER_BACKWARD, SpecializationConstants.of(0, normalGradients ? 1 : 0));
        unused = GpuBuffer.create(gpu, "no irradiance volume [4] f32", 16, MemoryKind.DEVICE);
    }

    /**
     * @param shadeFrame the uniforms of the forward shading ({@code GBufferShader.frameUniforms()})
     * @param indirect   the learned volume, or null when indirect light is off
     */
    public void record(CommandRecorder commands, GpuBuffer shadeFrame, GpuBuffer features, GpuBuffer depth, GpuBuffer opacity,
                       LearnedEnvironment environment, DfgTable dfg, ShadedImage forward, GpuBuffer gradShaded,
                       GpuBuffer gradFeatures, LearnedIrradianceVolume indirect) {
        commands.dispatch(kernel.call().buffer("ShadeFrame", shadeFrame).buffer("Features", features).buffer("PixelDepth", depth)
                .buffer("PixelOpacity", opacity).buffer("Prefiltered", environment.light().prefiltered())
                .buffer("IrradianceCube", environment.light().irradiance()).buffer("Dfg", dfg.buffer())
                .buffer("Occlusion", forward.occlusion).buffer("Indirect", forward.indirect).buffer("GradShaded", gradShaded)
                .buffer("GradFeatures", gradFeatures).buffer("GradPrefiltered", environment.gradPrefiltered)
                .buffer("GradIrradianceCube", environment.gradIrradiance)
                .buffer("IrradianceVolume", indirect == null ? unused : indirect.coefficients)
                .buffer("GradIrradianceVolume", indirect == null ? unused : indirect.gradients)
                .buffer("SpecularOcclusion", forward.specularOcclusion).buffer("SpecularIndirect", forward.specularIndirect)
                .buffer("SpecularOcclusionSlope", forward.specularOcclusionSlope)
                .buffer("ReflectionHits", forward.hasReflections() ? forward.reflectionHits() : unused)
                .buffer("ReflectionRadiance", forward.hasReflections() ? forward.reflectionRadiance() : unused),
                (forward.width() + 15) / 16, (forward.height() + 15) / 16);
    }

    @Override
    public void close() {
        unused.close();
        kernel.close();
    }
}
