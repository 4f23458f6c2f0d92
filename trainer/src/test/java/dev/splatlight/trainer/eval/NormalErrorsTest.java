package dev.splatlight.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.camera.Camera;
import java.util.Map;
import java.util.Random;
import org.joml.Matrix3f;
import org.joml.Matrix4f;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

/**
 * Normal errors: a known rotation gives its angle; the lean is the mean difference, and a camera looking along +X with
 * +Z up sees a lean towards +Z as "up"; missing normals count as 90° or are left out, as asked.
 */
class NormalErrorsTest {
    private final long seed = System.nanoTime();
    /** Looking along world +X, world +Z up: rows right, down, forward (x right, y down, z forward). */
    private static final Camera ALONG_X = new Camera(4, 4, 4, 4, 2, 2, new Matrix4f().set(new Matrix3f()
            .setRow(0, 0, -1, 0).setRow(1, 0, 0, -1).setRow(2, 1, 0, 0)));

    @Test
    void aRotationAboutAnAxisPerpendicularToEveryNormalGivesItsAngle() {
        Random random = new Random(seed);
        int n = 64;
        double angle = Math.toRadians(1 + 20 * random.nextDouble());
        float[] truth = new float[3 * n], predicted = new float[3 * n];
        boolean[] covered = new boolean[n];
        for (int p = 0; p < n; p++) { // truths in the XY plane, rotated about Z
            double phi = 2 * Math.PI * random.nextDouble();
            truth[p] = (float) Math.cos(phi);
            truth[n + p] = (float) Math.sin(phi);
            predicted[p] = (float) (3 * Math.cos(phi + angle)); // any length
            predicted[n + p] = (float) (3 * Math.sin(phi + angle));
            covered[p] = true;
        }
        NormalErrors errors = new NormalErrors(true);
        errors.add(ALONG_X, predicted, truth, covered);
        assertEquals(Math.toDegrees(angle), errors.meanDegrees(), 1e-3, "seed " + seed);
        assertEquals(1, errors.share(), 0);
    }

    @Test
    void theLeanIsTheMeanDifferenceAndUpInTheCameraIsWorldUpHere() {
        Random random = new Random(seed);
        int n = 100;
        float[] truth = new float[3 * n], predicted = new float[3 * n];
        boolean[] covered = new boolean[n];
        double[] expected = new double[3];
        for (int p = 0; p < n; p++) {
            Vector3f t = new Vector3f((float) random.nextGaussian(), (float) random.nextGaussian(), (float) random.nextGaussian())
                    .normalize();
            Vector3f q = new Vector3f(t).add(0, 0, 0.2f).normalize(); // leaning up
            for (int c = 0; c < 3; c++) {
                truth[c * n + p] = t.get(c);
                predicted[c * n + p] = q.get(c);
                expected[c] += (q.get(c) - t.get(c)) / n;
            }
            covered[p] = true;
        }
        NormalErrors errors = new NormalErrors(false);
        errors.add(ALONG_X, predicted, truth, covered);
        Map<String, Object> lean = errors.lean();
        double[] world = (double[]) lean.get("world"), camera = (double[]) lean.get("camera_right_up_back");
        for (int c = 0; c < 3; c++) {
            assertEquals(expected[c], world[c], 1e-6, "world " + c + ", seed " + seed);
        }
        assertEquals(-world[1], camera[0], 1e-6, "right is world −Y");
        assertEquals(world[2], camera[1], 1e-6, "up is world +Z");
        assertEquals(-world[0], camera[2], 1e-6, "towards the camera is world −X");
        assertTrue(camera[1] > 0.05, "a lean up reads as up: " + camera[1]);
    }

    @Test
    void missingNormalsCountAsNinetyDegreesOrAreLeftOut() {
        int n = 4;
        float[] truth = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1}; // all +Z
        float[] predicted = {0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1}; // pixel 1 has none
        boolean[] covered = {true, true, true, false};
        NormalErrors splats = new NormalErrors(true), fromDepth = new NormalErrors(false);
        splats.add(ALONG_X, predicted, truth, covered);
        fromDepth.add(ALONG_X, predicted, truth, covered);
        assertEquals(30, splats.meanDegrees(), 1e-9);
        assertEquals(90 / 4.0, splats.wholeImageDegrees(), 1e-9);
        assertEquals(0, fromDepth.meanDegrees(), 1e-9);
        assertEquals(2 / 3.0, fromDepth.share(), 1e-12);
    }
}
