package dev.splatlight.trainer.densify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.splat.GaussianBuffers;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.splat.RasterSettings;
import dev.splatlight.core.splat.RenderedFrame;
import dev.splatlight.core.splat.SplatRasterizer;
import dev.splatlight.core.testing.VulkanTest;
import java.util.Random;
import org.joml.Matrix4f;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

/** densify_statistics.comp against the rule written out in Java, on a random render and random gradients. */
@VulkanTest
class DensificationStatisticsTest {
    private static final int W = 96, H = 64, N = 500;

    private final long seed = System.nanoTime();

    private static GaussianCloud randomCloud(Random random) {
        GaussianCloud cloud = new GaussianCloud(N);
        for (int i = 0; i < N; i++) {
            for (int a = 0; a < 3; a++) {
                cloud.means[3 * i + a] = (random.nextFloat() * 2 - 1) * 1.5f; // some leave the view and are culled
                cloud.logScales[3 * i + a] = -4 + 2 * random.nextFloat();
            }
            cloud.rotations[4 * i] = 1;
            cloud.opacityLogits[i] = random.nextFloat() * 4 - 2;
        }
        return cloud;
    }

    @Test
    void visibleSplatsAddTheirNdcGradientNormCountTheViewAndKeepTheLargestRadius(Gpu gpu) {
        Random random = new Random(seed);
        GaussianCloud cloud = randomCloud(random);
        Matrix4f cameraToWorld = new Matrix4f().lookAt(new Vector3f(2.5f, 0.5f, 1f), new Vector3f(), new Vector3f(0, 0, 1))
                .invertAffine();
        Camera camera = Camera.fromOpenGlCameraToWorld(cameraToWorld, W, H, 0.8f);
        float[] screen = new float[10 * N], before = new float[4 * N];
        for (int i = 0; i < screen.length; i++) {
            screen[i] = (float) random.nextGaussian() * 1e-4f;
        }
        for (int i = 0; i < N; i++) {
            before[4 * i] = random.nextFloat();
            before[4 * i + 1] = random.nextInt(5);
            before[4 * i + 2] = random.nextInt(30);
        }
        try (SplatRasterizer rasterizer = new SplatRasterizer(gpu, 3);
             DensificationStatistics statistics = new DensificationStatistics(gpu);
             GaussianBuffers splats = GaussianBuffers.uploadWithNormals(gpu, cloud);
             GpuBuffer gradients = GpuBuffer.withFloats(gpu, "screen gradients", screen);
             GpuBuffer accumulated = GpuBuffer.withFloats(gpu, "statistics", before)) {
            rasterizer.render(splats, camera, RasterSettings.of(0, new Vector3f()));
            RenderedFrame frame = rasterizer.lastFrame();
            gpu.submitAndWait(commands -> statistics.record(commands, frame, gradients, accumulated));
            float[] projected = frame.projected().readFloats(12 * N), after = accumulated.readFloats(4 * N);
            int visible = 0;
            for (int i = 0; i < N; i++) {
                float radius = projected[12 * i + 3];
                float[] expected = before.clone();
                if (radius > 0) {
                    visible++;
                    double gx = screen[10 * i] * 0.5 * W, gy = screen[10 * i + 1] * 0.5 * H; // ∂L/∂NDC = ∂L/∂pixel · size / 2
                    expected[4 * i] += (float) Math.hypot(gx, gy);
                    expected[4 * i + 1] += 1;
                    expected[4 * i + 2] = Math.max(expected[4 * i + 2], radius);
                }
                for (int k = 0; k < 3; k++) {
                    assertEquals(expected[4 * i + k], after[4 * i + k], 1e-6f * Math.max(1, Math.abs(expected[4 * i + k])),
                            "splat " + i + " statistic " + k + ", seed " + seed);
                }
            }
            assertTrue(visible > N / 4 && visible < N, visible + " of " + N + " visible: the test should see both kinds");
        }
    }
}
