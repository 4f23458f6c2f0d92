package dev.splatlight.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.camera.Camera;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.joml.Matrix3d;
import org.joml.Matrix4f;
import org.joml.Quaterniond;
import org.joml.Quaternionf;
import org.joml.Vector3d;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

/** The similarity between two reconstructions' frames, from their cameras: the mapping itself and the fit. */
class CameraAlignmentTest {
    private final long seed = System.nanoTime();
    private final Random random = new Random(seed);

    @Test
    void aMappedCameraSeesTheMappedPointWhereTheOriginalSawThePoint() {
        CameraAlignment similarity = randomSimilarity();
        for (int trial = 0; trial < 20; trial++) {
            Camera camera = randomCamera();
            Camera mapped = similarity.map(camera);
            for (int k = 0; k < 10; k++) {
                Vector3f camSpace = new Vector3f(random.nextFloat() - 0.5f, random.nextFloat() - 0.5f, 1 + 3 * random.nextFloat());
                Vector3f world = new Matrix4f(camera.viewFromWorld()).invertAffine().transformPosition(new Vector3f(camSpace));
                Vector3d y = similarity.rotation().transform(new Vector3d(world)).mul(similarity.scale()).add(similarity.translation());
                double[] expected = project(camera, new Vector3d(world)), actual = project(mapped, y);
                assertEquals(expected[0], actual[0], 1e-3, "pixel x, seed " + seed);
                assertEquals(expected[1], actual[1], 1e-3, "pixel y, seed " + seed);
            }
        }
    }

    @Test
    void theFitRecoversTheSimilarityFromCameraCentres() {
        CameraAlignment truth = randomSimilarity();
        List<CameraAlignment.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Camera camera = randomCamera();
            pairs.add(new CameraAlignment.Pair(camera, truth.map(camera)));
        }
        CameraAlignment fit = CameraAlignment.fit(pairs);
        assertEquals(truth.scale(), fit.scale(), 1e-4 * truth.scale(), "scale, seed " + seed);
        assertTrue(truth.rotation().equals(fit.rotation(), 1e-4), "rotation " + fit.rotation() + " vs " + truth.rotation() + ", seed " + seed);
        assertTrue(truth.translation().distance(fit.translation()) < 1e-3 * (1 + truth.translation().length()), "translation, seed " + seed);
        assertTrue(fit.rmsPositionRelative() < 1e-4, "residual " + fit.rmsPositionRelative());
        assertTrue(fit.meanRotationDegrees() < 0.05, "orientation " + fit.meanRotationDegrees());
        assertEquals(30, fit.matched());
    }

    @Test
    void noisyCentresLeaveAResidualThatTheFitReports() {
        CameraAlignment truth = randomSimilarity();
        List<CameraAlignment.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Camera camera = randomCamera();
            Camera target = truth.map(camera);
            Vector3f shift = new Vector3f((float) random.nextGaussian(), (float) random.nextGaussian(), (float) random.nextGaussian())
                    .mul((float) (0.01 * truth.scale()));
            Matrix4f moved = new Matrix4f(target.viewFromWorld()).translate(shift.negate());
            pairs.add(new CameraAlignment.Pair(camera, new Camera(target.width(), target.height(), target.fx(), target.fy(),
                    target.cx(), target.cy(), moved)));
        }
        CameraAlignment fit = CameraAlignment.fit(pairs);
        assertEquals(truth.scale(), fit.scale(), 0.02 * truth.scale(), "scale, seed " + seed);
        assertTrue(fit.rmsPositionRelative() > 1e-4 && fit.rmsPositionRelative() < 0.05, "residual " + fit.rmsPositionRelative());
    }

    @Test
    void tooFewOrCoincidentCamerasAreRefused() {
        Camera camera = randomCamera();
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> CameraAlignment.fit(List.of(new CameraAlignment.Pair(camera, camera), new CameraAlignment.Pair(camera, camera))));
        assertTrue(few.getMessage().contains("at least 3"), few.getMessage());
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class, () -> CameraAlignment.fit(
                List.of(new CameraAlignment.Pair(camera, camera), new CameraAlignment.Pair(camera, camera),
                        new CameraAlignment.Pair(camera, camera))));
        assertTrue(same.getMessage().contains("coincide"), same.getMessage());
    }

    @Test
    void largestEigenvectorOfADiagonalisedMatrix() {
        Quaterniond q = new Quaterniond().rotateXYZ(0.3, -1.1, 0.7);
        double[][] m = new double[4][4];
        double[] values = {0.5, -2, 3, 1};
        double[][] basis = orthonormal4(random);
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                for (int k = 0; k < 4; k++) {
                    m[r][c] += basis[k][r] * values[k] * basis[k][c];
                }
            }
        }
        double[] v = CameraAlignment.largestEigenvector(m);
        double dot = 0;
        for (int i = 0; i < 4; i++) {
            dot += v[i] * basis[2][i];
        }
        assertEquals(1, Math.abs(dot), 1e-9, "seed " + seed + " " + q);
    }

    private static double[][] orthonormal4(Random random) {
        double[][] b = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                b[i][j] = random.nextGaussian();
            }
            for (int k = 0; k < i; k++) {
                double d = 0;
                for (int j = 0; j < 4; j++) {
                    d += b[i][j] * b[k][j];
                }
                for (int j = 0; j < 4; j++) {
                    b[i][j] -= d * b[k][j];
                }
            }
            double length = 0;
            for (int j = 0; j < 4; j++) {
                length += b[i][j] * b[i][j];
            }
            for (int j = 0; j < 4; j++) {
                b[i][j] /= Math.sqrt(length);
            }
        }
        return b;
    }

    private CameraAlignment randomSimilarity() {
        Quaterniond q = new Quaterniond(random.nextGaussian(), random.nextGaussian(), random.nextGaussian(), random.nextGaussian()).normalize();
        return new CameraAlignment(0.2 + 5 * random.nextDouble(), new Matrix3d().rotation(q),
                new Vector3d(random.nextGaussian(), random.nextGaussian(), random.nextGaussian()).mul(3), 0, 0, 0);
    }

    private Camera randomCamera() {
        Quaternionf q = new Quaternionf((float) random.nextGaussian(), (float) random.nextGaussian(), (float) random.nextGaussian(),
                (float) random.nextGaussian()).normalize();
        Matrix4f view = new Matrix4f().rotation(q).setTranslation((float) random.nextGaussian(), (float) random.nextGaussian(),
                (float) random.nextGaussian() + 4);
        return new Camera(400, 300, 500, 510, 200, 150, view);
    }

    private static double[] project(Camera camera, Vector3d world) {
        Vector3f p = new Matrix4f(camera.viewFromWorld()).transformPosition(new Vector3f((float) world.x, (float) world.y, (float) world.z));
        return new double[] {camera.fx() * p.x / p.z + camera.cx(), camera.fy() * p.y / p.z + camera.cy()};
    }
}
