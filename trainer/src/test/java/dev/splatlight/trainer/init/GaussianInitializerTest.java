package dev.splatlight.trainer.init;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.splatlight.core.splat.GaussianCloud;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GaussianInitializerTest {
    @Test
    void nearestNeighbourDistancesMatchBruteForce() {
        Random random = new Random();
        float[] points = new float[3 * 2000];
        for (int i = 0; i < points.length; i++) {
            points[i] = (float) (random.nextGaussian() * (i % 3 == 2 ? 0.1 : 1)); // uneven density
        }
        float[] fast = NearestNeighbours.meanSquaredDistance(points, 3);
        for (int i = 0; i < 2000; i += 37) {
            float[] d = new float[1999];
            int k = 0;
            for (int j = 0; j < 2000; j++) {
                if (j != i) {
                    float dx = points[3 * i] - points[3 * j], dy = points[3 * i + 1] - points[3 * j + 1], dz = points[3 * i + 2] - points[3 * j + 2];
                    d[k++] = dx * dx + dy * dy + dz * dz;
                }
            }
            Arrays.sort(d);
            assertEquals((d[0] + d[1] + d[2]) / 3, fast[i], 1e-6f * Math.max(1, fast[i]), "point " + i);
        }
    }

    @Test
    void gaussiansStartIsotropicGreyAndTenPercentOpaque() {
        GaussianCloud cloud = GaussianInitializer.randomInCube(5000, 1.3f, new Random(7));
        assertEquals(5000, cloud.count());
        for (int i = 0; i < 5000; i++) {
            assertEquals(cloud.logScales[3 * i], cloud.logScales[3 * i + 2]);
            assertEquals(0.1, 1 / (1 + Math.exp(-cloud.opacityLogits[i])), 1e-6);
            assertEquals(0.5, 0.5 + GaussianInitializer.SH_C0 * cloud.sh[48 * i], 0.01);
            assertEquals(1f, cloud.rotations[4 * i]);
        }
        GaussianCloud colored = GaussianInitializer.fromPoints(new float[] {0, 0, 0, 1, 0, 0}, new float[] {1, 0, 0.5f, 0, 0, 0});
        assertEquals(1.0, 0.5 + GaussianInitializer.SH_C0 * colored.sh[0], 1e-6);
        assertEquals(0.0, colored.logScales[0], 1e-6, "two points 1 apart: scale 1");
    }
}
