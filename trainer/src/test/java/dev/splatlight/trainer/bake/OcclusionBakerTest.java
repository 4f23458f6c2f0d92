package dev.splatlight.trainer.bake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.light.OcclusionVolume;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.testing.VulkanTest;
import java.util.Random;
import org.junit.jupiter.api.Test;

@VulkanTest
class OcclusionBakerTest {
    private final long seed = System.nanoTime();

    /** Gaussians of assorted sizes around a few clusters, a few of them large enough for the "large" list. */
    static GaussianCloud randomScene(Random random, int count, float spread) {
        GaussianCloud cloud = new GaussianCloud(count);
        for (int i = 0; i < count; i++) {
            int cluster = random.nextInt(3);
            for (int k = 0; k < 3; k++) {
                cloud.means[3 * i + k] = (float) ((cluster - 1) * 0.3 * (k == 0 ? 1 : 0) + spread * random.nextGaussian());
                cloud.logScales[3 * i + k] = (float) Math.log(random.nextInt(20) == 0 ? 0.2 : 0.01 + 0.05 * random.nextDouble());
            }
            for (int k = 0; k < 4; k++) {
                cloud.rotations[4 * i + k] = (float) random.nextGaussian();
            }
            cloud.opacityLogits[i] = (float) (2 * random.nextGaussian());
        }
        return cloud;
    }

    @Test
    void bakedProbesMatchTheReferenceRayMarch(Gpu gpu) {
        Random random = new Random(seed);
        GaussianCloud cloud = randomScene(random, 300, 0.2f);
        BakeSettings settings = new BakeSettings(9, 0.8f, 0.3f, 0, 0.5f); // near 0.1 of the threshold's 0.3
        try (OcclusionBaker baker = new OcclusionBaker(gpu)) {
            OcclusionVolume volume = baker.bake(cloud, settings, (done, total) -> { });
            assertArrayEquals(OcclusionBaker.probeCells(cloud, settings), volume.cells());
            assertTrue(volume.probes() > 20, "a scene with probes: " + volume.probes());
            for (int p = 0; p < volume.probes(); p += Math.max(1, volume.probes() / 40)) {
                ReferenceOcclusionBake.Probe expected = ReferenceOcclusionBake.bake(cloud, settings, volume.cells()[p]);
                for (int k = 0; k < 16; k++) {
                    assertEquals(expected.coefficients()[k], volume.coefficients()[16 * p + k], 1e-4 + expected.slack()[k],
                            "probe " + p + " (cell " + volume.cells()[p] + ") coefficient " + k + ", seed " + seed);
                }
            }
        }
    }

    @Test
    void probesInEmptySpaceSeeEverything(Gpu gpu) {
        GaussianCloud one = new GaussianCloud(1); // a single tiny transparent Gaussian marks the probes around it
        one.logScales[0] = one.logScales[1] = one.logScales[2] = (float) Math.log(1e-3);
        one.rotations[0] = 1;
        one.opacityLogits[0] = -10;
        try (OcclusionBaker baker = new OcclusionBaker(gpu)) {
            OcclusionVolume volume = baker.bake(one, new BakeSettings(4, 1f, 0.25f, 0, 0), (done, total) -> { });
            assertEquals(64, volume.probes(), "the centre's cell corners and one cell around them: all 4³");
            for (int p = 0; p < volume.probes(); p++) {
                // ∫ Y00 dω = 4π·Y00 = 2√π; the other bands integrate to ~0 over the symmetric cube directions
                assertEquals(2 * Math.sqrt(Math.PI), volume.coefficients()[16 * p], 1e-4);
                for (int k = 1; k < 4; k++) {
                    assertEquals(0, volume.coefficients()[16 * p + k], 1e-4);
                }
            }
        }
    }

    @Test
    void dilationFillsTheSixNeighboursWithTheirMean() {
        int r = 5;
        int centre = (2 * r + 2) * r + 2;
        float[] coefficients = new float[32];
        java.util.Arrays.fill(coefficients, 0, 16, 1f);
        java.util.Arrays.fill(coefficients, 16, 32, 3f);
        OcclusionVolume two = new OcclusionVolume(r, 1, 0.25f, new int[] {centre, centre + 2}, coefficients);
        OcclusionVolume dilated = ProbeDilation.dilate(two, 1);
        // 6 neighbours of the first, 5 of the second (z = 5 lies outside), the cell between them shared
        assertEquals(2 + 6 + 5 - 1, dilated.probes());
        int between = dilated.slotOf(centre + 1);
        assertEquals(2f, dilated.coefficients()[16 * between], 0f, "mean of both");
        assertEquals(1f, dilated.coefficients()[16 * dilated.slotOf(centre - 1)], 0f);
    }
}
