package dev.splatlight.core.light;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.KernelCall;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.splat.GaussianDensities;

/**
 * A snapshot of Gaussians as densities in a {@link ReflectionGrid}, on the GPU: what include/light/reflection_march.glsl
 * marches rays through (the viewer's and material stage's {@link SceneReflections}, the geometry stage's trace of
 * what its mirrors show).
 */
public final class GaussianRayGrid implements AutoCloseable {
    /** Hits nearer than this many cells along the ray are the reflecting surface's own Gaussians. */
    public static final float NEAR_CELLS = 0.5f;

    private final ResourceScope resources = new ResourceScope("Gaussian ray grid");
    private final ReflectionGrid grid;
    private final GpuBuffer densities;
    private final GpuBuffer cellStarts;
    private final GpuBuffer entries;
    private final GpuBuffer entrySpheres;

    /**
     * @param bound        the grid spans [−bound, bound]³
     * @param cellsPerAxis cells per axis, or ≤ 0 for as many as {@link ReflectionGrid#of(GaussianCloud, GaussianDensities, float)} gives
     */
    public GaussianRayGrid(Gpu gpu, GaussianCloud cloud, float bound, int cellsPerAxis) {
        GaussianDensities gaussians = GaussianDensities.of(cloud);
        this.grid = cellsPerAxis > 0 ? ReflectionGrid.of(cloud, gaussians, bound, cellsPerAxis) : ReflectionGrid.of(cloud, gaussians, bound);
        try {
            densities = resources.own(GpuBuffer.withFloats(gpu, "traced Gaussians [G, 11] f32", nonEmpty(gaussians.packed())));
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
     * Binds the grid's buffers by the names reflection_march.glsl's programs give them (Densities, CellStarts,
     * CellEntries, EntrySpheres) and pushes its parameters in the order they declare them: cells per axis, origin,
     * cell size, the near cut.
     */
    public KernelCall bind(KernelCall call) {
        return call.buffer("Densities", densities).buffer("CellStarts", cellStarts).buffer("CellEntries", entries)
                .buffer("EntrySpheres", entrySpheres)
                .pushInt(grid.cellsPerAxis()).pushFloat(grid.originX()).pushFloat(grid.originY()).pushFloat(grid.originZ())
                .pushFloat(grid.cellSize()).pushFloat(NEAR_CELLS * grid.cellSize());
    }

    @Override
    public void close() {
        resources.close();
    }
}
