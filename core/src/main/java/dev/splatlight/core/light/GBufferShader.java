package dev.splatlight.core.light;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.ComputeKernel;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.gpu.SpecializationConstants;
import dev.splatlight.core.gpu.UniformBlock;
import dev.splatlight.shaders.ShaderProgram;
import org.joml.Matrix4f;
import org.joml.Vector3f;
import org.joml.Vector3fc;

/**
 * Deferred split-sum shading of a material G-buffer (light/shade_gbuffer.comp): the material stage's forward pass,
 * its evaluation's relighting and the viewer's composite all call this one kernel.
 */
public final class GBufferShader implements AutoCloseable {
    /** Features the G-buffer holds per pixel (include/light/gbuffer.glsl): normal, albedo, roughness, metallic. */
    public static final int GBUFFER_CHANNELS = 8;
    private static final int OCCLUSION = 1;
    private static final int INDIRECT = 2;
    private static final int SPECULAR_OCCLUSION = 4;
    private static final int REFLECTIONS = 8;
    private static final Vector3fc UNSCALED = new Vector3f(1); // the indirect light under the light it was learned with

    /**
     * The light a G-buffer is shaded with; occlusion and indirect may be null (then V = 1, I = 0). With
     * {@code specularOcclusion} (and an occlusion volume) the specular lobe is occluded too, and what it does not see
     * of the environment comes from the indirect term toward the reflected direction. With {@code reflections} the
     * glossy surfaces' reflected rays are traced through the scene first, and what they meet replaces part of their
     * specular light (docs/reflections.md).
     */
    public record Light(EnvironmentLight environment, DfgTable dfg, OcclusionBuffers occlusion, IndirectLight indirect,
                        boolean specularOcclusion, SceneReflections reflections) {
        public Light(EnvironmentLight environment, DfgTable dfg, OcclusionBuffers occlusion, IndirectLight indirect,
                     boolean specularOcclusion) {
            this(environment, dfg, occlusion, indirect, specularOcclusion, null);
        }

        public Light(EnvironmentLight environment, DfgTable dfg, OcclusionBuffers occlusion, IndirectLight indirect) {
            this(environment, dfg, occlusion, indirect, false, null);
        }

        /** This light with traced reflections of the scene (or without, for null). */
        public Light withReflections(SceneReflections traced) {
            return new Light(environment, dfg, occlusion, indirect, specularOcclusion, traced);
        }
    }

    /**
     * Material values that replace the G-buffer's everywhere (the viewer's preview); null components keep the asset's.
     *
     * @param albedo linear RGB, or null
     */
    public record Overrides(org.joml.Vector3fc albedo, Float roughness, Float metallic) {
        public static final Overrides NONE = new Overrides(null, null, null);
    }

    /**
     * An irradiance volume's coefficients on the GPU ([res³, 9] f32), where it lies, and the RGB scale it is shaded
     * with (1 under the light it was learned with; relighting scales it, {@code AssetScene.light}).
     */
    public record IndirectLight(GpuBuffer coefficients, int resolution, float bound, Vector3fc scale) {
        public IndirectLight(GpuBuffer coefficients, int resolution, float bound) {
            this(coefficients, resolution, bound, UNSCALED);
        }
    }

    private final ResourceScope resources = new ResourceScope("G-buffer shader");
    private final ComputeKernel kernel;
    private final UniformBlock frame;
    private final GpuBuffer frameBuffer;
    private final GpuBuffer unused; // bound where a light has no occlusion or indirect volume

