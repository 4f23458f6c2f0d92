package dev.splatlight.core.splat;

import dev.splatlight.core.camera.Camera;
import java.util.Random;
import org.joml.Matrix4f;
import org.joml.Vector3f;

/** Random Gaussian scenes and cameras for rasterizer tests. */
public final class SplatScenes {
    private SplatScenes() {
    }

    /** {@code n} Gaussians in [-1, 1]³ with small random scales, rotations, opacities and SH up to degree 3. */
    public static GaussianCloud randomCloud(int n, Random random) {
        GaussianCloud cloud = new GaussianCloud(n);
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                cloud.means[3 * i + a] = random.nextFloat() * 2 - 1;
                cloud.logScales[3 * i + a] = -4.5f + 2.5f * random.nextFloat();
                cloud.normals[3 * i + a] = random.nextFloat() * 2 - 1;
            }
            for (int a = 0; a < 4; a++) {
                cloud.rotations[4 * i + a] = (float) random.nextGaussian();
            }
            cloud.opacityLogits[i] = -2 + 5 * random.nextFloat();
            for (int k = 0; k < 48; k++) {
                cloud.sh[48 * i + k] = (float) random.nextGaussian() * (k < 3 ? 0.8f : 0.15f);
            }
        }
        return cloud;
    }

    /** A camera at {@code distance} from the origin looking at it, from the OpenGL convention of Blender datasets. */
    public static Camera orbitCamera(int width, int height, float distance, float azimuth, float elevation) {
        Vector3f eye = new Vector3f((float) (Math.cos(elevation) * Math.cos(azimuth)),
                (float) (Math.cos(elevation) * Math.sin(azimuth)), (float) Math.sin(elevation)).mul(distance);
        Matrix4f cameraToWorld = new Matrix4f().lookAt(eye, new Vector3f(), new Vector3f(0, 0, 1)).invertAffine();
        return Camera.fromOpenGlCameraToWorld(cameraToWorld, width, height, 0.69f);
    }
}
