package dev.splatlight.core.light;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.splat.GaussianDensities;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The grid traced reflections walk: every point a Gaussian can stop 1/255 of a ray at is in a cell listing it. */
class ReflectionGridTest {
    private final long seed = System.nanoTime();

    @Test
    void everyPointAGaussianCanStopARayAtIsInACellListingIt() {
        Random random = new Random(seed);
        GaussianCloud cloud = ShadingScenes.randomCloud(random, 200);
        for (int i = 0; i < 200; i += 3) {  // and flat ones, as trained surfaces are
            cloud.logScales[3 * i + random.nextInt(3)] = (float) Math.log(0.002);
        }
        GaussianDensities densities = GaussianDensities.of(cloud);
        int cells = 10;
        ReflectionGrid grid = ReflectionGrid.of(cloud, densities, 1.2f, cells);
        assertEquals(0, grid.leftOut());
        int checked = 0;
        for (int i = 0; i < densities.count(); i++) {
            if (!densities.usable()[i]) {
                continue;
            }
            // α = opacity · exp(−½ m²) ≥ 1/255 inside m² ≤ 2 ln 255·opacity: points of that ellipsoid, its surface too
            double reach = Math.sqrt(2 * Math.log(255 * densities.opacity(i)));
            double[][] axes = GaussianDensities.rotation(cloud, i);
            for (int trial = 0; trial < 30; trial++) {
                double[] u = ReferenceEnvironment.normalize(new double[] {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()});
                double r = trial < 10 ? 1 : Math.cbrt(random.nextDouble());
                int[] cell = new int[3];
                boolean inside = true;
                for (int a = 0; a < 3; a++) {
                    double offset = 0;
                    for (int j = 0; j < 3; j++) {
                        offset += axes[a][j] * Math.exp(cloud.logScales[3 * i + j]) * reach * r * u[j];
                    }
                    cell[a] = (int) Math.floor((densities.mean(i, a) + offset - grid.originX()) / grid.cellSize());
                    inside &= cell[a] >= 0 && cell[a] < cells;
                }
                if (inside) {
                    assertTrue(lists(grid, (cell[0] * cells + cell[1]) * cells + cell[2], i),
                            "Gaussian " + i + " reaches cell " + java.util.Arrays.toString(cell) + " unlisted, seed " + seed);
                    checked++;
                }
            }
        }
        assertTrue(checked > 2000, checked + " points checked");
        for (int c = 0; c < cells * cells * cells; c++) {  // built in parallel, listed in Gaussian order all the same
            for (int e = grid.cellStarts()[c] + 1; e < grid.cellStarts()[c + 1]; e++) {
                assertTrue(grid.entries()[e - 1] < grid.entries()[e], "cell " + c + " out of order, seed " + seed);
            }
        }
        float[] entrySpheres = grid.entrySpheres();  // the trace reads each entry's sphere in entry order
        assertEquals(4 * grid.entries().length, entrySpheres.length);
        for (int e = 0; e < grid.entries().length; e++) {
            for (int k = 0; k < 4; k++) {
                assertEquals(grid.reachSpheres()[4 * grid.entries()[e] + k], entrySpheres[4 * e + k], 0f, "entry " + e);
            }
        }
    }

    @Test
    void aTiltedFlatSplatIsListedInTheSlabItLiesInNotItsWholeBox() {
        GaussianCloud cloud = new GaussianCloud(1);
        cloud.logScales[0] = cloud.logScales[1] = (float) Math.log(0.15);
        cloud.logScales[2] = (float) Math.log(0.001);
        double half = Math.PI / 8;  // 45° about x: the splat's plane holds x and (0, 1, 1)/√2
        cloud.rotations[0] = (float) Math.cos(half);
        cloud.rotations[1] = (float) Math.sin(half);
        cloud.opacityLogits[0] = 5;
        GaussianDensities densities = GaussianDensities.of(cloud);
        int cells = 20;
        ReflectionGrid grid = ReflectionGrid.of(cloud, densities, 1, cells);
        int centre = cells / 2;
        // the splat's plane passes through the cell at the centre and, 3 cells on along y and z, through the diagonal
        // cell; its box also holds the cell 3 along y and 4 back along z, about 5 cells off the plane
        assertTrue(lists(grid, (centre * cells + centre + 3) * cells + centre + 3, 0));
        assertFalse(lists(grid, (centre * cells + centre + 3) * cells + centre - 4, 0));
        int box = 1;
        for (int k = 0; k < 3; k++) {  // the cells of the axis-aligned box of its reach
            double halfWidth = Math.sqrt(2 * Math.log(255 * densities.opacity(0))) * (k == 0 ? 0.15 : Math.hypot(0.15, 0.001) / Math.sqrt(2));
            box *= (int) (Math.floor((halfWidth + 1) / grid.cellSize()) - Math.floor((1 - halfWidth) / grid.cellSize()) + 1);
        }
        int listed = grid.cellStarts()[cells * cells * cells];  // 220 of 640: a slab about 2 cells thick
        assertTrue(listed < box / 2, listed + " cells listed of the " + box + " in its box");
    }

    @Test
    void faintGaussiansReachLessFarThanOpaqueOnes() {
        assertEquals(Math.sqrt(2 * Math.log(255)), ReflectionGrid.reachSigmas(1), 1e-12);
        assertEquals(Math.sqrt(2 * Math.log(2.55)), ReflectionGrid.reachSigmas(0.01), 1e-12);
        assertEquals(0, ReflectionGrid.reachSigmas(1 / 255.0), 1e-6);
    }

    @Test
    void cellsAreAsWideAsTheMedianGaussiansReachWithinBounds() {
        assertEquals(ReflectionGrid.MAX_CELLS, cellsFor(cloud(0.001)));
        assertEquals(30, cellsFor(cloud(0.03))); // 3 / (0.03 · 3.29), opacity 0.88
        assertEquals(ReflectionGrid.MIN_CELLS, cellsFor(cloud(0.5)));
    }

    private static int cellsFor(GaussianCloud cloud) {
        GaussianDensities densities = GaussianDensities.of(cloud);
        return ReflectionGrid.of(cloud, densities, 1.5f).cellsPerAxis();
    }

    private static boolean lists(ReflectionGrid grid, int cell, int gaussian) {
        for (int e = grid.cellStarts()[cell]; e < grid.cellStarts()[cell + 1]; e++) {
            if (grid.entries()[e] == gaussian) {
                return true;
            }
        }
        return false;
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
