package dev.splatlight.trainer.material;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.splat.SplatScenes;
import dev.splatlight.core.testing.VulkanTest;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * material_activate.comp and its backward against a plain-Java reference on random inputs: the activated material,
 * the learned unit normals (written only when the stage learns them), and the gradients — of the logits through the
 * sigmoids, of the normal parameters through the normalisation with the anchor λ·mean(1 − n·n₀) — against central
 * differences of the reference loss.
 */
@VulkanTest
class MaterialActivationTest {
    private static final int N = 300;
    private static final float ANCHOR = 0.7f;
    private final long seed = System.nanoTime();

    @Test
    void forwardAndBackwardMatchTheReference(Gpu gpu) {
        Random random = new Random(seed);
        GaussianCloud cloud = SplatScenes.randomCloud(N, random);
        float[] logits = new float[5 * N], normals = new float[3 * N], upstream = new float[8 * N];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (2 * random.nextGaussian());
        }
        for (int i = 0; i < normals.length; i++) {
            normals[i] = (float) random.nextGaussian();
            cloud.normals[i] = (float) random.nextGaussian(); // n₀: the cloud's normals, normalised by the buffers
        }
        for (int i = 0; i < upstream.length; i++) {
            upstream[i] = (float) random.nextGaussian();
        }
        try (MaterialGaussians gaussians = new MaterialGaussians(gpu, cloud, logits, null, normals, null);
             MaterialActivation activation = new MaterialActivation(gpu)) {
            gpu.submitAndWait(commands -> activation.recordForward(commands, gaussians, false));
            float[] fixedNormals = gaussians.splats.features.readFloats(8 * N);
            gpu.submitAndWait(commands -> activation.recordForward(commands, gaussians, true));
            float[] features = gaussians.splats.features.readFloats(8 * N);
            gaussians.featureGradients.uploadFloats(upstream);
            gpu.submitAndWait(commands -> activation.recordBackward(commands, gaussians, true, ANCHOR));
            float[] logitGradients = gaussians.logitGradients.readFloats(5 * N);
            float[] normalGradients = gaussians.normalGradients.readFloats(3 * N);

            double[] anchors = unit(cloud.normals);
            for (int i = 0; i < N; i++) {
                double[] n = unit(new double[] {normals[3 * i], normals[3 * i + 1], normals[3 * i + 2]});
                for (int c = 0; c < 3; c++) {
                    assertEquals(cloud.normals[3 * i + c], fixedNormals[8 * i + c], 0f, "normals untouched when fixed");
                    assertEquals(n[c], features[8 * i + c], 1e-5, "learned unit normal, seed " + seed);
                }
                for (int k = 0; k < 5; k++) {
                    double value = activated(k, logits[5 * i + k]);
                    assertEquals(value, features[8 * i + 3 + k], 1e-5, "material " + k + ", seed " + seed);
                    double h = 1e-4;
                    double numeric = upstream[8 * i + 3 + k]
                            * (activated(k, logits[5 * i + k] + h) - activated(k, logits[5 * i + k] - h)) / (2 * h);
                    assertEquals(numeric, logitGradients[5 * i + k], 1e-4 * Math.max(1, Math.abs(numeric)), "logit " + k);
                }
                for (int c = 0; c < 3; c++) {
                    double h = 1e-5 * Math.max(1, Math.abs(normals[3 * i + c]));
                    double[] plus = {normals[3 * i], normals[3 * i + 1], normals[3 * i + 2]}, minus = plus.clone();
                    plus[c] += h;
                    minus[c] -= h;
                    double numeric = (loss(plus, upstream, i, anchors) - loss(minus, upstream, i, anchors)) / (2 * h);
                    assertEquals(numeric, normalGradients[3 * i + c], 2e-4 * Math.max(1, Math.abs(numeric)),
                            "normal parameter " + c + " of Gaussian " + i + ", seed " + seed);
                }
            }
        }
    }

    /** Gaussian i's part of Σ ∂L/∂feature·n + λ/N·(1 − n·n₀), n = p / |p|. */
    private static double loss(double[] p, float[] upstream, int i, double[] anchors) {
        double[] n = unit(p);
        double value = 0, alignment = 0;
        for (int c = 0; c < 3; c++) {
            value += upstream[8 * i + c] * n[c];
            alignment += n[c] * anchors[3 * i + c];
        }
        return value + ANCHOR / N * (1 - alignment);
    }

    private static double activated(int k, double logit) {
        double s = 1 / (1 + Math.exp(-logit));
        return k == 3 ? 0.04 + 0.96 * s : s;
    }

    private static double[] unit(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return unit(d);
    }

    private static double[] unit(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i += 3) {
            double length = Math.sqrt(v[i] * v[i] + v[i + 1] * v[i + 1] + v[i + 2] * v[i + 2]);
            for (int c = 0; c < 3; c++) {
                out[i + c] = v[i + c] / length;
            }
        }
        return out;
    }
}
