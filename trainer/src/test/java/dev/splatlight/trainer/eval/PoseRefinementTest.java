package dev.splatlight.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.splat.GaussianBuffers;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.splat.RasterSettings;
import dev.splatlight.core.splat.RasterTargets;
import dev.splatlight.core.splat.SplatRasterizer;
import dev.splatlight.core.splat.SplatScenes;
import dev.splatlight.core.testing.VulkanTest;
import dev.splatlight.trainer.data.Rgba8Image;
import dev.splatlight.trainer.data.TrainingView;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.joml.Matrix3f;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

/**
 * Test-time pose alignment recovers a known pose error: a photo rendered from one camera, a test camera off by about a
 * degree and a few hundredths of the distance; the refined camera renders the photo again to a twentieth of the
 * squared error, and its pose is closer to the truth.
 */
@VulkanTest
class PoseRefinementTest {
    private static final int W = 64, H = 48;
    private final long seed = System.nanoTime();

    @Test
    void aPerturbedCameraIsBroughtBackToThePhoto(Gpu gpu) {
        Random random = new Random(seed);
        GaussianCloud cloud = SplatScenes.randomCloud(400, random);
        Camera truth = SplatScenes.orbitCamera(W, H, 4f, (float) (2 * Math.PI * random.nextDouble()), 0.4f);
        Rgba8Image photo = render(gpu, cloud, truth);
        double[] error = {Math.toRadians(0.8) * (random.nextBoolean() ? 1 : -1), Math.toRadians(-0.6), Math.toRadians(0.3),
                0.04, -0.03, 0.05};
        Camera off = PoseRefinement.corrected(truth, error);
        List<PoseRefinement.Refined> refined = PoseRefinement.refine(gpu, cloud,
                List.of(new TrainingView("photo", off, photo, Path.of("photo.png"))), false);
        PoseRefinement.Refined result = refined.get(0);
        double angle = angleDegrees(result.view().camera().rotation(), truth.rotation());
        double shift = result.view().camera().position().distance(truth.position());
        System.out.printf("[pose refinement] squared error %.5f -> %.5f, orientation error %.3f°, position error %.4f (seed %d)%n",
                result.msBefore(), result.msAfter(), angle, shift, seed);
        double startAngle = angleDegrees(off.rotation(), truth.rotation()), startShift = off.position().distance(truth.position());
        // the photo pins the image, not every degree of freedom: at 64×48 a small turn about the camera's x axis and a
        // shift along its y axis look alike, so the pose comes back only part of the way while the picture matches
        assertTrue(result.msAfter() < 0.05 * result.msBefore(), "the error falls 20×: " + result);
        assertTrue(angle < 0.75 * startAngle, "orientation " + angle + "° from " + startAngle + "°, seed " + seed);
        assertTrue(shift < startShift, "position " + shift + " from " + startShift + ", seed " + seed);
    }

    private static Rgba8Image render(Gpu gpu, GaussianCloud cloud, Camera camera) {
        try (GaussianBuffers splats = GaussianBuffers.uploadWithNormals(gpu, cloud);
             SplatRasterizer rasterizer = new SplatRasterizer(gpu, 3)) {
            RasterTargets rendered = rasterizer.render(splats, camera, RasterSettings.of(3, new Vector3f()));
            float[] planar = rendered.read(rendered.color, 3);
            byte[] rgba = new byte[4 * W * H];
            for (int p = 0; p < W * H; p++) {
                for (int c = 0; c < 3; c++) {
                    rgba[4 * p + c] = (byte) Math.round(255 * Math.max(0, Math.min(1, planar[c * W * H + p])));
                }
                rgba[4 * p + 3] = (byte) 255;
            }
            return new Rgba8Image(W, H, rgba);
        }
    }

    private static double angleDegrees(Matrix3f a, Matrix3f b) {
        Matrix3f relative = new Matrix3f(a).mul(new Matrix3f(b).transpose());
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, (relative.m00 + relative.m11 + relative.m22 - 1) / 2))));
    }
}
