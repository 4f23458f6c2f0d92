package dev.splatlight.trainer.backward;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.splat.GaussianBuffers;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.splat.RasterMode;
import dev.splatlight.core.splat.RasterSettings;
import dev.splatlight.core.splat.RasterTargets;
import dev.splatlight.core.splat.RenderedFrame;
import dev.splatlight.core.splat.SplatRasterizer;
import dev.splatlight.core.testing.Buffers;
import dev.splatlight.core.testing.VulkanTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.joml.Matrix4f;
import org.joml.Vector3f;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each backward kernel against its plain-Java reference ({@link ReferenceSplatBackward}) on a fresh random scene in
 * the rasterizer's real mode (alpha cutoffs, opacity clamp, early termination, Jacobian clamp at the edge of the
 * view, clamped colours): rasterize_backward on the GPU's own projected splats, project_backward on the GPU's own
 * screen-space gradients, so that each kernel is checked alone.
 */
@VulkanTest
class SplatBackwardReferenceTest {
    private static final int W = 64, H = 48, N = 48, SH_DEGREE = 3;
    /** float kernels against double references: an error may reach this fraction of the value… */
    private static final double RELATIVE_TOLERANCE = 1e-2;
    /** …plus this fraction of the largest value of the same quantity (float cancellation in sums). */
    private static final double SCALE_TOLERANCE = 1e-3;

    private final long seed = System.nanoTime();

    /** Gaussians in [−1.4, 1.4]³, seen from 2.6 away: some leave the view, some are nearly opaque. */
    private static GaussianCloud randomScene(Random random) {
        GaussianCloud cloud = new GaussianCloud(N);
        for (int i = 0; i < N; i++) {
            for (int a = 0; a < 3; a++) {
                cloud.means[3 * i + a] = (random.nextFloat() * 2 - 1) * 1.4f;
                cloud.logScales[3 * i + a] = -3.5f + 2f * random.nextFloat();
            }
            for (int a = 0; a < 4; a++) {
                cloud.rotations[4 * i + a] = (float) random.nextGaussian();
            }
            cloud.opacityLogits[i] = -2 + 8 * random.nextFloat();
            for (int k = 0; k < 48; k++) {
                cloud.sh[48 * i + k] = (float) random.nextGaussian() * (k < 3 ? 0.8f : 0.2f);
            }
        }
        return cloud;
    }

    private static Camera camera() {
        Matrix4f cameraToWorld = new Matrix4f().lookAt(new Vector3f(2.1f, 0.9f, 1.3f), new Vector3f(), new Vector3f(0, 0, 1))
                .invertAffine();
        return Camera.fromOpenGlCameraToWorld(cameraToWorld, W, H, 0.69f);
    }

    private static float[] uniform(Random random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        return values;
    }

