package dev.splatlight.trainer.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.splat.GaussianBuffers;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.splat.RasterSettings;
import dev.splatlight.core.splat.SplatRasterizer;
import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.testing.Buffers;
import dev.splatlight.core.testing.VulkanTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.joml.Matrix3d;
import org.joml.Matrix4f;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

@VulkanTest
class LossesTest {
    private final long seed = System.nanoTime();

    private static int[] randomRgba(Random random, int n) {
        int[] pixels = new int[n];
        for (int i = 0; i < n; i++) {
            int alpha = random.nextInt(4) == 0 ? random.nextInt(256) : 255;
            pixels[i] = random.nextInt(1 << 24) | alpha << 24;
        }
        return pixels;
    }

    @Test
    void photometricLossAndGradientMatchTheReference(Gpu gpu) {
        Random random = new Random(seed);
        int w = 23, h = 17, plane = w * h;
        float[] render = new float[3 * plane];
        for (int i = 0; i < render.length; i++) {
            render[i] = random.nextFloat();
        }
        int[] target = randomRgba(random, plane);
        Vector3f background = new Vector3f(1, 1, 1);
        double[] bg = {1, 1, 1};
        try (PhotometricLoss loss = new PhotometricLoss(gpu, w, h, 0.2f);
             LossTerms terms = new LossTerms(gpu);
             GpuBuffer renderBuffer = Buffers.floats(gpu, "render", render);
             GpuBuffer targetBuffer = Buffers.ints(gpu, "target", target);
             GpuBuffer gradient = GpuBuffer.create(gpu, "gradient", 3L * plane * 4, MemoryKind.DEVICE)) {
            gpu.submitAndWait(commands -> {
                terms.recordReset(commands);
                commands.barrier();
                loss.record(commands, renderBuffer, targetBuffer, background, gradient, terms);
            });
            double expected = ReferenceLosses.photometric(Buffers.widened(render), target, bg, w, h, 0.2);
            assertEquals(expected, loss.lossValue(terms.read()), 1e-5, "loss value, seed " + seed);
            float[] analytic = Buffers.readFloats(gradient, 3 * plane);
            double[] x = Buffers.widened(render);
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < x.length; i += 7) {
                double h0 = 1e-4, original = x[i];
                double targetValue = ReferenceLosses.targetColor(target[i % plane], bg)[i / plane];
                if (Math.abs(original - targetValue) < 2 * h0) {
                    continue; // a step across L1's kink at render = target has no derivative to compare with
                }
                x[i] = original + h0;
                double plus = ReferenceLosses.photometric(x, target, bg, w, h, 0.2);
                x[i] = original - h0;
                double minus = ReferenceLosses.photometric(x, target, bg, w, h, 0.2);
                x[i] = original;
                double numeric = (plus - minus) / (2 * h0);
                if (Math.abs(numeric - analytic[i]) > 1e-3 * Math.abs(numeric) + 2e-7) {
                    failures.add("pixel value " + i + ": analytic " + analytic[i] + ", finite difference " + numeric);
                }
            }
            assertTrue(failures.isEmpty(), "seed " + seed + ":\n" + String.join("\n", failures));
        }
    }

    /** The alpha term against the reference and its finite differences, added to what ∂L/∂opacity held. */
    @Test
    void alphaTermMatchesTheReferenceAndItsFiniteDifferences(Gpu gpu) {
        Random random = new Random(seed);
        int plane = 29 * 13;
        float[] opacity = new float[plane], base = new float[plane];
        int[] target = new int[plane];
        for (int p = 0; p < plane; p++) {
            opacity[p] = random.nextFloat();
            base[p] = random.nextFloat() - 0.5f;
            int alpha = random.nextInt(3) == 0 ? random.nextInt(2) * 255 : random.nextInt(256); // masks are mostly 0 or 1
            target[p] = random.nextInt(1 << 24) | alpha << 24;
        }
        float weight = 0.05f + random.nextFloat();
        try (AlphaLoss loss = new AlphaLoss(gpu);
             LossTerms terms = new LossTerms(gpu);
             GpuBuffer opacityBuffer = Buffers.floats(gpu, "opacity", opacity);
             GpuBuffer targetBuffer = Buffers.ints(gpu, "target", target);
             GpuBuffer gradient = Buffers.floats(gpu, "∂L/∂opacity", base)) {
            gpu.submitAndWait(commands -> {
                terms.recordReset(commands);
                commands.barrier();
                loss.record(commands, opacityBuffer, targetBuffer, plane, weight, gradient, terms);
            });
            double[] x = Buffers.widened(opacity);
            assertEquals(ReferenceLosses.alpha(x, target, weight), AlphaLoss.value(terms.read(), plane, weight), 1e-5,
                    "loss value, seed " + seed);
            float[] analytic = Buffers.readFloats(gradient, plane);
            for (int p = 0; p < plane; p++) {
                double h0 = 1e-4, original = x[p];
                if (Math.abs(original - (target[p] >>> 24) / 255.0) < 2 * h0) {
                    continue; // a step across the kink at opacity = alpha has no derivative to compare with
                }
                x[p] = original + h0;
                double plus = ReferenceLosses.alpha(x, target, weight);
                x[p] = original - h0;
                double minus = ReferenceLosses.alpha(x, target, weight);
                x[p] = original;
                double numeric = (plus - minus) / (2 * h0);
                assertEquals(base[p] + numeric, analytic[p], 1e-3 * Math.abs(numeric) + 1e-7, "pixel " + p + ", seed " + seed);
            }
        }
    }

    @Test
    void normalLossesMatchTheReferenceAndItsFiniteDifferences(Gpu gpu) {
        normalLossesAgainstTheReference(gpu, false);
    }

    @Test
    void aMirrorKeepsItsShareOfTheNormalTerms(Gpu gpu) {
        normalLossesAgainstTheReference(gpu, true);
    }

    /**
     * With depth coupling δ the consistency's gradient reaches the depth through the depth's normals
     * (trainer/depth_normals_backward.comp): against δ times central differences of the reference loss in each pixel's
     * depth, on a random smooth surface (added to what the depth's gradient held).
     */
    @Test
    void theConsistencyMovesTheDepthWhenCoupled(Gpu gpu) {
        Random random = new Random(seed);
        int w = 24, h = 20, plane = w * h;
        GaussianCloud cloud = new GaussianCloud(1); // a render only for its frame uniforms; the depth is made up
        cloud.logScales[0] = cloud.logScales[1] = cloud.logScales[2] = -1;
        cloud.rotations[0] = 1;
        Matrix4f cameraToWorld = new Matrix4f().lookAt(new Vector3f(2.5f, 0.5f, 1f), new Vector3f(), new Vector3f(0, 0, 1)).invertAffine();
        Camera camera = Camera.fromOpenGlCameraToWorld(cameraToWorld, w, h, 0.69f);
        double a = random.nextDouble() * 6, b = random.nextDouble() * 6;
        double[] depth = new double[plane];
        for (int p = 0; p < plane; p++) {
            depth[p] = 2 + 0.3 * Math.sin(0.3 * (p % w) + a) + 0.2 * Math.cos(0.25 * (p / w) + b) + 0.02 * random.nextDouble();
        }
        float[] normals = new float[3 * plane], base = new float[plane];
        for (int i = 0; i < 3 * plane; i++) {
            normals[i] = random.nextFloat() * 2 - 1;
        }
        for (int p = 0; p < plane; p++) {
            base[p] = random.nextFloat() - 0.5f;
        }
        float coupling = 0.2f + 0.8f * random.nextFloat();
        int[] target = randomRgba(random, plane);
        Vector3f background = new Vector3f(0, 0, 0);
        float[] depthFloats = new float[plane];
        for (int p = 0; p < plane; p++) {
            depthFloats[p] = (float) depth[p];
            depth[p] = depthFloats[p]; // the reference sees exactly what the GPU does
        }
        try (SplatRasterizer rasterizer = new SplatRasterizer(gpu, 3);
             GaussianBuffers splats = GaussianBuffers.uploadWithNormals(gpu, cloud);
             NormalLosses losses = new NormalLosses(gpu, w, h);
             LossTerms terms = new LossTerms(gpu);
             GpuBuffer depthBuffer = Buffers.floats(gpu, "depth", depthFloats);
             GpuBuffer gradDepth = Buffers.floats(gpu, "∂L/∂depth", base);
             GpuBuffer normalBuffer = Buffers.floats(gpu, "normals", normals);
             GpuBuffer targetBuffer = Buffers.ints(gpu, "target", target);
             GpuBuffer gradient = GpuBuffer.create(gpu, "gradient", 3L * plane * 4, MemoryKind.DEVICE)) {
            rasterizer.render(splats, camera, RasterSettings.of(0, background));
            gpu.submitAndWait(commands -> {
                terms.recordReset(commands);
                commands.barrier();
                losses.record(commands, rasterizer.lastFrame().frameUniforms(), depthBuffer, normalBuffer, targetBuffer,
                        background, new NormalLossWeights(1.0f, 5.0f, null, coupling), gradDepth, gradient, terms);
            });
            Matrix3d rotation = new Matrix3d(new org.joml.Matrix3f(camera.viewFromWorld()));
            double[] n = Buffers.widened(normals);
            java.util.function.ToDoubleFunction<double[]> loss = d -> {
                double[][] depthNormals = new double[plane][];
                for (int p = 0; p < plane; p++) {
                    depthNormals[p] = ReferenceLosses.depthNormal(d, w, h, p % w, p / w, camera.fx(), camera.fy(),
                            camera.cx(), camera.cy(), rotation);
                }
                return ReferenceLosses.normalLosses(n, depthNormals, target, new double[3], w, h, 1.0, 5.0);
            };
            float[] analytic = Buffers.readFloats(gradDepth, plane);
            List<String> failures = new ArrayList<>();
            double largest = 0;
            double[] numeric = new double[plane];
            boolean[] kink = new boolean[plane];
            double atDepth = loss.applyAsDouble(depth);
            for (int p = 0; p < plane; p++) {
                double step = 1e-5, original = depth[p];
                depth[p] = original + step;
                double plus = loss.applyAsDouble(depth);
                depth[p] = original - step;
                double minus = loss.applyAsDouble(depth);
                depth[p] = original;
                numeric[p] = coupling * (plus - minus) / (2 * step);
                // where a neighbour choice or a |·| flips within the step the loss jumps: no derivative to compare
                kink[p] = Math.abs((plus - atDepth) - (atDepth - minus)) > 1e-3 * Math.abs(plus - minus) + 1e-9;
                largest = Math.max(largest, kink[p] ? 0 : Math.abs(numeric[p]));
            }
            int kinks = 0;
            for (int p = 0; p < plane; p++) {
                if (kink[p]) {
                    kinks++;
                    continue;
                }
                double got = analytic[p] - base[p];
                if (Math.abs(got - numeric[p]) > 2e-3 * Math.abs(numeric[p]) + 1e-4 * largest) {
                    failures.add("depth " + p + ": analytic " + got + ", finite difference " + numeric[p]);
                }
            }
            assertTrue(largest > 0, "the consistency should depend on the depth");
            assertTrue(kinks <= plane / 50, kinks + " of " + plane + " depths sit on a kink");
            assertTrue(failures.isEmpty(), "seed " + seed + " (coupling " + coupling + "):\n" + String.join("\n", failures));
        }
    }

    /**
     * With {@code reflections} the features carry a random reflection strength plane and random shares: the smoothness
     * s in [0, 3) (above 1 a mirror is smoothed more), the consistency k and the edges e in [0, 1).
     */
    private void normalLossesAgainstTheReference(Gpu gpu, boolean reflections) {
        Random random = new Random(seed);
        int w = 24, h = 20, plane = w * h;
        // A real render gives the depth and frame uniforms; normals and the photo are random.
        GaussianCloud cloud = new GaussianCloud(60);
        for (int i = 0; i < 60; i++) {
            for (int a = 0; a < 3; a++) {
                cloud.means[3 * i + a] = random.nextFloat() - 0.5f;
                cloud.logScales[3 * i + a] = -1.3f;
            }
            cloud.rotations[4 * i] = 1;
            cloud.opacityLogits[i] = 3;
        }
        Matrix4f cameraToWorld = new Matrix4f().lookAt(new Vector3f(2.5f, 0.5f, 1f), new Vector3f(), new Vector3f(0, 0, 1)).invertAffine();
        Camera camera = Camera.fromOpenGlCameraToWorld(cameraToWorld, w, h, 0.69f);
        float[] normals = new float[(reflections ? 4 : 3) * plane];
        for (int i = 0; i < 3 * plane; i++) {
            normals[i] = random.nextFloat() * 2 - 1;
        }
        double[] strength = reflections ? new double[plane] : null;
        for (int p = 0; reflections && p < plane; p++) { // a third of the pixels no mirror, some a little past 1
            normals[3 * plane + p] = p % 3 == 0 ? 0 : random.nextFloat() * 1.1f;
            strength[p] = normals[3 * plane + p];
        }
        float share = reflections ? 3 * random.nextFloat() : 1, consistencyShare = reflections ? random.nextFloat() : 1;
        float edgeShare = reflections ? random.nextFloat() : 1;
        int[] target = randomRgba(random, plane);
        Vector3f background = new Vector3f(0, 0, 0);
        try (SplatRasterizer rasterizer = new SplatRasterizer(gpu, 3);
             GaussianBuffers splats = GaussianBuffers.uploadWithNormals(gpu, cloud);
             NormalLosses losses = new NormalLosses(gpu, w, h);
             LossTerms terms = new LossTerms(gpu);
             GpuBuffer normalBuffer = Buffers.floats(gpu, "normals", normals);
             GpuBuffer targetBuffer = Buffers.ints(gpu, "target", target);
             GpuBuffer gradient = GpuBuffer.create(gpu, "gradient", 3L * plane * 4, MemoryKind.DEVICE)) {
            var targets = rasterizer.render(splats, camera, RasterSettings.of(0, background));
            float[] depth = targets.read(targets.depth, 1);
            gpu.submitAndWait(commands -> {
                terms.recordReset(commands);
                commands.barrier();
                losses.record(commands, rasterizer.lastFrame().frameUniforms(), targets.depth, normalBuffer, targetBuffer,
                        background, new NormalLossWeights(1.0f, 5.0f,
                                reflections ? new MirrorNormalShares(consistencyShare, share, edgeShare) : null, 0), null, gradient, terms);
            });
            Matrix3d rotation = new Matrix3d(new org.joml.Matrix3f(camera.viewFromWorld()));
            double[][] depthNormals = new double[plane][];
            int valid = 0;
            float[] gpuDepthNormals = Buffers.readFloats(losses.normalsFromDepth(), 3 * plane);
            for (int p = 0; p < plane; p++) {
                depthNormals[p] = ReferenceLosses.depthNormal(Buffers.widened(depth), w, h, p % w, p / w, camera.fx(), camera.fy(),
                        camera.cx(), camera.cy(), rotation);
                if (depthNormals[p] != null) {
                    valid++;
                    for (int c = 0; c < 3; c++) {
                        assertEquals(depthNormals[p][c], gpuDepthNormals[c * plane + p], 2e-3, "normal from depth at " + p);
                    }
                }
            }
            float[] sums = terms.read();
            assertTrue(valid > plane / 5, "the render should give normals from depth on a good part of the image: " + valid);
            assertEquals(valid, sums[LossTerms.VALID_NORMALS], 0.5);
            double[] n = Buffers.widened(Arrays.copyOf(normals, 3 * plane));
            double expected = ReferenceLosses.normalLosses(n, depthNormals, target, new double[3], w, h, 1.0, 5.0, strength, share, consistencyShare, edgeShare);
            double gpuValue = sums[LossTerms.NORMAL_CONSISTENCY] / (3.0 * valid) + 5.0 * sums[LossTerms.NORMAL_TV] / (3.0 * plane);
            assertEquals(expected, gpuValue, 1e-4 * expected, "loss value, seed " + seed);
            float[] analytic = Buffers.readFloats(gradient, 3 * plane);
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < n.length; i += 5) {
                double step = 1e-6, original = n[i];
                n[i] = original + step;
                double plus = ReferenceLosses.normalLosses(n, depthNormals, target, new double[3], w, h, 1.0, 5.0, strength, share, consistencyShare, edgeShare);
                n[i] = original - step;
                double minus = ReferenceLosses.normalLosses(n, depthNormals, target, new double[3], w, h, 1.0, 5.0, strength, share, consistencyShare, edgeShare);
                n[i] = original;
                double numeric = (plus - minus) / (2 * step);
                if (Math.abs(numeric - analytic[i]) > 1e-3 * Math.abs(numeric) + 1e-6) {
                    failures.add("normal value " + i + ": analytic " + analytic[i] + ", finite difference " + numeric);
                }
            }
            assertTrue(failures.isEmpty(), "seed " + seed + " (reflections " + reflections + ", shares " + share + ", " + consistencyShare + ", " + edgeShare + "):\n"
                    + String.join("\n", failures));
        }
    }
}
