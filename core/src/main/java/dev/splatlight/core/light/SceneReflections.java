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
    /**
     * Cells per axis of the grid at most (on trio's bound of 1.5, cells of 4.7 cm). Scenes of large Gaussians get fewer
     * ({@link #cellsFor}): a Gaussian is listed in every cell it reaches, and a ray pays for every entry of every cell
     * it crosses.
     */
    public static final int MAX_CELLS = 64;
    static final int MIN_CELLS = 16;
    /** Channels per pixel of the hits (include/light/reflection_hits.glsl): the G-buffer's, coverage, distance. */
    public static final int HIT_CHANNELS = GBufferShader.GBUFFER_CHANNELS + 2;
    /** Hits nearer than this many cells along the ray are the reflecting surface's own Gaussians. */
    static final float NEAR_CELLS = 0.5f;

    private final ResourceScope resources = new ResourceScope("scene reflections");
    private final ComputeKernel kernel;
    private final GpuBuffer densities;
    private final GpuBuffer cellStarts;
    private final GpuBuffer entries;
    private final GpuBuffer reachSpheres;
    private final GpuBuffer materials;
    private final ReflectionGrid grid;

    /** With as many cells per axis as {@link #cellsFor} gives. */
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
        this.grid = ReflectionGrid.of(cloud, gaussians, bound, cellsPerAxis > 0 ? cellsPerAxis : cellsFor(cloud, gaussians, bound));
        try {
            kernel = resources.own(ComputeKernel.create(gpu, ShaderProgram.TRACE_REFLECTIONS));
            densities = resources.own(GpuBuffer.withFloats(gpu, "traced Gaussians [G, 11] f32",
                    nonEmpty(gaussians.packed())));
            cellStarts = resources.own(GpuBuffer.withInts(gpu, "reflection grid cell starts [cells³ + 1] u32", grid.cellStarts()));
            entries = resources.own(GpuBuffer.withInts(gpu, "reflection grid entries u32", nonEmpty(grid.entries())));
            reachSpheres = resources.own(GpuBuffer.withFloats(gpu, "traced Gaussians' reach spheres [G, 4] f32",
                    nonEmpty(grid.reachSpheres())));
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /**
     * Cells per axis for a scene: cells as wide as the median Gaussian's reach, within [{@value #MIN_CELLS},
     * {@value #MAX_CELLS}]. Trio's Gaussians (median reach ~6 cm) get 48–56; the bundled sample's (mini, 3σ ≈ 10 cm at
     * 96² photos) 32, where 64 once listed each in 365 cells and tracing took ~2 s per material iteration on lavapipe.
     */
    static int cellsFor(GaussianCloud cloud, GaussianDensities gaussians, float bound) {
        float[] spheres = ReflectionGrid.reachSpheres(cloud, gaussians);
        float[] reaches = new float[gaussians.count()];
        int n = 0;
        for (int i = 0; i < reaches.length; i++) {
            if (gaussians.usable()[i]) {
                reaches[n++] = spheres[4 * i + 3];
            }
        }
        if (n == 0) {
            return MIN_CELLS;
        }
        java.util.Arrays.sort(reaches, 0, n);
        return (int) Math.max(MIN_CELLS, Math.min(MAX_CELLS, Math.round(2 * bound / Math.max(reaches[n / 2], 1e-9))));
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
                .buffer("ReachSpheres", reachSpheres)
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
