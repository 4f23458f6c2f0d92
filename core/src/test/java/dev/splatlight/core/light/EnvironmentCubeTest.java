package dev.splatlight.core.light;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.splatlight.core.light.io.HdrImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** An equirectangular HDRI resampled onto cube faces: its directions, its energy, and images coarser than the cube. */
class EnvironmentCubeTest {
    private final long seed = System.nanoTime();

    /** A smooth light with a different value along every axis, so a mirrored or rotated face would show. */
    private static double[] light(double[] d) {
        return new double[] {1.5 + d[0] + 0.3 * d[1] * d[2], 1.5 + d[1] - 0.2 * d[0], 1.5 + d[2] + 0.5 * d[0] * d[0]};
    }

    /** {@link #light} sampled at each pixel's centre in the datasets' equirect convention. */
    private static HdrImage equirect(int width) {
        int height = width / 2;
        float[] rgb = new float[3 * width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double u = (x + 0.5) / width, v = (y + 0.5) / height;
                double[] value = light(new double[] {-Math.sin(Math.PI * v) * Math.cos(2 * Math.PI * u),
                        Math.sin(Math.PI * v) * Math.sin(2 * Math.PI * u), Math.cos(Math.PI * v)});
                for (int c = 0; c < 3; c++) {
                    rgb[3 * (y * width + x) + c] = (float) value[c];
                }
            }
        }
        return new HdrImage(width, height, rgb);
    }

    @Test
    void eachTexelHoldsTheLightOfItsDirectionInTheDatasetsConvention() {
        int size = 16;
        for (int width : new int[] {512, 32}) { // finer than the cube (box filter), and coarser (nearest pixel)
            EnvironmentCube cube = EnvironmentCube.fromEquirect(equirect(width), size);
            double worst = 0;
            for (int face = 0; face < 6; face++) {
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        double[] expected = light(ReferenceEnvironment.texelDirection(face, x, y, size));
                        int texel = (face * size + y) * size + x;
                        for (int c = 0; c < 3; c++) {
                            worst = Math.max(worst, Math.abs(cube.rgb()[3 * texel + c] - expected[c]));
                        }
                    }
                }
            }
            // a texel spans ~5.6°, a 32-wide image's pixel 11°: the light changes by at most ~2.3 per radian
            assertEquals(0, worst, width == 512 ? 0.1 : 0.45, "largest difference from the light, " + width + " wide");
        }
    }

    @Test
    void aSunKeepsItsEnergyAndItsDirection() {
        Random random = new Random(seed);
        int width = 256, height = 128, size = 32;
        float[] rgb = new float[3 * width * height];
        java.util.Arrays.fill(rgb, 0.5f);
        int sunX = random.nextInt(width), sunY = 8 + random.nextInt(height - 16);
        float sun = 1000 + 1000 * random.nextFloat();
        for (int c = 0; c < 3; c++) {
            rgb[3 * (sunY * width + sunX) + c] = sun;
        }
        EnvironmentCube cube = EnvironmentCube.fromEquirect(new HdrImage(width, height, rgb), size);
        double pixelSolidAngle = (2 * Math.PI / width) * (Math.PI / height) * Math.sin(Math.PI * (sunY + 0.5) / height);
        double expected = 0.5 * 4 * Math.PI + (sun - 0.5) * pixelSolidAngle;
        assertEquals(expected, cube.energy()[0], 0.01 * expected, "seed " + seed); // within the pixels' own quadrature
        double u = (sunX + 0.5) / width, v = (sunY + 0.5) / height;
        double[] toward = {-Math.sin(Math.PI * v) * Math.cos(2 * Math.PI * u), Math.sin(Math.PI * v) * Math.sin(2 * Math.PI * u),
                Math.cos(Math.PI * v)};
        int brightest = 0;
        for (int t = 0; t < 6 * size * size; t++) {
            brightest = cube.rgb()[3 * t] > cube.rgb()[3 * brightest] ? t : brightest;
        }
        assertEquals(cube.texelToward(toward), brightest, "the sun's texel, seed " + seed);
    }
}
