package dev.splatlight.trainer.eval;

import dev.splatlight.core.camera.Camera;
import java.util.LinkedHashMap;
import java.util.Map;
import org.joml.Matrix3f;
import org.joml.Vector3f;

/**
 * Angular error of one source of normals (the splats' blended normals, or normals from the rendered depth) against
 * normal.png over the test views: mean over covered pixels, GS-IR's whole-image variant, and the lean — the mean of
 * (predicted − true) unit vectors, in world space and in each view's camera frame (right, up, towards the camera),
 * which a mean angle hides: on mini and trio all learned normals lean ~3° up (docs/benchmarks.md, session 10).
 * A covered pixel where the source has no normal (zero) counts as 90° for the splats (they missed the surface) and is
 * left out for normals from depth, which the kernel leaves out near edges; {@link #share} says how many were scored.
 */
final class NormalErrors {
    private final boolean missingIsError;
    private double errorSum;
    private long covered, scored, withNormal, pixels;
    private final double[] worldLean = new double[3], cameraLean = new double[3];

    /** @param missingIsError whether a covered pixel without a normal counts as 90° rather than being left out */
    NormalErrors(boolean missingIsError) {
        this.missingIsError = missingIsError;
    }

    /**
     * Scores one view. @param normals [3, H, W] world-space normals, any length, zero where there is none;
     * @param truth unit true normals [3, H, W], null entries marked by {@code isCovered} false
     */
    void add(Camera camera, float[] normals, float[] truth, boolean[] isCovered) {
        int count = isCovered.length;
        Matrix3f cameraFromWorld = camera.rotation(); // x right, y down, z forward
        Vector3f difference = new Vector3f();
        pixels += count;
        for (int p = 0; p < count; p++) {
            if (!isCovered[p]) {
                continue;
            }
            covered++;
            double nx = normals[p], ny = normals[count + p], nz = normals[2 * count + p];
            double length = Math.sqrt(nx * nx + ny * ny + nz * nz);
            if (length < 1e-12) {
                if (missingIsError) {
                    errorSum += 90;
                    scored++;
                }
                continue;
            }
            double tx = truth[p], ty = truth[count + p], tz = truth[2 * count + p];
            double cos = (nx * tx + ny * ty + nz * tz) / length;
            errorSum += Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
            scored++;
            withNormal++;
            difference.set((float) (nx / length - tx), (float) (ny / length - ty), (float) (nz / length - tz));
            worldLean[0] += difference.x;
            worldLean[1] += difference.y;
            worldLean[2] += difference.z;
            cameraFromWorld.transform(difference);
            cameraLean[0] += difference.x;
            cameraLean[1] -= difference.y; // up
            cameraLean[2] -= difference.z; // towards the camera
        }
    }

    /** Mean angle over the covered pixels scored, degrees. */
    double meanDegrees() {
        return scored == 0 ? Double.NaN : errorSum / scored;
    }

    /** GS-IR's variant: the same errors over every pixel (background counted as 0°). */
    double wholeImageDegrees() {
        return pixels == 0 ? Double.NaN : errorSum / pixels;
    }

    /** Share of the covered pixels scored. */
    double share() {
        return covered == 0 ? Double.NaN : scored / (double) covered;
    }

    /** The lean, for the report: mean (predicted − true) in world space and in the camera's frame, over pixels with a normal. */
    Map<String, Object> lean() {
        Map<String, Object> lean = new LinkedHashMap<>();
        lean.put("world", mean(worldLean));
        lean.put("camera_right_up_back", mean(cameraLean));
        return lean;
    }

    private double[] mean(double[] sum) {
        double n = Math.max(1, withNormal); // over the pixels that have a normal
        return new double[] {sum[0] / n, sum[1] / n, sum[2] / n};
    }
}
