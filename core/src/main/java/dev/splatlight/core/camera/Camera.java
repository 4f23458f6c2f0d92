package dev.splatlight.core.camera;

import org.joml.Matrix3f;
import org.joml.Matrix4f;
import org.joml.Matrix4fc;
import org.joml.Quaternionf;
import org.joml.Vector3f;

/**
 * A pinhole camera in Splatlight's one camera convention, the one the rasterizer uses (and COLMAP and 3DGS):
 * camera space has +x right, +y down, +z forward; a camera-space point (x, y, z) lands on pixel coordinates
 * (fx·x/z + cx, fy·y/z + cy), where pixel (i, j) covers [i, i+1) × [j, j+1).
 *
 * <p>Datasets in the Blender/NeRF-synthetic layout give OpenGL camera-to-world matrices (looking down −z, +y up);
 * {@link #fromOpenGlCameraToWorld} is the single place that converts them (negate the camera's y and z axes).
 *
 * @param viewFromWorld rigid world → camera transform
 */
public record Camera(int width, int height, float fx, float fy, float cx, float cy, Matrix4fc viewFromWorld) {

    public Camera {
        if (width <= 0 || height <= 0 || !(fx > 0) || !(fy > 0)) {
            throw new IllegalArgumentException("camera needs a positive image size and focal lengths, got "
                    + width + "x" + height + ", fx " + fx + ", fy " + fy);
        }
        viewFromWorld = new Matrix4f(viewFromWorld);
    }

    /** From an OpenGL/Blender camera-to-world matrix and the horizontal field of view (NeRF's camera_angle_x). */
    public static Camera fromOpenGlCameraToWorld(Matrix4fc cameraToWorld, int width, int height, float fovX) {
        float focal = (float) (0.5 * width / Math.tan(0.5 * fovX));
        Matrix4f openGlFromWorld = new Matrix4f(cameraToWorld).invertAffine();
        Matrix4f flipYZ = new Matrix4f().scaling(1, -1, -1);
        return new Camera(width, height, focal, focal, 0.5f * width, 0.5f * height, flipYZ.mul(openGlFromWorld));
    }

    /** From a COLMAP image pose (world → camera rotation quaternion w, x, y, z and translation) and intrinsics. */
    public static Camera fromColmap(double qw, double qx, double qy, double qz, double tx, double ty, double tz,
                                    int width, int height, float fx, float fy, float cx, float cy) {
        Matrix4f view = new Matrix4f().rotation(new Quaternionf((float) qx, (float) qy, (float) qz, (float) qw).normalize());
        view.setTranslation((float) tx, (float) ty, (float) tz);
        return new Camera(width, height, fx, fy, cx, cy, view);
    }

    /** Camera centre in world space. */
    public Vector3f position() {
        return new Matrix4f(viewFromWorld).invertAffine().getTranslation(new Vector3f());
    }

    /** Rotation part of {@link #viewFromWorld}. */
    public Matrix3f rotation() {
        return new Matrix3f(viewFromWorld);
    }

    public float tanHalfFovX() {
        return 0.5f * width / fx;
    }

    public float tanHalfFovY() {
        return 0.5f * height / fy;
    }

    /** The same pose at another resolution (intrinsics scaled). */
    public Camera resized(int newWidth, int newHeight) {
        float sx = (float) newWidth / width;
        float sy = (float) newHeight / height;
        return new Camera(newWidth, newHeight, fx * sx, fy * sy, cx * sx, cy * sy, viewFromWorld);
    }
}
