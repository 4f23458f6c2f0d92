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
}
