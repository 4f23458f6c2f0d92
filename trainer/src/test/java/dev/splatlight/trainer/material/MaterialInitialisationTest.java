package dev.splatlight.trainer.material;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.splatlight.core.light.Srgb;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.splat.SplatScenes;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The starting albedo: colour over the light level, moved by the reflection strength R towards a bright metal of the
 * same hue; the starting direction of the sun lobes: where the lit surfaces face.
 */
class MaterialInitialisationTest {
    private static final double SH_C0 = 0.28209479177387814;
    private final long seed = System.nanoTime();

    @Test
    void albedoMovesByReflectionStrengthTowardsABrightMetalOfTheSameHue() {
        Random random = new Random(seed);
        int n = 50;
        GaussianCloud cloud = SplatScenes.randomCloud(n, random);
        double level = 0.5 + random.nextDouble();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) { // display colours 0.1–0.9, clear of the clamps
                cloud.sh[48 * i + c] = (float) ((0.1 + 0.8 * random.nextDouble() - 0.5) / SH_C0);
            }
            cloud.reflection[i] = i % 5 == 0 ? 0 : i % 5 == 1 ? 1 : (float) random.nextDouble();
        }
        float[] glossy = MaterialInitialisation.fromColours(cloud, true, level);
        float[] diffuse = MaterialInitialisation.fromColours(cloud, false, level);
        for (int i = 0; i < n; i++) {
            double[] colour = new double[3];
            for (int c = 0; c < 3; c++) {
                colour[c] = Srgb.decode(0.5 + SH_C0 * cloud.sh[48 * i + c]);
            }
            double brightest = Math.max(colour[0], Math.max(colour[1], colour[2]));
            double r = cloud.reflection[i];
            for (int c = 0; c < 3; c++) {
                double plain = clamp(colour[c] / level);
                double expected = clamp((1 - r) * colour[c] / level + r * MaterialInitialisation.METAL_REFLECTANCE * colour[c] / brightest);
                assertEquals(expected, sigmoid(glossy[5 * i + c]), 1e-5, "Gaussian " + i + " (R " + r + "), seed " + seed);
                assertEquals(plain, sigmoid(diffuse[5 * i + c]), 1e-5, "--no-glossy-init ignores R, seed " + seed);
            }
        }
    }

    @Test
    void lightDirectionIsWhereLitSurfacesFace() {
        Random random = new Random(seed);
        int n = 2000;
        GaussianCloud cloud = SplatScenes.randomCloud(n, random);
        double[] light = unit(random.nextGaussian(), random.nextGaussian(), random.nextGaussian());
        for (int i = 0; i < n; i++) {
            double[] normal = unit(random.nextGaussian(), random.nextGaussian(), random.nextGaussian());
            double albedo = 0.2 + 0.6 * random.nextDouble(); // uncorrelated with the normal, as in a real scene
            double linear = albedo * (0.15 + 0.6 * Math.max(0, dot(normal, light)));
            for (int c = 0; c < 3; c++) {
                cloud.normals[3 * i + c] = (float) normal[c];
                cloud.sh[48 * i + c] = (float) ((Srgb.encode(linear) - 0.5) / SH_C0);
            }
            for (int k = 3; k < 48; k++) {
                cloud.sh[48 * i + k] = 0; // view-independent: all of them count
            }
            cloud.reflection[i] = i % 10 == 0 ? 1 : 0; // mirrors are left out, whatever their colour
            if (i % 10 == 0) {
                for (int c = 0; c < 3; c++) {
                    cloud.sh[48 * i + c] = (float) ((0.97 - 0.5) / SH_C0 * (normal[1] < 0 ? 1 : -1));
                }
            }
        }
        org.joml.Vector3f found = MaterialInitialisation.lightDirection(cloud);
        double angle = Math.toDegrees(Math.acos(Math.min(1, found.x * light[0] + found.y * light[1] + found.z * light[2])));
        assertEquals(0, angle, 5, "light " + java.util.Arrays.toString(light) + ", found " + found + ", seed " + seed);
    }

    private static double[] unit(double x, double y, double z) {
        double length = Math.sqrt(x * x + y * y + z * z);
        return new double[] {x / length, y / length, z / length};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double clamp(double albedo) {
        return Math.max(0.01, Math.min(0.99, albedo));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
