package dev.splatlight.core.render;

import dev.splatlight.core.splat.GaussianCloud;

/**
 * Normals for Gaussians that have none (plain 3DGS files store nx ny nz as zeros): a Gaussian flattened onto a
 * surface is thinnest across it, so its shortest axis is the surface normal up to sign; the sign points away from the
 * cloud's centre, which is right for objects seen from outside (the clay preview's case), not for rooms seen from
 * inside.
 */
public final class ShortestAxisNormals {
    private ShortestAxisNormals() {
    }

    /** The cloud's normals, with each zero one replaced by its Gaussian's outward shortest axis; [N, 3]. */
    public static float[] fill(GaussianCloud cloud) {
        int n = cloud.count();
        float[] normals = cloud.normals.clone();
        org.joml.Vector3f centre = cloud.centroid();
        for (int i = 0; i < n; i++) {
            float nx = normals[3 * i], ny = normals[3 * i + 1], nz = normals[3 * i + 2];
            if (nx * nx + ny * ny + nz * nz > 1e-12f) {
                continue;
            }
            int k = 0;
            for (int a = 1; a < 3; a++) {
                if (cloud.logScales[3 * i + a] < cloud.logScales[3 * i + k]) {
                    k = a;
                }
            }
            float[] axis = rotationColumn(cloud.rotations, i, k);
            double outward = axis[0] * (cloud.means[3 * i] - centre.x) + axis[1] * (cloud.means[3 * i + 1] - centre.y)
                    + axis[2] * (cloud.means[3 * i + 2] - centre.z);
            float sign = outward < 0 ? -1 : 1;
            normals[3 * i] = sign * axis[0];
            normals[3 * i + 1] = sign * axis[1];
            normals[3 * i + 2] = sign * axis[2];
        }
        return normals;
    }

    /** Column k of the rotation of quaternion i (w, x, y, z; normalised here): the direction of scale axis k. */
    static float[] rotationColumn(float[] rotations, int i, int k) {
        double w = rotations[4 * i], x = rotations[4 * i + 1], y = rotations[4 * i + 2], z = rotations[4 * i + 3];
        double norm = Math.sqrt(w * w + x * x + y * y + z * z);
        if (norm == 0) {
            return new float[] {k == 0 ? 1 : 0, k == 1 ? 1 : 0, k == 2 ? 1 : 0};
        }
        w /= norm;
        x /= norm;
        y /= norm;
        z /= norm;
        return switch (k) {
            case 0 -> new float[] {(float) (1 - 2 * (y * y + z * z)), (float) (2 * (x * y + w * z)), (float) (2 * (x * z - w * y))};
            case 1 -> new float[] {(float) (2 * (x * y - w * z)), (float) (1 - 2 * (x * x + z * z)), (float) (2 * (y * z + w * x))};
            default -> new float[] {(float) (2 * (x * z + w * y)), (float) (2 * (y * z - w * x)), (float) (1 - 2 * (x * x + y * y))};
        };
    }
}
