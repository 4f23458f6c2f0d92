package dev.splatlight.core.light;

import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.ComputeKernel;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.shaders.ShaderProgram;

/**
 * Traced reflections of a scene's Gaussians in its own glossy surfaces (light/trace_reflections.comp,
 * docs/reflections.md): the Gaussians as densities in a {@link GaussianRayGrid}, and the pass that traces each
 * G-buffer pixel's reflected ray through them. {@link GBufferShader} runs it before shading when a light asks for it.
 */
public final class SceneReflections implements AutoCloseable {
    /** Channels per pixel of the hits (include/light/reflection_hits.glsl): the G-buffer's, coverage, distance. */
    public static final int HIT_CHANNELS = GBufferShader.GBUFFER_CHANNELS + 2;

    private final ResourceScope resources = new ResourceScope("scene reflections");
    private final ComputeKernel kernel;
    private final GaussianRayGrid gaussians;
    private final GpuBuffer materials;

    /** With as many cells per axis as {@link ReflectionGrid#cellsFor} gives. */
    public SceneReflections(Gpu gpu, GaussianCloud cloud, GpuBuffer materials, float bound) {
        this(gpu, cloud, materials, bound, -1);
    }

    /**
     * @param materials the Gaussians' [G, 8] G-buffer features (normal, albedo, roughness, metallic), as the
     *                  splats are rasterised with; borrowed, not owned
     * @param bound     the grid spans [−bound, bound]³
     */
    public SceneReflections(Gpu gpu, GaussianCloud cloud, GpuBuffer materials, float bound, int cellsPerAxis) {
        this.materials = materials;
        try {
            gaussians = resources.own(new GaussianRayGrid(gpu, cloud, bound, cellsPerAxis));
            kernel = resources.own(ComputeKernel.create(gpu, ShaderProgram.TRACE_REFLECTIONS));
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    public ReflectionGrid grid() {
        return gaussians.grid();
    }

    /**
     * Records the trace of every pixel of a G-buffer ({@code features} [8, H, W], {@code depth}, {@code opacity})
     * seen by the camera in {@code shadeFrame} (GBufferShader's uniforms) into {@code hits}
     * ([{@link #HIT_CHANNELS}, H, W]).
     */
    void record(CommandRecorder commands, GpuBuffer shadeFrame, GpuBuffer features, GpuBuffer depth, GpuBuffer opacity,
                GpuBuffer hits, int width, int height) {
        commands.dispatch(gaussians.bind(kernel.call().buffer("ShadeFrame", shadeFrame).buffer("Features", features)
                        .buffer("PixelDepth", depth).buffer("PixelOpacity", opacity).buffer("Materials", materials)
                        .buffer("Hits", hits)),
                (width + 7) / 8, (height + 7) / 8);
    }

    @Override
    public void close() {
        resources.close();
    }
}
