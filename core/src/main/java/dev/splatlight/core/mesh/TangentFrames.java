package dev.splatlight.core.mesh;

import org.lwjgl.assimp.AIVector3D;

/** Per-vertex tangents for normal mapping: Assimp's, made orthonormal to the normal, with the bitangent's handedness. */
final class TangentFrames {
    private TangentFrames() {
    }

    /**
     * Writes tangent xyz and w (+1 or −1: bitangent = w · normal × tangent) at {@code out[o..o+3]}; any unit vector
     * perpendicular to the normal where Assimp had none (a mesh without UVs has no tangent frame).
     */
    static void store(float nx, float ny, float nz, AIVector3D tangent, AIVector3D bitangent, float[] out, int o) {
        float tx = 0, ty = 0, tz = 0;
        if (tangent != null) {
            tx = tangent.x();
            ty = tangent.y();
            tz = tangent.z();
            float along = tx * nx + ty * ny + tz * nz; // Gram–Schmidt against the normal
            tx -= along * nx;
            ty -= along * ny;
            tz -= along * nz;
        }
        float length = (float) Math.sqrt(tx * tx + ty * ty + tz * tz);
        if (!(length > 1e-8f)) { // the axis least aligned with the normal, made perpendicular
            float ax = Math.abs(nx) < 0.9f ? 1 : 0, ay = 1 - ax;
            float along = ax * nx + ay * ny;
            tx = ax - along * nx;
            ty = ay - along * ny;
            tz = -along * nz;
            length = (float) Math.sqrt(tx * tx + ty * ty + tz * tz);
        }
        out[o] = tx / length;
        out[o + 1] = ty / length;
        out[o + 2] = tz / length;
        float w = 1;
        if (bitangent != null) {
            float cx = ny * out[o + 2] - nz * out[o + 1];
            float cy = nz * out[o] - nx * out[o + 2];
            float cz = nx * out[o + 1] - ny * out[o];
            w = cx * bitangent.x() + cy * bitangent.y() + cz * bitangent.z() < 0 ? -1 : 1;
        }
        out[o + 3] = w;
    }
}
