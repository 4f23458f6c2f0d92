package dev.splatlight.viewer.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.asset.RelightableAsset;
import dev.splatlight.core.splat.GaussianCloud;
import org.joml.Quaternionf;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

class SyntheticSceneTest {
    @Test
    void everyGaussianLiesFlatOnItsSphere() {
        RelightableAsset asset = SyntheticScene.spheres(5000);
        GaussianCloud cloud = asset.gaussians();
        assertEquals(5000, cloud.count());
        for (int i = 0; i < cloud.count(); i += 7) {
            Vector3f normal = new Vector3f(cloud.normals[3 * i], cloud.normals[3 * i + 1], cloud.normals[3 * i + 2]);
            Quaternionf q = new Quaternionf(cloud.rotations[4 * i + 1], cloud.rotations[4 * i + 2], cloud.rotations[4 * i + 3],
                    cloud.rotations[4 * i]);
            Vector3f thinAxis = q.transform(new Vector3f(0, 0, 1));
            assertEquals(1, thinAxis.dot(normal), 1e-4, "Gaussian " + i + "'s thin axis is its normal");
            assertTrue(cloud.logScales[3 * i + 2] < cloud.logScales[3 * i] - 2, "flat along the normal");
            int sphere = i % SyntheticScene.SPHERES;
            Vector3f centre = new Vector3f(-0.96f + 0.64f * (sphere % 4), -0.64f + 0.64f * (sphere / 4), 0);
            Vector3f mean = new Vector3f(cloud.means[3 * i], cloud.means[3 * i + 1], cloud.means[3 * i + 2]);
            assertEquals(0.3f, mean.distance(centre), 1e-5f, "on sphere " + sphere);
        }
        assertEquals(3 * 5000, asset.material().albedo().length);
    }

    @Test
    void tooFewGaussiansForTwelveSpheresIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> SyntheticScene.spheres(5));
    }
}
