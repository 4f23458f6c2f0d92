package dev.splatlight.trainer.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.testing.VulkanTest;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * adam_step.comp against torch.optim.Adam's update written out in Java, over several steps on random inputs, without
 * and with bounds on each row's floats after its head (projected Adam).
 */
@VulkanTest
class AdamStepTest {
    private static final int ROW = 48, HEAD = 3, ROWS = 300, N = ROW * ROWS;
    private static final float HEAD_RATE = 2.5e-3f, RATE = 1.25e-4f;
    private static final double TOLERANCE = 1e-6; // parameters move by ~1e-3 per step; float rounding is far below

    private final long seed = System.nanoTime();

    /** One Adam step in double precision; non-finite gradients count as zero. */
    private static void referenceStep(double[] p, double[] m, double[] v, float[] g, AdamParameters hyper, int t,
                                      float tailMin, float tailMax) {
        for (int i = 0; i < p.length; i++) {
            double gradient = Float.isFinite(g[i]) ? g[i] : 0;
            m[i] = hyper.beta1() * m[i] + (1 - hyper.beta1()) * gradient;
            v[i] = hyper.beta2() * v[i] + (1 - hyper.beta2()) * gradient * gradient;
            double mHat = m[i] / (1 - Math.pow(hyper.beta1(), t));
            double vHat = v[i] / (1 - Math.pow(hyper.beta2(), t));
            double rate = i % ROW < HEAD ? HEAD_RATE : RATE;
            p[i] -= rate * mHat / (Math.sqrt(vHat) + hyper.epsilon());
            if (i % ROW >= HEAD) {
                p[i] = Math.max(tailMin, Math.min(tailMax, p[i]));
            }
        }
    }

    @Test
    void threeStepsMatchTheReferenceAndIgnoreNonFiniteGradients(Gpu gpu) {
        threeSteps(gpu, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
    }

    @Test
    void boundedTailsAreClampedAfterEachStep(Gpu gpu) {
        // parameters start in [−1, 1], so about half of the tail floats leave [−0.5, 0.5] and must be projected back
        float[] got = threeSteps(gpu, -0.5f, 0.5f);
        for (int i = 0; i < N; i++) {
            if (i % ROW >= HEAD) {
                assertTrue(got[i] >= -0.5f && got[i] <= 0.5f, "tail float " + i + " = " + got[i] + ", seed " + seed);
            }
        }
    }

    private float[] threeSteps(Gpu gpu, float tailMin, float tailMax) {
        Random random = new Random(seed);
        AdamParameters hyper = AdamParameters.GAUSSIAN_SPLATTING;
        float[] parameters = new float[N];
        double[] p = new double[N], m = new double[N], v = new double[N];
        for (int i = 0; i < N; i++) {
            parameters[i] = random.nextFloat() * 2 - 1;
            p[i] = parameters[i];
        }
        try (AdamStep adam = new AdamStep(gpu, hyper);
             GpuBuffer parameterBuffer = GpuBuffer.withFloats(gpu, "parameters", parameters);
             GpuBuffer gradientBuffer = GpuBuffer.withFloats(gpu, "gradients", new float[N]);
             GpuBuffer first = GpuBuffer.withFloats(gpu, "first moments", new float[N]);
             GpuBuffer second = GpuBuffer.withFloats(gpu, "second moments", new float[N])) {
            for (int t = 1; t <= 3; t++) {
                float[] gradients = new float[N];
                for (int i = 0; i < N; i++) {
                    gradients[i] = (float) random.nextGaussian() * (random.nextBoolean() ? 1e-4f : 1f);
                }
                gradients[random.nextInt(N)] = Float.NaN;
                gradients[random.nextInt(N)] = Float.POSITIVE_INFINITY;
                gradientBuffer.uploadFloats(gradients);
                int step = t;
                gpu.submitAndWait(commands -> adam.record(commands, parameterBuffer, gradientBuffer, first, second, N, ROW, HEAD,
                        HEAD_RATE, RATE, tailMin, tailMax, step));
                referenceStep(p, m, v, gradients, hyper, t, tailMin, tailMax);
            }
            float[] got = parameterBuffer.readFloats(N), gotFirst = first.readFloats(N), gotSecond = second.readFloats(N);
            for (int i = 0; i < N; i++) {
                assertEquals(p[i], got[i], TOLERANCE, "parameter " + i + ", seed " + seed);
                assertEquals(m[i], gotFirst[i], 1e-6 * Math.max(1, Math.abs(m[i])), "first moment " + i + ", seed " + seed);
                assertEquals(v[i], gotSecond[i], 1e-6 * Math.max(1, Math.abs(v[i])), "second moment " + i + ", seed " + seed);
            }
            return got;
        }
    }
}
