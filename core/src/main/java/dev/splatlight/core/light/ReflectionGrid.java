package dev.splatlight.core.light;

import dev.splatlight.core.splat.GaussianDensities;

/**
 * The Gaussians sorted into a uniform grid for tracing rays through them (light/trace_reflections.comp): each listed
 * in every cell its box of {@link #REACH_SIGMAS} standard deviations overlaps, so a ray walking the cells it crosses
 * meets every Gaussian that can stop 1/255 of it. Gaussians larger than {@link #MAX_CELLS_PER_AXIS} cells (floaters
 * the size of the scene) are left out, as are those entirely outside the grid: a ray that leaves the grid sees the
 * environment.
 *
 * @param cellStarts [cells³ + 1] first entry of each cell in {@code entries}
 * @param entries    Gaussian index per entry, cell by cell
 */
public record ReflectionGrid(int cellsPerAxis, float originX, float originY, float originZ, float cellSize,
                             int[] cellStarts, int[] entries, int leftOut) {
    /** Beyond 3.33 standard deviations even an opaque Gaussian stops less than 1/255: √(2 ln 255). */
    static final double REACH_SIGMAS = Math.sqrt(2 * Math.log(255));
    static final int MAX_CELLS_PER_AXIS = 16;

    /**
     * Grids {@code densities} over the cube [−bound, bound]³ with {@code cellsPerAxis} cells per axis.
     */
    public static ReflectionGrid of(GaussianDensities densities, float bound, int cellsPerAxis) {
        if (!(bound > 0) || cellsPerAxis < 1) {
            throw new IllegalArgumentException("reflection grid of bound " + bound + " and " + cellsPerAxis + " cells per axis");
        }
        int n = cellsPerAxis;
        float size = 2 * bound / n;
        float origin = -bound;
        int cells = n * n * n;
        int[] counts = new int[cells + 1];
        int[][] boxes = new int[densities.count()][];
        int leftOut = 0;
        for (int i = 0; i < densities.count(); i++) {
            if (!densities.usable()[i]) {
                continue;
            }
            int[] box = box(densities, i, origin, size, n);
            if (box == null) {
                leftOut++;
                continue;
            }
            boxes[i] = box;
            for (int x = box[0]; x <= box[3]; x++) {
                for (int y = box[1]; y <= box[4]; y++) {
                    for (int z = box[2]; z <= box[5]; z++) {
                        counts[(x * n + y) * n + z + 1]++;
                    }
                }
            }
        }
        int[] starts = new int[cells + 1];
        for (int c = 0; c < cells; c++) {
            starts[c + 1] = starts[c] + counts[c + 1];
        }
        int[] entries = new int[starts[cells]];
        int[] cursor = java.util.Arrays.copyOf(starts, cells);
        for (int i = 0; i < boxes.length; i++) {
            int[] box = boxes[i];
            if (box == null) {
                continue;
            }
            for (int x = box[0]; x <= box[3]; x++) {
                for (int y = box[1]; y <= box[4]; y++) {
                    for (int z = box[2]; z <= box[5]; z++) {
                        entries[cursor[(x * n + y) * n + z]++] = i;
                    }
                }
            }
        }
        return new ReflectionGrid(n, origin, origin, origin, size, starts, entries, leftOut);
    }

    /** The cells Gaussian i's reach overlaps (x0 y0 z0 x1 y1 z1, inclusive), or null: outside the grid or too large. */
    private static int[] box(GaussianDensities densities, int i, float origin, float size, int n) {
        double reach = densities.radius(i) / 3 * REACH_SIGMAS;
        int[] box = new int[6];
        for (int k = 0; k < 3; k++) {
            double mean = densities.mean(i, k);
            if (!Double.isFinite(mean) || !Double.isFinite(reach)) {
                return null;
            }
            long lo = (long) Math.floor((mean - reach - origin) / size);
            long hi = (long) Math.floor((mean + reach - origin) / size);
            if (hi < 0 || lo >= n) {
                return null;
            }
            if (hi - lo + 1 > MAX_CELLS_PER_AXIS) {
                return null;
            }
            box[k] = (int) Math.max(lo, 0);
            box[k + 3] = (int) Math.min(hi, n - 1);
        }
        return box;
    }
}
