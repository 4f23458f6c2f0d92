package dev.splatlight.viewer.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.asset.RelightableAsset;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.light.EnvironmentCube;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.testing.VulkanTest;
import dev.splatlight.viewer.camera.OrbitCamera;
import java.util.Random;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

/**
 * The viewer's traced reflections (HeadlessRenderer.setTracedReflections): a mirror sphere beside a red wall shows
 * it — its pixels redden where on — and nothing else changes.
 */
@VulkanTest
class TracedReflectionsRenderTest {
    private static final int W = 96, H = 64;

    /**
     * A mirror sphere (radius 0.4 at x = −0.55: metallic, roughness 0.1) beside a red wall (the plane x = 0.2, facing
     * it), under a uniform sky. Seen from −y the wall is edge-on and the mirror's right half reflects it.
     */
    static RelightableAsset mirrorBesideRedWall() {
        Random random = new Random(5);
        int sphere = 2500, side = 60, n = sphere + side * side;
        GaussianCloud cloud = new GaussianCloud(n);
        float[] albedo = new float[3 * n], roughness = new float[n], metallic = new float[n];
        for (int i = 0; i < n; i++) {
            boolean mirror = i < sphere;
            Vector3f normal;
            if (mirror) {
                normal = new Vector3f((float) random.nextGaussian(), (float) random.nextGaussian(), (float) random.nextGaussian()).normalize();
                cloud.means[3 * i] = -0.55f + 0.4f * normal.x;
                cloud.means[3 * i + 1] = 0.4f * normal.y;
                cloud.means[3 * i + 2] = 0.4f * normal.z;
                cloud.logScales[3 * i] = cloud.logScales[3 * i + 1] = cloud.logScales[3 * i + 2] = (float) Math.log(0.03);
            } else {
                int k = i - sphere;
                normal = new Vector3f(-1, 0, 0);
                cloud.means[3 * i] = 0.2f;
                cloud.means[3 * i + 1] = -1.2f + 2.4f * (k % side) / (side - 1);
                cloud.means[3 * i + 2] = -1.2f + 2.4f * (k / side) / (side - 1);
                cloud.logScales[3 * i] = (float) Math.log(0.005); // thin across the wall
                cloud.logScales[3 * i + 1] = cloud.logScales[3 * i + 2] = (float) Math.log(0.03);
            }
            cloud.normals[3 * i] = normal.x;
            cloud.normals[3 * i + 1] = normal.y;
            cloud.normals[3 * i + 2] = normal.z;
            cloud.rotations[4 * i] = 1;
            cloud.opacityLogits[i] = 4;
            albedo[3 * i] = mirror ? 0.95f : 0.8f;
            albedo[3 * i + 1] = mirror ? 0.95f : 0.05f;
            albedo[3 * i + 2] = mirror ? 0.95f : 0.05f;
            roughness[i] = mirror ? 0.1f : 0.9f;
            metallic[i] = mirror ? 1 : 0;
        }
        int size = 32;
        float[] sky = new float[18 * size * size];
        java.util.Arrays.fill(sky, 1f);
        return new RelightableAsset(cloud, new RelightableAsset.Material(albedo, roughness, metallic), new EnvironmentCube(size, sky),
                null, null, false, true, false, false);
    }

    @Test
    void aMirrorShowsItsNeighbourOnlyWhereTraced(Gpu gpu) {
        DisplaySettings settings = new DisplaySettings(ViewMode.SHADED, 0, false, new Vector3f(0), 0);
        OrbitCamera camera = new OrbitCamera(new Vector3f(-0.55f, 0, 0), -90, 0, 3f, 30); // from −y, at the mirror
        byte[] plain, traced;
        try (HeadlessRenderer renderer = new HeadlessRenderer(gpu, mirrorBesideRedWall(), null, 0)) {
            plain = renderer.render(camera, W, H, settings);
            renderer.setTracedReflections(true);
            traced = renderer.render(camera, W, H, settings);
            assertTrue(renderer.reflectionGrid().entries().length >= 2500 + 60 * 60, "every Gaussian listed at least once");
            assertTrue(renderer.reflectionGrid() == renderer.reflectionGrid(), "built once");
            renderer.setTracedReflections(false);
            assertEquals(java.util.Arrays.toString(plain), java.util.Arrays.toString(renderer.render(camera, W, H, settings)),
                    "switched off again, the same picture");
        }
        int reddened = 0, changedElsewhere = 0, mirrorPixels = 0, elsewhere = 0;
        for (int p = 0; p < W * H; p++) {
            int r0 = plain[4 * p] & 0xff, g0 = plain[4 * p + 1] & 0xff, b0 = plain[4 * p + 2] & 0xff;
            int r1 = traced[4 * p] & 0xff, g1 = traced[4 * p + 1] & 0xff;
            if (Math.abs(r0 - g0) <= 3 && r0 > 20) { // grey: the mirror under the white sky
                mirrorPixels++;
                reddened += r1 - g1 > 20 ? 1 : 0;
            } else if (r0 - g0 > 60 || r0 + g0 + b0 == 0) { // the rough wall, or the background (the mirror's edges left out)
                elsewhere++;
                changedElsewhere += r0 != r1 || g0 != g1 || b0 != (traced[4 * p + 2] & 0xff) ? 1 : 0;
            }
        }
        assertTrue(mirrorPixels > 300, mirrorPixels + " mirror pixels");
        assertTrue(reddened > mirrorPixels / 5, reddened + " of " + mirrorPixels + " mirror pixels show the red wall");
        assertTrue(elsewhere > W * H / 2, elsewhere + " pixels of wall and background");
        assertEquals(0, changedElsewhere, "the wall's and the background's pixels keep their colour");
    }
}
