package dev.splatlight.core.light;

import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.ComputeKernel;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.splat.GaussianDensities;
import dev.splatlight.shaders.ShaderProgram;

/**
 * Traced reflections of a scene's Gaussians in its own glossy surfaces (light/trace_reflections.comp,
 * docs/reflections.md): the Gaussians as densities in a {@link ReflectionGrid} on the GPU, and the pass that traces each
 * G-buffer pixel's reflected ray through them. {@link GBufferShader} runs it before shading when a light asks for it.
 */
public final class SceneReflections implements AutoCloseable {
    /** Channels per pixel of the hits (include/light/reflection_hits.glsl): the G-buffer's, coverage, distance. */
    public static final int HIT_CHANNELS = GBufferShader.GBUFFER_CHANNELS + 2;
    /** Hits nearer than this many cells along the ray are the reflecting surface's own Gaussians. */
    static final float NEAR_CELLS = 0.5f;

    private final ResourceScope resources = new ResourceScope("scene reflections");
    private final ComputeKernel kernel;
    private final GpuBuffer densities;
    private final GpuBuffer cellStarts;
    private final GpuBuffer entries;
    private final GpuBuffer entrySpheres;
    private final GpuBuffer materials;
    private final ReflectionGrid grid;

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
        GaussianDensities gaussians = GaussianDensities.of(cloud);
        this.grid = cellsPerAxis > 0 ? ReflectionGrid.of(cloud, gaussians, bound, cellsPerAxis) : ReflectionGrid.of(cloud, gaussians, bound);
        try {
            kernel = resources.own(ComputeKernel.create(gpu, ShaderProgram.TRACE_REFLECTIONS));
            densities = resources.own(GpuBuffer.withFloats(gpu, "traced Gaussians [G, 11] f32",
                    nonEmpty(gaussians.packed())));
            cellStarts = resources.own(GpuBuffer.withInts(gpu, "reflection grid cell starts [cells³ + 1] u32", grid.cellStarts()));
            entries = resources.own(GpuBuffer.withInts(gpu, "reflection grid entries u32", nonEmpty(grid.entries())));
            entrySpheres = resources.own(GpuBuffer.withFloats(gpu, "reflection grid entries' reach spheres [entries, 4] f32",
                    nonEmpty(grid.entrySpheres())));
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    private static float[] nonEmpty(float[] values) {
        return values.length > 0 ? values : new float[1];
    }

    private static int[] nonEmpty(int[] values) {
        return values.length > 0 ? values : new int[1];
    }

    public ReflectionGrid grid() {
        return grid;
    }

    /**
     * Records the trace of every pixel of a G-buffer ({@code features} [8, H, W], {@code depth}, {@code opacity})
     * seen by the camera in {@code shadeFrame} (GBufferShader's uniforms) into {@code hits}
     * ([{@link #HIT_CHANNELS}, H, W]).
     */
    void record(CommandRecorder commands, GpuBuffer shadeFrame, GpuBuffer features, GpuBuffer depth, GpuBuffer opacity,
                GpuBuffer hits, int width, int height) {
        commands.dispatch(kernel.call().buffer("ShadeFrame", shadeFrame).buffer("Features", features)
                .buffer("PixelDepth", depth).buffer("PixelOpacity", opacity).buffer("Densities", densities)
                .buffer("Materials", materials).buffer("CellStarts", cellStarts).buffer("CellEntries", entries)
                .buffer("EntrySpheres", entrySpheres)
                .buffer("Hits", hits)
                .pushInt(grid.cellsPerAxis()).pushFloat(grid.originX()).pushFloat(grid.originY()).pushFloat(grid.originZ())
                .pushFloat(grid.cellSize()).pushFloat(NEAR_CELLS * grid.cellSize()),
                (width + 7) / 8, (height + 7) / 8);
    }

    @Override
    public void close() {
        resources.close();
    }
}
