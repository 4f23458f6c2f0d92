package dev.splatlight.trainer.reflection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.light.ReferenceEnvironment;
import dev.splatlight.core.splat.GaussianBuffers;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.splat.RasterSettings;
import dev.splatlight.core.splat.RasterTargets;
import dev.splatlight.core.splat.SplatRasterizer;
import dev.splatlight.core.testing.VulkanTest;
import dev.splatlight.trainer.backward.PixelGradients;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.joml.Matrix4f;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

/**
 * reflection_composite.comp and its backward against {@link ReferenceMirrorReflection} on random pictures, normals,
 * strengths and environments, untraced and with random hits of a {@link MirrorSceneTrace}, and the reference's
 * gradients against finite differences of its forward.
 */
@VulkanTest
class ReflectionCompositeTest {
    private static final int W = 20, H = 16, PLANE = W * H;
    private final long seed = System.nanoTime();

    /** The inputs of one composite: a camera, the render's channels, θ, and an upstream gradient. */
    private record Inputs(Camera camera, float[] color, float[] features, float[] theta, int size, float[] grad,
                          float[] normalLossGrad, float[] hits) {
        /** What pixel p's traced ray met (Σ w·colour, coverage), or null untraced. */
        double[] hit(int p) {
            return hits == null ? null : new double[] {hits[p], hits[PLANE + p], hits[2 * PLANE + p], hits[3 * PLANE + p]};
        }

        double[] color(int p) {
            return new double[] {color[p], color[PLANE + p], color[2 * PLANE + p]};
        }

        double[] sum(int p) {
            return new double[] {features[p], features[PLANE + p], features[2 * PLANE + p]};
        }

        double strength(int p) {
            return features[3 * PLANE + p];
        }

        double[] g(int p) {
            return new double[] {grad[p], grad[PLANE + p], grad[2 * PLANE + p]};
        }

        double[] thetaDouble() {
            double[] t = new double[theta.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = theta[i];
            }
            return t;
        }

        double[] ray(int p) {
            return ReferenceMirrorReflection.pixelRay(camera, p % W, p / W);
        }
    }

