package dev.splatlight.trainer.material;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.light.EnvironmentCube;
import dev.splatlight.core.light.ShadingScenes;
import dev.splatlight.core.testing.Buffers;
import dev.splatlight.core.testing.VulkanTest;
import dev.splatlight.trainer.loss.LossTerms;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The learned light's sun lobes against {@link ReferenceSunLobes}: level 0 on the GPU is exp θ plus the lobes; the
 * lobes' gradients are the central differences of ⟨g, level 0⟩ for the g = ∂L/∂level 0 the light's adjoint chain
 * produced from random prefiltered and irradiance gradients; a lobe's energy parameter is its integral over the sphere.
 */
@VulkanTest
class SunLobesTest {
    private static final int BASE = 32, LOBES = 3;
    private final long seed = System.nanoTime();

    @Test
    void levelZeroIsExpThetaPlusTheLobes(Gpu gpu) {
        Random random = new Random(seed);
        float[] theta = ShadingScenes.randomLogRadiance(random, BASE);
        float[] lobes = randomLobes(random);
        try (LearnedEnvironment environment = new LearnedEnvironment(gpu, BASE, theta, null, lobes, null, 16)) {
            gpu.submitAndWait(environment::recordForward);
            float[] level0 = environment.downloadRadiance();
            double[] expected = ReferenceSunLobes.level0(theta, Buffers.widened(lobes), BASE);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], level0[i], 2e-5 * (1 + expected[i]), "float " + i + ", seed " + seed);
            }
        }
    }

    @Test
    void gradientsAreCentralDifferencesOfTheLevelZeroTheyReceive(Gpu gpu) {
        Random random = new Random(seed);
        float[] theta = ShadingScenes.randomLogRadiance(random, BASE);
        float[] lobes = randomLobes(random);
        try (LearnedEnvironment environment = new LearnedEnvironment(gpu, BASE, theta, null, lobes, null, 16);
             LossTerms terms = new LossTerms(gpu)) {
            gpu.submitAndWait(commands -> {
                environment.recordForward(commands);
                terms.recordReset(commands);
                environment.recordZeroGradients(commands);
            });
            float[] yP = gaussians(random, environment.gradPrefiltered.size() / 4);
            float[] yE = gaussians(random, environment.gradIrradiance.size() / 4);
            environment.gradPrefiltered.uploadFloats(yP);
            environment.gradIrradiance.uploadFloats(yE);
            gpu.submitAndWait(commands -> environment.recordBackward(commands, 0f, terms));
            float[] gradTheta = environment.downloadLogRadianceGradient();
            double[] g = new double[gradTheta.length]; // ∂L/∂level 0, recovered through ∂L/∂θ = g · exp θ
            for (int i = 0; i < g.length; i++) {
                g[i] = gradTheta[i] / Math.exp(theta[i]);
            }
            float[] gradLobes = environment.sunLobes().downloadGradient();
            double[] parameters = Buffers.widened(lobes);
            for (int k = 0; k < LOBES; k++) {
                double scale = 0;
                double[] one = Arrays.copyOfRange(parameters, 8 * k, 8 * k + 8);
                double[] radiance = ReferenceSunLobes.level0(new float[g.length], one, BASE); // + exp 0 = 1 per float
                for (int i = 0; i < g.length; i++) {
                    scale += Math.abs(g[i]) * (radiance[i] - 1);
                }
                for (int j = 0; j < 7; j++) {
                    int index = 8 * k + j;
                    double h = 1e-4, saved = parameters[index];
                    parameters[index] = saved + h;
                    double plus = dot(g, ReferenceSunLobes.level0(theta, parameters, BASE));
                    parameters[index] = saved - h;
                    double minus = dot(g, ReferenceSunLobes.level0(theta, parameters, BASE));
                    parameters[index] = saved;
                    double expected = (plus - minus) / (2 * h);
                    assertEquals(expected, gradLobes[index], 2e-4 * scale + 1e-6,
                            "lobe " + k + ", parameter " + j + " (" + Arrays.toString(one) + "), seed " + seed);
                }
                assertEquals(0, gradLobes[8 * k + 7], 0, "padding, seed " + seed);
            }
        }
    }

    @Test
    void energyIsTheLobesIntegralOverTheSphere(Gpu gpu) {
        Random random = new Random(seed);
        float[] dark = new float[18 * BASE * BASE];
        Arrays.fill(dark, -60f); // exp θ ≈ 0: level 0 is the lobe alone
        for (double sharpness : new double[] {0.5, 4, 60}) {
            double sigma = (sharpness - SunLobes.MIN_SHARPNESS) / (SunLobes.maxSharpness(BASE) - SunLobes.MIN_SHARPNESS);
            float logit = sigma <= 0 ? -30f : (float) Math.log(sigma / (1 - sigma));
            double[] energy = {0.5 + random.nextDouble(), 2 + random.nextDouble(), 5 * random.nextDouble()};
            float[] lobe = {(float) random.nextGaussian(), (float) random.nextGaussian(), (float) random.nextGaussian(), logit,
                    (float) Math.log(energy[0]), (float) Math.log(energy[1]), (float) Math.log(energy[2]), 0};
            try (LearnedEnvironment environment = new LearnedEnvironment(gpu, BASE, dark, null, lobe, null, 16)) {
                gpu.submitAndWait(environment::recordForward);
                double[] integral = new EnvironmentCube(BASE, environment.downloadRadiance()).energy();
                for (int c = 0; c < 3; c++) {
                    assertEquals(energy[c], integral[c], 2e-3 * energy[c], "λ " + sharpness + ", channel " + c + ", seed " + seed);
                }
            }
        }
    }

    /** Directions anywhere, widths from a hemisphere to about a texel, energies 0.4–2.7. */
    private static float[] randomLobes(Random random) {
        float[] lobes = new float[8 * LOBES];
        for (int k = 0; k < LOBES; k++) {
            for (int a = 0; a < 3; a++) {
                lobes[8 * k + a] = (float) random.nextGaussian();
            }
            lobes[8 * k + 3] = (float) (-6 + 10 * random.nextDouble());
            for (int c = 0; c < 3; c++) {
                lobes[8 * k + 4 + c] = (float) (-1 + 2 * random.nextDouble());
            }
        }
        return lobes;
    }

    private static float[] gaussians(Random random, long n) {
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