    public GBufferShader(Gpu gpu) {
        try {
            kernel = resources.own(ComputeKernel.create(gpu, ShaderProgram.SHADE_GBUFFER, SpecializationConstants.none()));
            frame = new UniformBlock(kernel.reflection().uniformBlocks().get("ShadeFrame"));
            frameBuffer = resources.own(GpuBuffer.create(gpu, "shade frame uniforms", frame.layout().size(), MemoryKind.UPLOAD));
            unused = resources.own(GpuBuffer.create(gpu, "no volume [4] f32", 16, MemoryKind.DEVICE));
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /**
     * Records the shading of {@code features} ([8, H, W] Σ w·f), {@code depth} and {@code opacity} ([H, W]) seen by
     * {@code camera} into {@code out}. The uniforms are written now, so one recording per submission.
     */
    public void record(CommandRecorder commands, Camera camera, GpuBuffer features, GpuBuffer depth, GpuBuffer opacity,
                       Light light, ShadedImage out) {
        record(commands, camera, features, depth, opacity, light, Overrides.NONE, out);
    }

    /** As above, with material overrides (the viewer's preview). */
    public void record(CommandRecorder commands, Camera camera, GpuBuffer features, GpuBuffer depth, GpuBuffer opacity,
                       Light light, Overrides overrides, ShadedImage out) {
        if (out.width() != camera.width() || out.height() != camera.height()) {
            throw new IllegalArgumentException("shaded image " + out.width() + "x" + out.height() + " for a "
                    + camera.width() + "x" + camera.height() + " camera");
        }
        CubeChain chain = light.environment().chain();
        OcclusionBuffers occlusion = light.occlusion();
        IndirectLight indirect = light.indirect();
        Vector3fc indirectScale = indirect == null ? UNSCALED : indirect.scale();
        frame.putMat4("worldFromView", new Matrix4f(camera.viewFromWorld()).invertAffine())
                .putVec4("intrinsics", camera.fx(), camera.fy(), camera.cx(), camera.cy())
                .putVec3("cameraPosition", camera.position()).putInt("width", camera.width()).putInt("height", camera.height())
                .putInt("environmentBaseSize", chain.baseSize()).putInt("environmentLevels", chain.levels())
                .putInt("occlusionResolution", occlusion == null ? 2 : occlusion.volume().resolution())
                .putFloat("occlusionBound", occlusion == null ? 1 : occlusion.volume().bound())
                .putInt("irradianceResolution", indirect == null ? 2 : indirect.resolution())
                .putFloat("irradianceBound", indirect == null ? 1 : indirect.bound())
                .putInt("flags", (occlusion != null ? OCCLUSION : 0) | (indirect != null ? INDIRECT : 0)
                        | (occlusion != null && light.specularOcclusion() ? SPECULAR_OCCLUSION : 0)
                        | (light.reflections() != null ? REFLECTIONS : 0))
                .putVec4("indirectScale", indirectScale.x(), indirectScale.y(), indirectScale.z(), 0)
                .putVec4("overrideAlbedo", overrides.albedo() == null ? 0 : overrides.albedo().x(),
                        overrides.albedo() == null ? 0 : overrides.albedo().y(), overrides.albedo() == null ? 0 : overrides.albedo().z(),
                        overrides.albedo() == null ? 0 : 1)
                .putVec4("overrideMaterial", overrides.roughness() == null ? 0 : overrides.roughness(),
                        overrides.metallic() == null ? 0 : overrides.metallic(), overrides.roughness() == null ? 0 : 1,
                        overrides.metallic() == null ? 0 : 1);
        frameBuffer.upload(frame.bytes());
        GpuBuffer hits = unused, reflected = unused;
        if (light.reflections() != null) {
            hits = out.reflectionHits();
            reflected = out.reflectionRadiance();
            light.reflections().record(commands, frameBuffer, features, depth, opacity, hits, camera.width(), camera.height());
            commands.barrier();
        }
        commands.dispatch(kernel.call().buffer("ShadeFrame", frameBuffer).buffer("Features", features)
                .buffer("PixelDepth", depth).buffer("PixelOpacity", opacity)
                .buffer("Prefiltered", light.environment().prefiltered()).buffer("IrradianceCube", light.environment().irradiance())
                .buffer("Dfg", light.dfg().buffer())
                .buffer("OcclusionSlots", occlusion == null ? unused : occlusion.slots())
                .buffer("OcclusionCoefficients", occlusion == null ? unused : occlusion.coefficients())
                .buffer("IrradianceVolume", indirect == null ? unused : indirect.coefficients())
                .buffer("Shaded", out.color).buffer("Occlusion", out.occlusion).buffer("Indirect", out.indirect)
                .buffer("SpecularOcclusion", out.specularOcclusion).buffer("SpecularIndirect", out.specularIndirect)
                .buffer("SpecularOcclusionSlope", out.specularOcclusionSlope).buffer("ReflectionHits", hits).buffer("ReflectionRadiance", reflected),
                (camera.width() + 15) / 16, (camera.height() + 15) / 16);
    }

    /** The ShadeFrame uniforms of the last {@link #record} (what a backward pass of that shading binds). */
    public GpuBuffer frameUniforms() {
        return frameBuffer;
    }

    @Override
    public void close() {
        resources.close();
    }
}