    private static Inputs randomInputs(Random random, int size, boolean smoothEnvironment, boolean traced) {
        Matrix4f cameraToWorld = new Matrix4f().lookAt(new Vector3f(2.5f, 0.5f, 1f), new Vector3f(), new Vector3f(0, 0, 1)).invertAffine();
        Camera camera = Camera.fromOpenGlCameraToWorld(cameraToWorld, W, H, 0.9f);
        float[] color = new float[3 * PLANE], features = new float[4 * PLANE], grad = new float[3 * PLANE];
        float[] normalLossGrad = new float[4 * PLANE];
        for (int i = 0; i < color.length; i++) {
            color[i] = random.nextFloat();
            grad[i] = random.nextFloat() * 2 - 1;
        }
        for (int p = 0; p < PLANE; p++) {
            boolean empty = random.nextInt(10) == 0;          // no normal: the splats' colour stands
            for (int c = 0; c < 3; c++) {
                features[c * PLANE + p] = empty ? 0 : random.nextFloat() * 2 - 1;
                normalLossGrad[c * PLANE + p] = random.nextFloat() - 0.5f;
            }
            features[3 * PLANE + p] = random.nextInt(8) == 0 ? 0 : random.nextFloat();
            normalLossGrad[3 * PLANE + p] = 1e6f;             // garbage the backward must overwrite
        }
        float[] theta = new float[MirrorEnvironment.floats(size)];
        for (int face = 0; face < 6; face++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double[] d = ReferenceEnvironment.texelDirection(face, x, y, size);
                    int t = (face * size + y) * size + x;
                    for (int c = 0; c < 3; c++) {
                        theta[3 * t + c] = smoothEnvironment ? (float) (0.8 * d[0] + 0.5 * d[1] * d[2] + 0.3 * c * d[2])
                                : random.nextFloat() * 2 - 1;
                    }
                }
            }
        }
        float[] hits = null;
        if (traced) {
            hits = new float[MirrorSceneTrace.HIT_CHANNELS * PLANE];
            for (int p = 0; p < PLANE; p++) {
                float coverage = random.nextInt(4) == 0 ? 0 : random.nextFloat();  // a quarter met nothing
                hits[3 * PLANE + p] = coverage;
                for (int c = 0; c < 3; c++) {
                    hits[c * PLANE + p] = coverage * random.nextFloat();  // Σ w·colour: at most the coverage
                }
            }
        }
        return new Inputs(camera, color, features, theta, size, grad, normalLossGrad, hits);
    }

    /** What the GPU made of the inputs: composite [3, H, W], ∂L/∂C_splats, ∂L/∂features [4, H, W], ∂L/∂θ. */
    private record GpuResult(float[] composite, float[] gradColor, float[] gradFeatures, float[] gradTheta) {
    }

    private static GpuResult runOnGpu(Gpu gpu, Inputs in, float normalWeight) {
        // a real render supplies the frame uniforms and the raster targets; their contents are then replaced
        GaussianCloud cloud = new GaussianCloud(1);
        cloud.rotations[0] = 1;
        try (SplatRasterizer rasterizer = new SplatRasterizer(gpu, ReflectionComposite.FEATURE_CHANNELS);
             GaussianBuffers splats = GaussianBuffers.upload(gpu, cloud, new float[ReflectionComposite.FEATURE_CHANNELS]);
             ReflectionComposite composite = new ReflectionComposite(gpu);
             MirrorEnvironment environment = new MirrorEnvironment(gpu, in.size(), withZeroMoments(in.theta()));
             PixelGradients gradients = new PixelGradients(gpu, W, H, ReflectionComposite.FEATURE_CHANNELS)) {
            RasterTargets targets = rasterizer.render(splats, in.camera(), RasterSettings.of(0, new Vector3f()));
            GpuBuffer frame = rasterizer.lastFrame().frameUniforms();
            targets.color.uploadFloats(in.color());
            targets.features.uploadFloats(in.features());
            gradients.features.uploadFloats(in.normalLossGrad());
            GpuBuffer hits = in.hits() == null ? null : GpuBuffer.withFloats(gpu, "test hits", in.hits());
            try {
                GpuBuffer[] image = new GpuBuffer[1];
                gpu.submitAndWait(commands -> {
                    environment.recordZeroGradient(commands);
                    image[0] = composite.recordForward(commands, frame, targets, environment, hits);
                });
                float[] forward = image[0].readFloats(3 * PLANE);
                gradients.color.uploadFloats(in.grad());
                gpu.submitAndWait(commands -> composite.recordBackward(commands, frame, targets, environment, gradients,
                        normalWeight, hits));
                return new GpuResult(forward, gradients.color.readFloats(3 * PLANE), gradients.features.readFloats(4 * PLANE),
                        environment.gradient.readFloats(in.theta().length));
            } finally {
                if (hits != null) {
                    hits.close();
                }
            }
        }
    }

    private static float[] withZeroMoments(float[] theta) {
        float[] state = new float[3 * theta.length];
        System.arraycopy(theta, 0, state, 0, theta.length);
        return state;
    }

    @Test
    void forwardAndBackwardMatchTheReference(Gpu gpu) {
        forwardAndBackwardMatchTheReference(gpu, false);
    }

    @Test
    void forwardAndBackwardWithTracedHitsMatchTheReference(Gpu gpu) {
        forwardAndBackwardMatchTheReference(gpu, true);
    }

    private void forwardAndBackwardMatchTheReference(Gpu gpu, boolean traced) {
        Random random = new Random(seed);
        Inputs in = randomInputs(random, 8, false, traced);
        float normalWeight = 0.1f + 12f * random.nextFloat(); // --reflection-normal-weight (10 by default)
        GpuResult got = runOnGpu(gpu, in, normalWeight);
        double[] theta = in.thetaDouble();
        double[] gradTheta = new double[theta.length];
        List<String> failures = new ArrayList<>();
        for (int p = 0; p < PLANE; p++) {
            double[] expected = ReferenceMirrorReflection.composite(in.color(p), in.sum(p), in.strength(p), in.ray(p), theta,
                    in.size(), in.hit(p));
            double[] grads = ReferenceMirrorReflection.backward(in.color(p), in.sum(p), in.strength(p), in.ray(p), theta,
                    in.size(), in.hit(p), in.g(p), gradTheta);
            for (int c = 0; c < 3; c++) {
                check(failures, "composite", p, c, expected[c], got.composite()[c * PLANE + p], 2e-5);
                check(failures, "∂L/∂C_splats", p, c, grads[c], got.gradColor()[c * PLANE + p], 1e-6);
                check(failures, "∂L/∂normal sum", p, c, in.normalLossGrad()[c * PLANE + p] + normalWeight * grads[4 + c],
                        got.gradFeatures()[c * PLANE + p], 2e-3 * Math.max(1, Math.abs(grads[4 + c])));
            }
            check(failures, "∂L/∂R", p, 0, grads[3], got.gradFeatures()[3 * PLANE + p], 2e-5);
        }
        double largest = 0;
        for (int i = 0; i < theta.length; i++) {
            largest = Math.max(largest, Math.abs(gradTheta[i]));
            check(failures, "∂L/∂θ", i / 3, i % 3, gradTheta[i], got.gradTheta()[i], 1e-5 * Math.max(1, Math.abs(gradTheta[i])));
        }
        assertTrue(largest > 0.1, "the environment received gradients (largest " + largest + ")");
        assertTrue(failures.isEmpty(), "seed " + seed + ": " + failures.size() + " mismatches, first:\n"
                + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
    }

    private static void check(List<String> failures, String what, int p, int c, double expected, double got, double tolerance) {
        if (!(Math.abs(expected - got) <= tolerance)) {
            failures.add(what + " at " + p + "/" + c + ": expected " + expected + ", got " + got);
        }
    }

    /** L = Σ g·C over the image, from the reference forward. */
    private static double loss(Inputs in, double[] theta, int pixel, double[] color, double[] sum, double strength) {
        double total = 0;
        for (int p = 0; p < PLANE; p++) {
            double[] c = ReferenceMirrorReflection.composite(p == pixel ? color : in.color(p), p == pixel ? sum : in.sum(p),
                    p == pixel ? strength : in.strength(p), in.ray(p), theta, in.size(), in.hit(p));
            double[] g = in.g(p);
            total += g[0] * c[0] + g[1] * c[1] + g[2] * c[2];
        }
        return total;
    }

    @Test
    void referenceGradientsMatchFiniteDifferences() {
        referenceGradientsMatchFiniteDifferences(false);
        referenceGradientsMatchFiniteDifferences(true);
    }

    private void referenceGradientsMatchFiniteDifferences(boolean traced) {
        Random random = new Random(seed);
        Inputs in = randomInputs(random, 32, true, traced);
        double[] theta = in.thetaDouble();
        double[] gradTheta = new double[theta.length];
        double[][] grads = new double[PLANE][];
        for (int p = 0; p < PLANE; p++) {
            grads[p] = ReferenceMirrorReflection.backward(in.color(p), in.sum(p), in.strength(p), in.ray(p), theta,
                    in.size(), in.hit(p), in.g(p), gradTheta);
        }
        double h = 1e-4;
        double tangentSize = 0;
        int checked = 0;
        for (int p = 0; p < PLANE; p++) {
            if (ReferenceEnvironment.dot(in.sum(p), in.sum(p)) < 1e-2) {
                continue;
            }
            checked++;
            for (int c = 0; c < 3; c++) {
                double[] up = in.color(p), down = in.color(p);
                up[c] += h;
                down[c] -= h;
                double numeric = (loss(in, theta, p, up, in.sum(p), in.strength(p))
                        - loss(in, theta, p, down, in.sum(p), in.strength(p))) / (2 * h);
                assertEquals(numeric, grads[p][c], 1e-6, "∂L/∂C at " + p + ", seed " + seed);
            }
            double numericR = (loss(in, theta, p, in.color(p), in.sum(p), in.strength(p) + h)
                    - loss(in, theta, p, in.color(p), in.sum(p), in.strength(p) - h)) / (2 * h);
            assertEquals(numericR, grads[p][3], 1e-6, "∂L/∂R at " + p + ", seed " + seed);
            // ∂L/∂(normal sums) is a difference quotient by design (the kernel's comment says why), so check it as one:
            // moving the sum s by ±h·|s|·t along either tangent turns the normal to normalize(n ± h·t), exactly the
            // two lookups the quotient takes, so the loss's central difference along t must equal gradient · t, and
            // the gradient has no component along n (the lookup ignores |s|).
            double[] sum = in.sum(p);
            double length = Math.sqrt(ReferenceEnvironment.dot(sum, sum));
            double[] n = {sum[0] / length, sum[1] / length, sum[2] / length};
            double[] gradient = {grads[p][4], grads[p][5], grads[p][6]};
            double step = ReferenceEnvironment.NORMAL_DIFFERENCE_STEP * length;
            for (double[] t : ReferenceEnvironment.tangentFrame(n)) {
                double[] up = sum.clone(), down = sum.clone();
                for (int a = 0; a < 3; a++) {
                    up[a] += step * t[a];
                    down[a] -= step * t[a];
                }
                double numeric = (loss(in, theta, p, in.color(p), up, in.strength(p))
                        - loss(in, theta, p, in.color(p), down, in.strength(p))) / (2 * step);
                double analytic = ReferenceEnvironment.dot(gradient, t);
                assertEquals(numeric, analytic, 1e-9 * Math.max(1, Math.abs(numeric)), "∂L/∂normal sums at " + p + ", seed " + seed);
                tangentSize += Math.abs(analytic);
            }
            assertEquals(0, ReferenceEnvironment.dot(gradient, n), 1e-12, "no radial component at " + p + ", seed " + seed);
        }
        assertTrue(checked > PLANE / 2, "pixels checked: " + checked);
        assertTrue(tangentSize > 1, "the normals received gradients (Σ|∂L/∂n·t| = " + tangentSize + ")");
        for (int k = 0; k < 20; k++) {
            int i;
            do {
                i = random.nextInt(theta.length);
            } while (gradTheta[i] == 0);
            double saved = theta[i];
            theta[i] = saved + h;
            double up = loss(in, theta, -1, null, null, 0);
            theta[i] = saved - h;
            double down = loss(in, theta, -1, null, null, 0);
            theta[i] = saved;
            assertEquals((up - down) / (2 * h), gradTheta[i], 1e-6 * Math.max(1, Math.abs(gradTheta[i])), "∂L/∂θ " + i + ", seed " + seed);
        }
    }
}
