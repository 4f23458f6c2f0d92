package dev.splatlight.trainer.backward;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.splat.GaussianBuffers;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.splat.RasterMode;
import dev.splatlight.core.splat.RasterSettings;
import dev.splatlight.core.splat.RasterTargets;
import dev.splatlight.core.splat.SplatRasterizer;
import dev.splatlight.core.testing.VulkanTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.joml.Matrix4f;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

/**
 * Central finite differences of L = Σ g ⊙ (colour, opacity, depth, features) against the backward pass, on a
 * scene the smooth test mode makes differentiable everywhere (few splats, moderate opacities, all inside the view).
 */
@VulkanTest
class SplatBackwardGradientTest {
    private static final int W = 64, H = 48, F = 3;
    private static final double RELATIVE_TOLERANCE = 0.03;
    private static final double ABSOLUTE_TOLERANCE = 0.02;
    /** Far more than any step below moves a depth, so that no step reorders the splats (a jump in the image). */
    private static final float MIN_DEPTH_GAP = 0.02f;

    private final long seed = System.nanoTime();

    /** One scalar parameter of the cloud or the feature array, and its finite-difference step. */
    private record Parameter(String name, float[] array, int index, float step) {
    }

    private static GaussianCloud smoothScene(int n, Random random) {
        GaussianCloud cloud = new GaussianCloud(n);
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                cloud.means[3 * i + a] = random.nextFloat() - 0.5f;
                cloud.logScales[3 * i + a] = -1.6f + 0.7f * random.nextFloat();
                cloud.normals[3 * i + a] = random.nextFloat() * 2 - 1;
            }
            for (int a = 0; a < 4; a++) {
                cloud.rotations[4 * i + a] = (float) random.nextGaussian() + (a == 0 ? 1.5f : 0f);
            }
            cloud.opacityLogits[i] = random.nextFloat() * 1.6f - 0.8f;
            for (int k = 0; k < 48; k++) {
                cloud.sh[48 * i + k] = k < 3 ? random.nextFloat() : (random.nextFloat() - 0.5f) * 0.2f;
            }
        }
        return cloud;
    }

    /** Smallest difference of camera depth between two splats: the blend order flips when a step crosses it. */
    private static float closestDepthGap(GaussianCloud cloud, Camera camera) {
        float[] depths = new float[cloud.count()];
        for (int i = 0; i < depths.length; i++) {
            depths[i] = camera.viewFromWorld().transformPosition(
                    new Vector3f(cloud.means[3 * i], cloud.means[3 * i + 1], cloud.means[3 * i + 2])).z;
        }
        java.util.Arrays.sort(depths);
        float gap = Float.POSITIVE_INFINITY;
        for (int i = 1; i < depths.length; i++) {
            gap = Math.min(gap, depths[i] - depths[i - 1]);
        }
        return gap;
    }

    private static Camera camera() {
        Vector3f eye = new Vector3f(3.2f, 1.4f, 1.9f);
        Matrix4f cameraToWorld = new Matrix4f().lookAt(eye, new Vector3f(), new Vector3f(0, 0, 1)).invertAffine();
        return Camera.fromOpenGlCameraToWorld(cameraToWorld, W, H, 0.69f);
    }

    /** Upstream gradients: random everywhere, but none on depth where almost nothing is blended (D/O is ill-posed). */
    private static float[][] upstream(Random random, float[] opacity) {
        float[] color = new float[3 * W * H], alpha = new float[W * H], depth = new float[W * H], features = new float[F * W * H];
        for (int i = 0; i < color.length; i++) {
            color[i] = random.nextFloat() * 2 - 1;
        }
        for (int i = 0; i < features.length; i++) {
            features[i] = random.nextFloat() * 2 - 1;
        }
        for (int p = 0; p < W * H; p++) {
            alpha[p] = random.nextFloat() * 2 - 1;
            depth[p] = opacity[p] > 0.05f ? random.nextFloat() * 2 - 1 : 0;
        }
        return new float[][] {color, alpha, depth, features};
    }

    private static double loss(Gpu gpu, SplatRasterizer rasterizer, GaussianCloud cloud, float[] features, Camera camera,
                               RasterSettings settings, float[][] g) {
        try (GaussianBuffers splats = GaussianBuffers.upload(gpu, cloud, features)) {
            RasterTargets t = rasterizer.render(splats, camera, settings);
            return dot(g[0], t.read(t.color, 3)) + dot(g[1], t.read(t.opacity, 1)) + dot(g[2], t.read(t.depth, 1))
                    + dot(g[3], t.read(t.features, F));
        }
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    @Test
    void backwardMatchesCentralFiniteDifferences(Gpu gpu) {
        Random random = new Random(seed);
        int n = 6;
        Camera camera = camera();
        GaussianCloud cloud = smoothScene(n, random);
        while (closestDepthGap(cloud, camera) < MIN_DEPTH_GAP) {
            cloud = smoothScene(n, random);
        }
        float[] features = cloud.normals.clone();
        RasterSettings settings = new RasterSettings(3, new Vector3f(0.3f, 0.6f, 0.2f), 0.2f);
        try (SplatRasterizer rasterizer = new SplatRasterizer(gpu, F, RasterMode.SMOOTH_FOR_GRADIENT_TESTS);
             SplatBackward backward = new SplatBackward(gpu, F, RasterMode.SMOOTH_FOR_GRADIENT_TESTS);
             PixelGradients pixelGradients = new PixelGradients(gpu, W, H, F);
             GaussianGradients gradients = new GaussianGradients(gpu, n, F);
             GaussianBuffers splats = GaussianBuffers.upload(gpu, cloud, features)) {
            RasterTargets base = rasterizer.render(splats, camera, settings);
            float[][] g = upstream(random, base.read(base.opacity, 1));
            pixelGradients.color.uploadFloats(g[0]);
            pixelGradients.opacity.uploadFloats(g[1]);
            pixelGradients.depth.uploadFloats(g[2]);
            pixelGradients.features.uploadFloats(g[3]);
            gpu.submitAndWait(commands -> backward.record(commands, splats, rasterizer.lastFrame(), pixelGradients, gradients));
            float[] gMeans = gradients.means.readFloats(3 * n), gScales = gradients.logScales.readFloats(3 * n);
            float[] gRotations = gradients.rotations.readFloats(4 * n), gOpacity = gradients.opacityLogits.readFloats(n);
            float[] gSh = gradients.sh.readFloats(48 * n), gFeatures = gradients.features.readFloats(F * n);

            List<Parameter> parameters = new ArrayList<>();
            List<Float> analytic = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < 3; a++) {
                    parameters.add(new Parameter("mean[" + i + "][" + a + "]", cloud.means, 3 * i + a, 1e-3f));
                    analytic.add(gMeans[3 * i + a]);
                    parameters.add(new Parameter("logScale[" + i + "][" + a + "]", cloud.logScales, 3 * i + a, 1e-3f));
                    analytic.add(gScales[3 * i + a]);
                    parameters.add(new Parameter("feature[" + i + "][" + a + "]", features, 3 * i + a, 1e-2f));
                    analytic.add(gFeatures[3 * i + a]);
                }
                for (int a = 0; a < 4; a++) {
                    parameters.add(new Parameter("rotation[" + i + "][" + a + "]", cloud.rotations, 4 * i + a, 1e-3f));
                    analytic.add(gRotations[4 * i + a]);
                }
                parameters.add(new Parameter("opacityLogit[" + i + "]", cloud.opacityLogits, i, 1e-3f));
                analytic.add(gOpacity[i]);
                for (int k : new int[] {0, 1, 2, 5, 13, 20, 31, 47}) { // DC and each band, all channels covered
                    parameters.add(new Parameter("sh[" + i + "][" + k + "]", cloud.sh, 48 * i + k, 1e-2f));
                    analytic.add(gSh[48 * i + k]);
                }
            }
            List<String> failures = new ArrayList<>();
            for (int p = 0; p < parameters.size(); p++) {
                Parameter parameter = parameters.get(p);
                float original = parameter.array()[parameter.index()];
                parameter.array()[parameter.index()] = original + parameter.step();
                double plus = loss(gpu, rasterizer, cloud, features, camera, settings, g);
                parameter.array()[parameter.index()] = original - parameter.step();
                double minus = loss(gpu, rasterizer, cloud, features, camera, settings, g);
                parameter.array()[parameter.index()] = original;
                double numeric = (plus - minus) / (2.0 * parameter.step());
                double error = Math.abs(numeric - analytic.get(p));
                if (error > RELATIVE_TOLERANCE * Math.max(Math.abs(numeric), Math.abs(analytic.get(p))) + ABSOLUTE_TOLERANCE) {
                    failures.add(String.format("%s: analytic %.5f, finite difference %.5f", parameter.name(), analytic.get(p), numeric));
                }
            }
            assertTrue(failures.isEmpty(), failures.size() + " of " + parameters.size() + " gradients disagree (seed " + seed + "):\n"
                    + String.join("\n", failures));
        }
    }
}
