package dev.splatlight.trainer.material;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.splatlight.core.light.Srgb;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.splat.SplatScenes;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The starting albedo: colour over the light level, moved by the reflection strength R towards a bright metal of the same hue. */
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

    private static double clamp(double albedo) {
        return Math.max(0.01, Math.min(0.99, albedo));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