    /**
     * Three feature channels as the geometry stage blends normals, with and without their losses reaching alpha, four
     * as it blends them with the reflection strength (--reflections);
     * eight take the kernel's other reduction path (more than sixteen gradient floats per splat).
     */
    @ParameterizedTest(name = "features shape alpha: {0}, {1} feature channels, distortion weight {2}")
    @CsvSource({"true, 3, 0", "false, 3, 0", "true, 4, 0", "true, 8, 0", "false, 4, 0.7", "true, 8, 0.7"})
    void backwardKernelsMatchTheirJavaReferences(boolean featuresShapeAlpha, int featureChannels, float distortion, Gpu gpu) {
        final int F = featureChannels;
        Random random = new Random(seed);
        GaussianCloud cloud = randomScene(random);
        float[] features = new float[N * F];
        for (int i = 0; i < features.length; i++) {
            features[i] = random.nextFloat() * 2 - 1;
        }
        Camera camera = camera();
        Vector3f background = new Vector3f(0.3f, 0.6f, 0.2f);
        RasterSettings settings = new RasterSettings(SH_DEGREE, background, 0.2f);
        try (SplatRasterizer rasterizer = new SplatRasterizer(gpu, F, RasterMode.STANDARD);
             SplatBackward backward = distortion != 0
                     ? SplatBackward.withDistortion(gpu, F, RasterMode.STANDARD, featuresShapeAlpha)
                     : new SplatBackward(gpu, F, RasterMode.STANDARD, featuresShapeAlpha);
             PixelGradients pixelGradients = new PixelGradients(gpu, W, H, F);
             GaussianGradients gradients = new GaussianGradients(gpu, N, F);
             GaussianBuffers splats = GaussianBuffers.upload(gpu, cloud, features)) {
            RasterTargets targets = rasterizer.render(splats, camera, settings);
            RenderedFrame frame = rasterizer.lastFrame();
            float[] opacity = targets.read(targets.opacity, 1);
            float[] depthGradient = uniform(random, W * H);
            for (int p = 0; p < W * H; p++) {
                depthGradient[p] = opacity[p] > 0.05f ? depthGradient[p] : 0; // D/O is ill-conditioned where O ≈ 0
            }
            var upstream = new ReferenceSplatBackward.PixelUpstream(uniform(random, 3 * W * H), uniform(random, W * H),
                    depthGradient, uniform(random, F * W * H));
            pixelGradients.color.uploadFloats(upstream.color());
            pixelGradients.opacity.uploadFloats(upstream.opacity());
            pixelGradients.depth.uploadFloats(upstream.depth());
            pixelGradients.features.uploadFloats(upstream.features());
            if (distortion == 0) { // a pass built without the term refuses a weight instead of ignoring it
                assertThrows(IllegalStateException.class, () -> backward.record(null, splats, frame, pixelGradients, gradients, 0.5f));
            }
            gpu.submitAndWait(commands -> backward.record(commands, splats, frame, pixelGradients, gradients, distortion));

            float[] projected = frame.projected().readFloats(N * ReferenceSplatBackward.PROJECTED_FLOATS);
            double[] gpuScreen = Buffers.widened(gradients.screen.readFloats(N * ReferenceSplatBackward.SCREEN_QUANTITIES));
            List<String> failures = new ArrayList<>();
            var expected = ReferenceSplatBackward.rasterizeBackward(projected, features, F, W, H, background, upstream,
                    featuresShapeAlpha, distortion);
            String[] screenNames = {"centre x", "centre y", "conic xx", "conic xy", "conic yy", "opacity", "red", "green",
                    "blue", "depth"};
            for (int q = 0; q < screenNames.length; q++) {
                compare("∂L/∂" + screenNames[q], column(expected.screen(), 10, q), column(gpuScreen, 10, q), failures);
            }
            compare("∂L/∂features", expected.features(), Buffers.widened(gradients.features.readFloats(N * F)), failures);

            double[][] parameterGradients = expectedParameterGradients(cloud, camera, projected, gpuScreen);
            String[] parameterNames = {"mean", "log-scale", "quaternion", "opacity logit", "SH"};
            double[][] actual = {Buffers.widened(gradients.means.readFloats(3 * N)), Buffers.widened(gradients.logScales.readFloats(3 * N)),
                    Buffers.widened(gradients.rotations.readFloats(4 * N)), Buffers.widened(gradients.opacityLogits.readFloats(N)),
                    Buffers.widened(gradients.sh.readFloats(48 * N))};
            for (int g = 0; g < parameterNames.length; g++) {
                compare("∂L/∂" + parameterNames[g], parameterGradients[g], actual[g], failures);
            }
            int visible = 0;
            for (int i = 0; i < N; i++) {
                visible += projected[i * ReferenceSplatBackward.PROJECTED_FLOATS + 3] > 0 ? 1 : 0;
            }
            assertTrue(visible >= N / 3, "the scene should leave a third of its splats in view, " + visible + " of " + N + " are");
            assertTrue(failures.isEmpty(), "GPU backward differs from the Java reference (seed " + seed + "):\n"
                    + String.join("\n", failures));
        }
    }

