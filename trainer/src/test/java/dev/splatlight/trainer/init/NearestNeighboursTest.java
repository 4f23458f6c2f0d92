package dev.splatlight.trainer.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The parallel flat-grid search against the oracle, exactly, on clouds that stress the grid's choices. */
class NearestNeighboursTest {
    private final long seed = System.nanoTime();

    private void assertMatchesTheOracle(String what, float[] points) {
        for (int k : new int[] {1, 3, 5}) {
            assertArrayEquals(ReferenceNearestNeighbours.meanSquaredDistance(points, k), NearestNeighbours.meanSquaredDistance(points, k),
                    what + ", k = " + k + ", seed " + seed);
        }
    }

    @Test
    void matchesTheOracleOnVariedClouds() {
        Random random = new Random(seed);
        int n = 20_000;
        float[] uniform = new float[3 * n], plane = new float[3 * n], line = new float[3 * n], clusters = new float[3 * n];
        float[] duplicates = new float[3 * n];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                uniform[3 * i + a] = random.nextFloat() * 2 - 1;
                plane[3 * i + a] = a == 2 ? 0.5f : random.nextFloat() * 4;
                line[3 * i + a] = a == 0 ? random.nextFloat() * 10 : 0.001f * random.nextFloat();
                // two dense clusters 1000 units apart: a box mostly empty, so the grid coarsens its cells
                clusters[3 * i + a] = (i % 2 == 0 ? 0 : 1000) + 0.01f * (float) random.nextGaussian();
                duplicates[3 * i + a] = random.nextInt(50) * 0.1f; // many points on the same few positions
            }
        }
        assertMatchesTheOracle("uniform", uniform);
        assertMatchesTheOracle("plane", plane);
        assertMatchesTheOracle("line", line);
        assertMatchesTheOracle("two far clusters", clusters);
        assertMatchesTheOracle("duplicates", duplicates);
        assertMatchesTheOracle("two points", new float[] {0, 0, 0, 1, 2, 2});
        assertMatchesTheOracle("one point", new float[] {1, 2, 3});
    }
}
