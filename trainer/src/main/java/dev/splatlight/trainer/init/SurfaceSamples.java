package dev.splatlight.trainer.init;

import dev.splatlight.core.light.Srgb;
import dev.splatlight.core.mesh.MeshMaterial;
import dev.splatlight.core.mesh.MeshTexture;
import dev.splatlight.core.mesh.TriangleMesh;
import java.util.Arrays;
import java.util.Random;

/**
 * Points drawn uniformly over a mesh's surface (a triangle with probability ∝ its area, then uniform barycentrics),
 * each with the interpolated unit normal and the surface colour there: the material's base colour times its texture
 * (nearest texel) times the interpolated vertex colour where the mesh has them, sRGB-encoded as photos are.
 *
 * @param positions [P, 3]
 * @param normals   [P, 3] unit
 * @param colors    [P, 3] sRGB-encoded in [0, 1]
 */
public record SurfaceSamples(float[] positions, float[] normals, float[] colors) {
    public int count() {
        return positions.length / 3;
    }

    public static SurfaceSamples of(TriangleMesh mesh, int count, Random random) {
        int triangles = mesh.triangleCount();
        if (triangles == 0) {
            throw new IllegalArgumentException("mesh " + mesh.name() + " has no triangles to sample");
        }
        double[] cumulative = new double[triangles]; // area CDF
        int[] materialOf = mesh.materialPerTriangle();
        double total = 0;
        float[] v = mesh.vertices();
        int[] idx = mesh.indices();
        int f = TriangleMesh.FLOATS_PER_VERTEX;
        for (int t = 0; t < triangles; t++) {
            int a = idx[3 * t] * f, b = idx[3 * t + 1] * f, c = idx[3 * t + 2] * f;
            double ux = v[b] - v[a], uy = v[b + 1] - v[a + 1], uz = v[b + 2] - v[a + 2];
            double wx = v[c] - v[a], wy = v[c + 1] - v[a + 1], wz = v[c + 2] - v[a + 2];
            double cx = uy * wz - uz * wy, cy = uz * wx - ux * wz, cz = ux * wy - uy * wx;
            double area = 0.5 * Math.sqrt(cx * cx + cy * cy + cz * cz);
            total += Double.isFinite(area) ? area : 0;
            cumulative[t] = total;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("mesh " + mesh.name() + " has no surface area (all triangles degenerate)");
        }
        float[] positions = new float[3 * count], normals = new float[3 * count], colors = new float[3 * count];
        for (int i = 0; i < count; i++) {
            int t = Arrays.binarySearch(cumulative, random.nextDouble() * total);
            t = Math.min(triangles - 1, t < 0 ? -t - 1 : t);
            double r1 = Math.sqrt(random.nextDouble()), r2 = random.nextDouble();
            float[] weights = {(float) (1 - r1), (float) (r1 * (1 - r2)), (float) (r1 * r2)}; // uniform over the triangle
            float nx = 0, ny = 0, nz = 0, u = 0, w = 0;
            float[] vertexColor = new float[3];
            for (int k = 0; k < 3; k++) {
                int o = idx[3 * t + k] * f;
                for (int axis = 0; axis < 3; axis++) {
                    positions[3 * i + axis] += weights[k] * v[o + axis];
                }
                nx += weights[k] * v[o + TriangleMesh.NORMAL];
                ny += weights[k] * v[o + TriangleMesh.NORMAL + 1];
                nz += weights[k] * v[o + TriangleMesh.NORMAL + 2];
                u += weights[k] * v[o + TriangleMesh.UV];
                w += weights[k] * v[o + TriangleMesh.UV + 1];
                if (mesh.colors() != null) {
                    for (int c = 0; c < 3; c++) {
                        vertexColor[c] += weights[k] * mesh.colors()[4 * idx[3 * t + k] + c];
                    }
                }
            }
            float length = (float) Math.sqrt(nx * nx + ny * ny + nz * nz);
            if (length > 0) {
                normals[3 * i] = nx / length;
                normals[3 * i + 1] = ny / length;
                normals[3 * i + 2] = nz / length;
            } else {
                normals[3 * i + 2] = 1;
            }
            color(mesh.materials().get(materialOf[t]), u, w, mesh.colors() != null ? vertexColor : null, colors, 3 * i);
        }
        return new SurfaceSamples(positions, normals, colors);
    }

    /** Base colour × texture at (u, v) × vertex colour (when given), linear, then sRGB-encoded into {@code out[o..o+2]}. */
    private static void color(MeshMaterial material, float u, float v, float[] vertexColor, float[] out, int o) {
        MeshTexture texture = material.baseColorTexture();
        for (int c = 0; c < 3; c++) {
            double linear = material.baseColor()[c] * (vertexColor == null ? 1 : vertexColor[c]);
            if (texture != null) {
                linear *= Srgb.decode(texture.texel(u, v, c));
            }
            out[o + c] = (float) Srgb.encode(Math.max(0, Math.min(1, linear)));
        }
    }
}
