package dev.splatlight.core.splat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

class GaussianCloudTest {
    @Test
    void centroidsWeighEveryGaussianOrItsOpacity() {
        GaussianCloud cloud = new GaussianCloud(2);
        cloud.means[0] = 1; // (1, 0, 0), opacity 1/2
        cloud.means[4] = 3; // (0, 3, 0), opacity 3/4 (logit ln 3)
        cloud.opacityLogits[0] = 0;
        cloud.opacityLogits[1] = (float) Math.log(3);
        assertEquals(new Vector3f(0.5f, 1.5f, 0), cloud.centroid());
        Vector3f weighted = cloud.opacityWeightedCentroid();
        assertEquals(0.5 / 1.25, weighted.x, 1e-6);
        assertEquals(3 * 0.75 / 1.25, weighted.y, 1e-6);
        assertEquals(0, weighted.z, 1e-6);
        assertEquals(new Vector3f(), new GaussianCloud(0).opacityWeightedCentroid(), "nothing seen: the origin");
    }
}
