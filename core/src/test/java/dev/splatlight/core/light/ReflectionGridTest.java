package dev.splatlight.core.light;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.splat.GaussianDensities;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The grid traced reflections walk: every point a Gaussian can stop 1/255 of a ray at is in a cell listing it. */
class ReflectionGridTest {
    private final long seed = System.nanoTime();

    @Test
    void everyCellAGaussianReachesListsIt() {
        Random random = new Random(seed);
        GaussianCloud cloud = ShadingScenes.randomCloud(random, 200);
        GaussianDensities densities = GaussianDensities.of(cloud);
        float bound = 1.2f;
        int cells = 10;
        ReflectionGrid grid = ReflectionGrid.of(densities, bound, cells);
        assertEquals(0, grid.leftOut());
        int checked = 0;
        for (int i = 0; i < densities.count(); i++) {
            if (!densities.usable()[i]) {
                continue;
            }
            double reach = densities.radius(i) / 3 * ReflectionGrid.REACH_SIGMAS;
            for (int trial = 0; trial < 20; trial++) {
                double[] d = ReferenceEnvironment.normalize(new double[] {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()});
                double r = reach * random.nextDouble();
                int[] cell = new int[3];
                boolean inside = true;
                for (int k = 0; k < 3; k++) {
                    cell[k] = (int) Math.floor((densities.mean(i, k) + r * d[k] - grid.originX()) / grid.cellSize());
                    inside &= cell[k] >= 0 && cell[k] < cells;
                }
                if (!inside) {
                    continue;
                }
                int c = (cell[0] * cells + cell[1]) * cells + cell[2];
                boolean listed = false;
                for (int e = grid.cellStarts()[c]; e < grid.cellStarts()[c + 1]; e++) {
                    listed |= grid.entries()[e] == i;
                }
                assertTrue(listed, "Gaussian " + i + " reaches cell " + c + " unlisted, seed " + seed);
                checked++;
            }
        }
        assertTrue(checked > 1000, checked + " points checked");
    }

    @Test
    void cellsAreAsWideAsTheMedianGaussiansReachWithinBounds() {
        assertEquals(SceneReflections.MAX_CELLS, SceneReflections.cellsFor(GaussianDensities.of(cloud(0.001)), 1.5f));
        assertEquals(30, SceneReflections.cellsFor(GaussianDensities.of(cloud(0.03)), 1.5f)); // 3 / (0.03 · 3.33)
        assertEquals(SceneReflections.MIN_CELLS, SceneReflections.cellsFor(GaussianDensities.of(cloud(0.5)), 1.5f));
    }

    private static GaussianCloud cloud(double sigma) {
        GaussianCloud cloud = new GaussianCloud(50);
        for (int i = 0; i < 50; i++) {
            cloud.rotations[4 * i] = 1;
            cloud.opacityLogits[i] = 2;
            for (int k = 0; k < 3; k++) {
                cloud.logScales[3 * i + k] = (float) Math.log(sigma);
            }
        }
        return cloud;
    }
}
