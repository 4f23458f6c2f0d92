package dev.splatlight.core.mesh;

import java.util.List;
import org.joml.Vector3f;

/**
 * A mesh as read from a file, in the file's own frame and units (node transforms applied): interleaved vertices, a
 * triangle list, and parts that each draw a range of it with one material. A point cloud is a mesh with vertices
 * and no triangles.
 *
 * @param vertices [V, {@value #FLOATS_PER_VERTEX}] position xyz, unit normal xyz, uv, tangent xyzw (w: bitangent sign)
 * @param colors   [V, 4] linear vertex colours (RGB multiplies the base colour, as glTF's COLOR_0), or null where the
 *                 file has none
 * @param indices  [T, 3] vertex indices of the triangles
 * @param warnings what was read with a fallback (a missing texture file, say), for the user to see
 */
public record TriangleMesh(String name, float[] vertices, float[] colors, int[] indices, List<Part> parts,
                           List<MeshMaterial> materials, List<String> warnings) {
    public static final int FLOATS_PER_VERTEX = 12;
    public static final int POSITION = 0, NORMAL = 3, UV = 6, TANGENT = 8;

    /** {@code indexCount} indices from {@code firstIndex}, drawn with material {@code material}. */
    public record Part(int firstIndex, int indexCount, int material) {
    }

    public TriangleMesh {
        if (vertices.length % FLOATS_PER_VERTEX != 0 || indices.length % 3 != 0) {
            throw new IllegalArgumentException("mesh " + name + ": " + vertices.length + " vertex floats, " + indices.length + " indices");
        }
        parts = List.copyOf(parts);
        materials = List.copyOf(materials);
        warnings = List.copyOf(warnings);
    }

    public int vertexCount() {
        return vertices.length / FLOATS_PER_VERTEX;
    }

    public int triangleCount() {
        return indices.length / 3;
    }

    public Vector3f position(int vertex, Vector3f dest) {
        int o = vertex * FLOATS_PER_VERTEX + POSITION;
        return dest.set(vertices[o], vertices[o + 1], vertices[o + 2]);
    }

    /** The material of each triangle, [T], from the parts. */
    public int[] materialPerTriangle() {
        int[] materialOf = new int[triangleCount()];
        for (Part part : parts) {
            java.util.Arrays.fill(materialOf, part.firstIndex() / 3, (part.firstIndex() + part.indexCount()) / 3, part.material());
        }
        return materialOf;
    }

    /** The smallest box around the vertices: {min, max}. */
    public Vector3f[] bounds() {
        Vector3f min = new Vector3f(Float.POSITIVE_INFINITY), max = new Vector3f(Float.NEGATIVE_INFINITY), p = new Vector3f();
        for (int v = 0; v < vertexCount(); v++) {
            position(v, p);
            min.min(p);
            max.max(p);
        }
        return new Vector3f[] {min, max};
    }
}
