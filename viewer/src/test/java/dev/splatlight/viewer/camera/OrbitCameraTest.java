package dev.splatlight.viewer.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.splatlight.core.camera.Camera;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

class OrbitCameraTest {
    private static final float EPSILON = 1e-5f;

    @Test
    void yawZeroLooksFromPlusXAndThePivotLandsInTheImageCentre() {
        OrbitCamera orbit = new OrbitCamera(new Vector3f(0.2f, -0.1f, 0.3f), 0, 0, 4, 40);
        Vector3f eye = orbit.eye();
        assertEquals(4.2f, eye.x, EPSILON);
        assertEquals(-0.1f, eye.y, EPSILON);
        assertEquals(0.3f, eye.z, EPSILON);
        Camera camera = orbit.toCamera(64, 48);
        Vector3f pivotInView = camera.viewFromWorld().transformPosition(new Vector3f(0.2f, -0.1f, 0.3f));
        assertEquals(0, pivotInView.x, EPSILON);
        assertEquals(0, pivotInView.y, EPSILON);
        assertEquals(4, pivotInView.z, EPSILON, "the pivot lies ahead (+z) at the orbit distance");
    }

    @Test
    void worldUpIsUpInTheImageAndFieldOfViewSetsTheFocalLength() {
        Camera camera = new OrbitCamera(new Vector3f(), 30, 10, 3, 60).toCamera(100, 80);
        Vector3f above = camera.viewFromWorld().transformPosition(new Vector3f(0, 0, 0.5f));
        float row = camera.fy() * above.y / above.z + camera.cy();
        assertEquals(true, row < camera.cy(), "a point above the pivot appears above the centre (rows grow downwards)");
        assertEquals(40 / (float) Math.tan(Math.toRadians(30)), camera.fy(), 1e-3f);
    }

    @Test
    void gesturesOrbitZoomAndPan() {
        OrbitCamera start = new OrbitCamera(new Vector3f(), 0, 0, 2, 45);
        assertEquals(90, start.orbit(90, 0).yawDegrees(), EPSILON);
        assertEquals(89.5f, start.orbit(0, 200).pitchDegrees(), EPSILON, "pitch stops short of the pole");
        assertEquals(1, start.zoom(0.5f).distance(), EPSILON);
        OrbitCamera panned = start.pan(0.5f, 0);
        float span = (float) (2 * 2 * Math.tan(Math.toRadians(22.5)));
        // looking from +X at the origin with +Z up, image right is world +Y (forward × up = −X × Z)
        assertEquals(0.5f * span, panned.pivot().y(), 1e-4f);
        assertEquals(0, panned.pivot().z(), 1e-5f);
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new OrbitCamera(new Vector3f(), 0, 0, 0, 40));
        assertThrows(IllegalArgumentException.class, () -> new OrbitCamera(new Vector3f(), 0, 0, 1, 179));
    }

    @Test
    void anOrbitMatchesAnUprightDatasetCameraExactly() {
        java.util.Random random = new java.util.Random();
        for (int trial = 0; trial < 20; trial++) {
            // a Blender dataset camera: somewhere on a sphere, looking at a point near the origin, Z up, no roll
            Vector3f eye = new Vector3f((float) random.nextGaussian(), (float) random.nextGaussian(), 0.2f + random.nextFloat())
                    .normalize().mul(3 + random.nextFloat());
            Vector3f target = new Vector3f(random.nextFloat() - 0.5f, random.nextFloat() - 0.5f, random.nextFloat() - 0.5f).mul(0.4f);
            org.joml.Matrix4f cameraToWorld = new org.joml.Matrix4f().lookAt(eye, target, new Vector3f(0, 0, 1)).invertAffine();
            Camera photo = Camera.fromOpenGlCameraToWorld(cameraToWorld, 400, 300, 0.69f);
            OrbitCamera orbit = OrbitCamera.matching(photo, new Vector3f());
            Camera again = orbit.toCamera(400, 300);
            assertEquals(0, eye.distance(orbit.eye()), 1e-4, "the same eye");
            assertEquals(photo.fy(), again.fy(), 1e-2, "the same vertical field of view");
            for (int k = 0; k < 16; k++) {
                assertEquals(photo.viewFromWorld().get(k / 4, k % 4), again.viewFromWorld().get(k / 4, k % 4), 1e-4,
                        "view matrix element " + k + " of trial " + trial);
            }
            // the pivot lies on the view ray, as near the focus as the ray gets
            Vector3f toPivot = new Vector3f(orbit.pivot()).sub(eye).normalize();
            Vector3f forward = new Vector3f(target).sub(eye).normalize();
            assertEquals(1, toPivot.dot(forward), 1e-5);
        }
    }
}
