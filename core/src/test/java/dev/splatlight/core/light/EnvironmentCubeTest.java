package dev.splatlight.core.light;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.light.io.HdrImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** An equirectangular HDRI resampled onto cube faces: its directions, its energy, a sun, images coarser than the cube. */
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
    void aSmoothLightKeepsItsEnergy() {
        HdrImage image = equirect(512);
        double[] expected = new double[3];
        for (int y = 0; y < image.height(); y++) { // the image's own quadrature: each pixel's solid angle
            double solidAngle = (2 * Math.PI / image.width()) * (Math.PI / image.height()) * Math.sin(Math.PI * (y + 0.5) / image.height());
            for (int x = 0; x < image.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    expected[c] += image.get(x, y, c) * solidAngle;
                }
            }
        }
        double[] energy = EnvironmentCube.fromEquirect(image, 16).energy();
        for (int c = 0; c < 3; c++) {
            assertEquals(expected[c], energy[c], 0.002 * expected[c], "channel " + c);
        }
    }

    @Test
    void aSunLandsInItsTexel() {
        Random random = new Random(seed);
        int width = 512, height = 256, size = 16;
        float[] rgb = new float[3 * width * height];
        java.util.Arrays.fill(rgb, 0.5f);
        int sunX = random.nextInt(width), sunY = random.nextInt(height);
        float sun = 1000 + 1000 * random.nextFloat();
        for (int c = 0; c < 3; c++) {
            rgb[3 * (sunY * width + sunX) + c] = sun;
        }
        EnvironmentCube cube = EnvironmentCube.fromEquirect(new HdrImage(width, height, rgb), size);
        double u = (sunX + 0.5) / width, v = (sunY + 0.5) / height;
        double[] toward = {-Math.sin(Math.PI * v) * Math.cos(2 * Math.PI * u), Math.sin(Math.PI * v) * Math.sin(2 * Math.PI * u),
                Math.cos(Math.PI * v)};
        int brightest = 0;
        for (int t = 0; t < 6 * size * size; t++) {
            brightest = cube.rgb()[3 * t] > cube.rgb()[3 * brightest] ? t : brightest;
        }
        assertEquals(cube.texelToward(toward), brightest, "the sun's texel, seed " + seed);
        // its energy up to how many pixel centres share its texel (a box filter's mean): 0.86–1.19 over every pixel of
        // this image and cube (computed in numpy, fourteenth session)
        double pixelSolidAngle = (2 * Math.PI / width) * (Math.PI / height) * Math.sin(Math.PI * v);
        int x = brightest % size, y = brightest / size % size;
        double sunEnergy = (cube.rgb()[3 * brightest] - 0.5) * EnvironmentCube.texelSolidAngle(x, y, size);
        double ratio = sunEnergy / ((sun - 0.5) * pixelSolidAngle);
        assertTrue(ratio > 0.85 && ratio < 1.2, "the sun's energy in its texel ÷ in its pixel: " + ratio + ", seed " + seed);
    }
}
