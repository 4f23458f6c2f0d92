package dev.splatlight.trainer.bake;

import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.splat.GaussianDensities;
import java.util.Arrays;

/**
 * The Gaussians as occluders for the bake, sorted into a cell grid so a probe reads only those near it: per
 * Gaussian its mean, inverse covariance, opacity and 3σ radius ([G, 11] f32), cell ranges over them, and the few Gaussians
 * too large for the grid listed last (every probe tests those).
 *
 * @param packed       [G, 11] {@link GaussianDensities} rows: μ, Σ⁻¹ (xx xy xz yy yz zz), α, 3σ radius
 * @param cellStarts   [cells³ + 1] first entry of each cell in {@code order}; the last is where the large ones start
 * @param order        [gridded + large] Gaussian index per entry
 */
record Occluders(float[] packed, int[] cellStarts, int[] order, int largeCount, int cellsPerAxis, float cellOrigin,
                 float cellSize, float searchRadius) {
    /** Gaussians whose 3σ radius exceeds this fraction of the threshold are tested by every probe, not gridded. */
    private static final float LARGE_RADIUS_FRACTION = 0.5f;

    static Occluders of(GaussianCloud cloud, BakeSettings settings) {
        int n = cloud.count();
        float radiusCap = LARGE_RADIUS_FRACTION * settings.threshold();
        GaussianDensities densities = GaussianDensities.of(cloud);
        float[] packed = densities.packed();
        boolean[] usable = densities.usable();
        float[] radius = new float[n];
        float gridRadius = 0;
        for (int i = 0; i < n; i++) {
            radius[i] = densities.radius(i);
            if (usable[i] && radius[i] <= radiusCap) {
                gridRadius = Math.max(gridRadius, radius[i]);
            }
        }
        float search = settings.threshold() + gridRadius;
        float cellSize = search / 2; // a probe's search box spans at most 5 cells per axis
        float origin = -settings.bound() - search;
        int cells = Math.max(1, (int) Math.ceil(2 * (settings.bound() + search) / cellSize));
        int[] cellOf = new int[n];
        int[] counts = new int[cells * cells * cells + 1];
        int large = 0;
        for (int i = 0; i < n; i++) {
            cellOf[i] = -1;
            if (!usable[i]) {
                continue;
            }
            if (radius[i] > radiusCap) {
                large++;
                continue;
            }
            int cx = (int) Math.floor((cloud.means[3 * i] - origin) / cellSize);
            int cy = (int) Math.floor((cloud.means[3 * i + 1] - origin) / cellSize);
            int cz = (int) Math.floor((cloud.means[3 * i + 2] - origin) / cellSize);
            if (cx < 0 || cy < 0 || cz < 0 || cx >= cells || cy >= cells || cz >= cells) {
                continue; // too far from every probe to occlude it
            }
            cellOf[i] = (cx * cells + cy) * cells + cz;
            counts[cellOf[i] + 1]++;
        }
        int[] starts = new int[cells * cells * cells + 1];
        for (int c = 0; c < cells * cells * cells; c++) {
            starts[c + 1] = starts[c] + counts[c + 1];
        }
        int gridded = starts[cells * cells * cells];
        int[] order = new int[gridded + large];
        int[] cursor = Arrays.copyOf(starts, starts.length);
        int nextLarge = gridded;
        for (int i = 0; i < n; i++) {
            if (cellOf[i] >= 0) {
                order[cursor[cellOf[i]]++] = i;
            } else if (usable[i] && radius[i] > radiusCap) {
                order[nextLarge++] = i;
            }
        }
        return new Occluders(packed, starts, order, large, cells, origin, cellSize, search);
    }
}