    /** The material stage's pass: 8 G-buffer channels, geometry fixed, only ∂L/∂features accumulated (fast path). */
    @org.junit.jupiter.api.Test
    void featuresOnlyBackwardMatchesTheReferenceFeatureGradients(Gpu gpu) {
        final int F = 8;
        Random random = new Random(seed);
        GaussianCloud cloud = randomScene(random);
        float[] features = uniform(random, N * F);
        Camera camera = camera();
        Vector3f background = new Vector3f(0.3f, 0.6f, 0.2f);
        try (SplatRasterizer rasterizer = new SplatRasterizer(gpu, F, RasterMode.STANDARD);
             SplatBackward backward = SplatBackward.featuresOnly(gpu, F, RasterMode.STANDARD);
             PixelGradients pixelGradients = new PixelGradients(gpu, W, H, F);
             dev.splatlight.core.gpu.GpuBuffer featureGradients = dev.splatlight.core.gpu.GpuBuffer.create(gpu,
                     "∂L/∂features", 4L * N * F, dev.splatlight.core.gpu.MemoryKind.DEVICE);
             GaussianBuffers splats = GaussianBuffers.upload(gpu, cloud, features)) {
            rasterizer.render(splats, camera, new RasterSettings(0, background, 0.2f));
            RenderedFrame frame = rasterizer.lastFrame();
            var upstream = new ReferenceSplatBackward.PixelUpstream(new float[3 * W * H], new float[W * H], new float[W * H],
                    uniform(random, F * W * H));
            pixelGradients.color.uploadFloats(upstream.color());
            pixelGradients.opacity.uploadFloats(upstream.opacity());
            pixelGradients.depth.uploadFloats(upstream.depth());
            pixelGradients.features.uploadFloats(upstream.features());
            gpu.submitAndWait(commands -> backward.recordFeatures(commands, splats, frame, pixelGradients, featureGradients));
            float[] projected = frame.projected().readFloats(N * ReferenceSplatBackward.PROJECTED_FLOATS);
            var expected = ReferenceSplatBackward.rasterizeBackward(projected, features, F, W, H, background, upstream, false);
            List<String> failures = new ArrayList<>();
            compare("∂L/∂features", expected.features(), Buffers.widened(featureGradients.readFloats(N * F)), failures);
            assertTrue(failures.isEmpty(), "features-only backward differs from the reference (seed " + seed + "):\n"
                    + String.join("\n", failures));
        }
    }

    /** project_backward's reference, per parameter group: mean, log-scale, quaternion, opacity logit, SH. */
    private static double[][] expectedParameterGradients(GaussianCloud cloud, Camera camera, float[] projected, double[] screen) {
        double[][] groups = {new double[3 * N], new double[3 * N], new double[4 * N], new double[N], new double[48 * N]};
        int[] widths = {3, 3, 4, 1, 48};
        for (int i = 0; i < N; i++) {
            if (projected[i * ReferenceSplatBackward.PROJECTED_FLOATS + 3] <= 0) {
                continue; // culled: every gradient is zero
            }
            int q = ReferenceSplatBackward.SCREEN_QUANTITIES;
            double[] upstream = java.util.Arrays.copyOfRange(screen, i * q, i * q + q);
            double[] all = ReferenceSplatBackward.projectBackward(cloud, i, camera, SH_DEGREE, upstream);
            int offset = 0;
            for (int g = 0; g < groups.length; g++) {
                System.arraycopy(all, offset, groups[g], i * widths[g], widths[g]);
                offset += widths[g];
            }
        }
        return groups;
    }

    private static double[] column(double[] rows, int width, int column) {
        double[] values = new double[rows.length / width];
        for (int i = 0; i < values.length; i++) {
            values[i] = rows[i * width + column];
        }
        return values;
    }

    private static void compare(String what, double[] expected, double[] actual, List<String> failures) {
        double scale = 0;
        for (double value : expected) {
            scale = Math.max(scale, Math.abs(value));
        }
        int wrong = 0;
        String first = "";
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs(actual[i] - expected[i]);
            if (!(error <= RELATIVE_TOLERANCE * Math.abs(expected[i]) + SCALE_TOLERANCE * scale)) {
                if (wrong++ == 0) {
                    first = String.format("[%d] GPU %.6g, reference %.6g", i, actual[i], expected[i]);
                }
            }
        }
        if (scale == 0) {
            failures.add(what + ": the reference is zero everywhere, so the test would prove nothing");
        } else if (wrong > 0) {
            failures.add(String.format("%s: %d of %d differ, first %s (largest |value| %.4g)", what, wrong, expected.length,
                    first, scale));
        }
    }
}
