package dev.splatlight.core.light;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Mean, median, peak and the brightest 0.1 %'s share of a cube's light, on lights whose answers are known. */
class EnvironmentStatisticsTest {
    private final long seed = System.nanoTime();

    private static EnvironmentCube uniform(int size, float value) {
        float[] rgb = new float[18 * size * size];
        Arrays.fill(rgb, value);
        return new EnvironmentCube(size, rgb);
    }

    @Test
    void aUniformLightHasItsValueEverywhereAndATenthOfAPercentInItsBrightestTenthOfAPercent() {
        float value = 0.1f + new Random(seed).nextFloat();
        EnvironmentStatistics statistics = EnvironmentStatistics.of(uniform(16, value));
        assertEquals(value, statistics.mean(), 1e-6 * value, "seed " + seed);
        assertEquals(value, statistics.median(), 1e-6 * value);
        assertEquals(value, statistics.peak(), 1e-6 * value);
        assertEquals(EnvironmentStatistics.BRIGHTEST_FRACTION, statistics.brightestShare(), 1e-9);
    }

    @Test
    void aSunTexelHoldsTheShareItsEnergySays() {
        Random random = new Random(seed);
        int size = 16;
        EnvironmentCube cube = uniform(size, 1);
        int face = random.nextInt(6), x = random.nextInt(size), y = random.nextInt(size);
        int texel = (face * size + y) * size + x;
        float sun = 1000 + 10000 * random.nextFloat();
        cube.rgb()[3 * texel] = sun;
        cube.rgb()[3 * texel + 1] = sun;
        cube.rgb()[3 * texel + 2] = sun;
        double omega = ReferenceEnvironment.texelSolidAngle(x, y, size);
        double energy = 4 * Math.PI + (sun - 1) * omega; // the sky everywhere, plus the sun's excess
        double window = EnvironmentStatistics.BRIGHTEST_FRACTION * 4 * Math.PI;
        double brightest = sun * Math.min(omega, window) + Math.max(0, window - omega); // the sun, then sky
        EnvironmentStatistics statistics = EnvironmentStatistics.of(cube);
        assertEquals(energy / (4 * Math.PI), statistics.mean(), 1e-6 * energy / (4 * Math.PI), "seed " + seed);
        assertEquals(brightest / energy, statistics.brightestShare(), 1e-6, "seed " + seed);
        assertEquals(sun, statistics.peak(), 0);
        assertEquals(1, statistics.median(), 0);
    }

    @Test
    void theMedianIsTheLightOfMostOfTheSphere() {
        int size = 8;
        EnvironmentCube cube = uniform(size, 2);
        for (int face : new int[] {3, 5}) { // two faces of six at 1: two thirds of the sphere stays at 2
            Arrays.fill(cube.rgb(), 3 * face * size * size, 3 * (face + 1) * size * size, 1);
        }
        assertEquals(2, EnvironmentStatistics.of(cube).median(), 0);
    }

    @Test
    void anEquirectImageAndTheCubeOfTheSameLightAgree() {
        // a sky brighter towards +Z, the same function sampled on both layouts
        int width = 256, height = 128, size = 48;
        float[] equirect = new float[3 * width * height];
        for (int y = 0; y < height; y++) {
            double z = Math.cos(Math.PI * (y + 0.5) / height);
            java.util.Arrays.fill(equirect, 3 * y * width, 3 * (y + 1) * width, (float) (1 + z * z + z));
        }
        float[] cube = new float[18 * size * size];
        for (int face = 0; face < 6; face++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double z = ReferenceEnvironment.texelDirection(face, x, y, size)[2];
                    java.util.Arrays.fill(cube, 3 * ((face * size + y) * size + x), 3 * ((face * size + y) * size + x + 1),
                            (float) (1 + z * z + z));
                }
            }
        }
        EnvironmentStatistics fromEquirect = EnvironmentStatistics.ofEquirect(new dev.splatlight.core.light.io.HdrImage(width, height, equirect));
        EnvironmentStatistics fromCube = EnvironmentStatistics.of(new EnvironmentCube(size, cube));
        assertEquals(4 / 3.0, fromEquirect.mean(), 1e-3, "mean of 1 + z² + z over the sphere");
        assertEquals(4 / 3.0, fromCube.mean(), 1e-3);
        assertEquals(fromEquirect.median(), fromCube.median(), 0.03);
        assertEquals(fromEquirect.peak(), fromCube.peak(), 0.05);
        assertEquals(fromEquirect.brightestShare(), fromCube.brightestShare(), 2e-4);
    }

    @Test
    void texelSolidAnglesCoverTheSphere() {
        double total = 0;
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                total += 6 * EnvironmentCube.texelSolidAngle(x, y, 32);
                assertEquals(ReferenceEnvironment.texelSolidAngle(x, y, 32), EnvironmentCube.texelSolidAngle(x, y, 32), 1e-15);
            }
        }
        assertEquals(4 * Math.PI, total, 1e-12);
    }
}
