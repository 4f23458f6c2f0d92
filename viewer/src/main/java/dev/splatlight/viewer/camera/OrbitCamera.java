package dev.splatlight.viewer.camera;

import dev.splatlight.core.camera.Camera;
import org.joml.Matrix4f;
import org.joml.Vector3f;
import org.joml.Vector3fc;

/**
 * A camera orbiting a pivot in a Z-up world (the datasets' frame): yaw about +Z (0° looks from +X towards the pivot,
 * 90° from +Y), pitch above the horizon, distance from the pivot, vertical field of view. Immutable; the viewer's
 * mouse gestures make new ones.
 */
public record OrbitCamera(Vector3fc pivot, float yawDegrees, float pitchDegrees, float distance, float fovYDegrees) {
    private static final float MAX_PITCH = 89.5f;
    /** Vertical fields of view an orbit takes, exclusive (degrees). */
    public static final float MIN_FOV_DEGREES = 1, MAX_FOV_DEGREES = 170;

    public OrbitCamera {
        if (!(distance > 0) || !(fovYDegrees > MIN_FOV_DEGREES && fovYDegrees < MAX_FOV_DEGREES)) {
            throw new IllegalArgumentException("orbit camera needs distance > 0 and a field of view in (1°, 170°), got "
                    + distance + " and " + fovYDegrees + "°");
        }
        pivot = new Vector3f(pivot);
        pitchDegrees = Math.max(-MAX_PITCH, Math.min(MAX_PITCH, pitchDegrees));
    }

    /**
     * The orbit that sees what {@code camera} sees (a dataset's photo, say): the same eye, view direction and vertical
     * field of view, pivoting where the view direction passes closest to {@code focus}. Exact for upright cameras
     * (no roll about the view direction, as orbits have none); a rolled camera loses its roll.
     */
    public static OrbitCamera matching(Camera camera, Vector3fc focus) {
        Matrix4f worldFromView = new Matrix4f(camera.viewFromWorld()).invertAffine();
        Vector3f eye = worldFromView.getTranslation(new Vector3f());
        Vector3f forward = worldFromView.transformDirection(new Vector3f(0, 0, 1)).normalize();
        float distance = Math.max(1e-3f, new Vector3f(focus).sub(eye).dot(forward));
        Vector3f pivot = new Vector3f(forward).mul(distance).add(eye);
        Vector3f back = new Vector3f(forward).negate(); // from the pivot towards the eye
        float yaw = (float) Math.toDegrees(Math.atan2(back.y, back.x));
        float pitch = (float) Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, back.z))));
        float fovY = (float) Math.toDegrees(2 * Math.atan(0.5 * camera.height() / camera.fy()));
        return new OrbitCamera(pivot, yaw, pitch, distance, fovY);
    }

    /** Where the camera sits. */
    public Vector3f eye() {
        double yaw = Math.toRadians(yawDegrees), pitch = Math.toRadians(pitchDegrees);
        return new Vector3f((float) (Math.cos(pitch) * Math.cos(yaw)), (float) (Math.cos(pitch) * Math.sin(yaw)),
                (float) Math.sin(pitch)).mul(distance).add(pivot);
    }

    /** The pinhole camera of a width × height image (our convention: +x right, +y down, +z forward). */
    public Camera toCamera(int width, int height) {
        Matrix4f openGl = new Matrix4f().lookAt(eye(), pivot, new Vector3f(0, 0, 1));
        Matrix4f viewFromWorld = new Matrix4f().scaling(1, -1, -1).mul(openGl);
        float focal = (float) (0.5 * height / Math.tan(Math.toRadians(fovYDegrees) / 2));
        return new Camera(width, height, focal, focal, width / 2f, height / 2f, viewFromWorld);
    }

    /** Turned by mouse movement: degrees of yaw and pitch. */
    public OrbitCamera orbit(float yawDelta, float pitchDelta) {
        return new OrbitCamera(pivot, yawDegrees + yawDelta, pitchDegrees + pitchDelta, distance, fovYDegrees);
    }

    /** Moved towards (factor < 1) or away from the pivot. */
    public OrbitCamera zoom(float factor) {
        return new OrbitCamera(pivot, yawDegrees, pitchDegrees, distance * factor, fovYDegrees);
    }

    /** Pivot and camera moved together in the image plane by a fraction of the view's height. */
    public OrbitCamera pan(float right, float up) {
        Camera c = toCamera(1, 1);
        float span = (float) (2 * distance * Math.tan(Math.toRadians(fovYDegrees) / 2));
        Matrix4f worldFromView = new Matrix4f(c.viewFromWorld()).invertAffine();
        Vector3f rightAxis = worldFromView.transformDirection(new Vector3f(1, 0, 0));
        Vector3f upAxis = worldFromView.transformDirection(new Vector3f(0, -1, 0));
        Vector3f moved = new Vector3f(pivot).add(rightAxis.mul(right * span)).add(upAxis.mul(up * span));
        return new OrbitCamera(moved, yawDegrees, pitchDegrees, distance, fovYDegrees);
    }
}
