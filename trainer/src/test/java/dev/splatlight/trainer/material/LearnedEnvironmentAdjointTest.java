package dev.splatlight.trainer.material;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.light.CubeChain;
import dev.splatlight.core.light.ShadingScenes;
import dev.splatlight.core.testing.VulkanTest;
import dev.splatlight.trainer.loss.LossTerms;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The learned light's backward pass is the exact adjoint of its forward pass: the prefiltered chain P and the
 * irradiance cube E are linear in the radiance r = exp θ, so for any y_P, y_E,
 * ⟨P(r), y_P⟩ + ⟨E(r), y_E⟩ = ⟨r, Aᵀy⟩ = Σ ∂/∂θ (what the backward returns, r ⊙ Aᵀy).
 */
@VulkanTest
class LearnedEnvironmentAdjointTest {
    private final long seed = System.nanoTime();

    @Test
    void backwardIsTheAdjointOfPrefilteringAndIrradiance(Gpu gpu) {
        Random random = new Random(seed);
        int base = 32;
        CubeChain chain = CubeChain.standard(base);
        float[] theta = ShadingScenes.randomLogRadiance(random, base);
        try (LearnedEnvironment environment = new LearnedEnvironment(gpu, base, theta, null, 16);
             LossTerms terms = new LossTerms(gpu)) {
            gpu.submitAndWait(environment::recordForward);
            float[] prefiltered = environment.light().prefiltered().readFloats(3 * chain.texels());
            float[] irradiance = environment.light().irradiance().readFloats(3 * chain.levelTexels(chain.levels() - 1));
            for (int trial = 0; trial < 3; trial++) {
                float[] yP = new float[prefiltered.length], yE = new float[irradiance.length];
                for (int i = 0; i < yP.length; i++) {
                    yP[i] = trial == 1 ? 0 : (float) random.nextGaussian();
                }
                for (int i = 0; i < yE.length; i++) {
                    yE[i] = trial == 0 ? 0 : (float) random.nextGaussian();
                }
                gpu.submitAndWait(commands -> {
                    terms.recordReset(commands);
                    environment.recordZeroGradients(commands);
                });
                environment.gradPrefiltered.uploadFloats(yP);
                environment.gradIrradiance.uploadFloats(yE);
                gpu.submitAndWait(commands -> environment.recordBackward(commands, 0f, terms));
                double forward = 0, adjoint = 0, scale = 0;
                for (int i = 0; i < yP.length; i++) {
                    forward += (double) prefiltered[i] * yP[i];
                    scale += Math.abs((double) prefiltered[i] * yP[i]);
                }
                for (int i = 0; i < yE.length; i++) {
                    forward += (double) irradiance[i] * yE[i];
                    scale += Math.abs((double) irradiance[i] * yE[i]);
                }
                for (float g : environment.downloadLogRadianceGradient()) {
                    adjoint += g;
                }
                assertEquals(forward, adjoint, 1e-4 * scale, "trial " + trial + ", seed " + seed);
            }
        }
    }

    @Test
    void smoothnessGradientIsTheDerivativeOfItsValue(Gpu gpu) {
        Random random = new Random(seed);
        int base = 32;
        float[] theta = ShadingScenes.randomLogRadiance(random, base);
        float weight = 0.7f;
        try (LearnedEnvironment environment = new LearnedEnvironment(gpu, base, theta, null, 16);
             LossTerms terms = new LossTerms(gpu)) {
            gpu.submitAndWait(commands -> {
                environment.recordForward(commands);
                terms.recordReset(commands);
                environment.recordZeroGradients(commands);
                commands.barrier();
                environment.recordBackward(commands, weight, terms);
            });
            float[] gradient = environment.downloadLogRadianceGradient();
            double pairs = 6.0 * 2 * base * (base - 1) * 3;
            double value = weight * terms.read()[LossTerms.ENVIRONMENT_TV] / pairs;
            // TV is positively homogeneous of degree 1 in θ: θ·∇TV = TV (Euler), exactly, whatever the kinks
            double euler = 0;
            for (int i = 0; i < theta.length; i++) {
                euler += theta[i] * gradient[i];
            }
            assertEquals(value, euler, 1e-4 * Math.abs(value), "seed " + seed);
        }
    }
}
