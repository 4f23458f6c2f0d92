package dev.splatlight.core.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.splat.GaussianCloud;
import java.util.Random;
import org.joml.Quaternionf;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

class ShortestAxisNormalsTest {
    @Test
    void rotationColumnsAreTheRotatedAxes() {
        Random random = new Random();
        for (int trial = 0; trial < 50; trial++) {
            float[] q = {(float) random.nextGaussian(), (float) random.nextGaussian(), (float) random.nextGaussian(), (float) random.nextGaussian()};
            Quaternionf reference = new Quaternionf(q[1], q[2], q[3], q[0]).normalize(); // JOML: x, y, z, w
            for (int k = 0; k < 3; k++) {
                Vector3f axis = reference.transform(new Vector3f(k == 0 ? 1 : 0, k == 1 ? 1 : 0, k == 2 ? 1 : 0));
                assertArrayEquals(new float[] {axis.x, axis.y, axis.z}, ShortestAxisNormals.rotationColumn(q, 0, k), 1e-5f);
            }
        }
    }

    @Test
    void flatGaussiansOnASphereGetOutwardRadialNormals() {
        Random random = new Random();
        int n = 400;
        GaussianCloud cloud = new GaussianCloud(n);
        Vector3f[] radial = new Vector3f[n];
        for (int i = 0; i < n; i++) {
            Vector3f d = new Vector3f((float) random.nextGaussian(), (float) random.nextGaussian(), (float) random.nextGaussian()).normalize();
            radial[i] = d;
            cloud.means[3 * i] = 2 + d.x; // a sphere away from the origin: the outward sign comes from the cloud's centre
            cloud.means[3 * i + 1] = d.y;
            cloud.means[3 * i + 2] = d.z;
            int thin = random.nextInt(3); // whichever axis is thinnest, turned onto the radial direction
            Vector3f thinAxis = new Vector3f(thin == 0 ? 1 : 0, thin == 1 ? 1 : 0, thin == 2 ? 1 : 0);
            Quaternionf q = new Quaternionf().rotateAxis(random.nextFloat() * 6.28f, d).mul(new Quaternionf().rotateTo(thinAxis, d));
            float scale = random.nextFloat() * 3; // unnormalised quaternions, as files hold them
            cloud.rotations[4 * i] = q.w * (1 + scale);
            cloud.rotations[4 * i + 1] = q.x * (1 + scale);
            cloud.rotations[4 * i + 2] = q.y * (1 + scale);
            cloud.rotations[4 * i + 3] = q.z * (1 + scale);
            for (int a = 0; a < 3; a++) {
                cloud.logScales[3 * i + a] = (float) Math.log(a == thin ? 0.002 : 0.03 + 0.02 * random.nextFloat());
            }
        }
        cloud.normals[0] = 0; // Gaussian 1 keeps a normal it already has
        cloud.normals[3] = 0;
        cloud.normals[4] = 1;
        float[] normals = ShortestAxisNormals.fill(cloud);
        assertArrayEquals(new float[] {0, 1, 0}, new float[] {normals[3], normals[4], normals[5]});
        for (int i = 0; i < n; i++) {
            if (i == 1) {
                continue;
            }
            float dot = radial[i].dot(normals[3 * i], normals[3 * i + 1], normals[3 * i + 2]);
            assertTrue(dot > 0.9999f, "Gaussian " + i + ": normal · radial = " + dot);
        }
        assertEquals(0f, cloud.normals[6], "the cloud itself is left as it was");
    }
}
