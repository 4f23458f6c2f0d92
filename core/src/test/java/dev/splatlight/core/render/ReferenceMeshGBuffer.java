package dev.splatlight.core.render;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.mesh.MeshMaterial;
import dev.splatlight.core.mesh.TriangleMesh;
import dev.splatlight.core.splat.ReferenceRasterizer;
import org.joml.Matrix3f;
import org.joml.Matrix4f;
import org.joml.Matrix4fc;
import org.joml.Vector3f;

/**
 * Plain-Java references of the mesh G-buffer pass (ray casting through each pixel centre: the nearest triangle hit
 * beyond the near plane, with perspective-correct barycentrics) and of the merge into the splat blend.
 */
final class ReferenceMeshGBuffer {
    /** Planar images: depth [H, W] ({@link MeshGBufferPass#NO_MESH_DEPTH} where none), normal+metallic and albedo+roughness [H, W, 4]. */
    record Surfaces(float[] depth, float[] normalMetallic, float[] albedoRoughness) {
    }

    private ReferenceMeshGBuffer() {
    }

    /** An untextured mesh (its materials' factors times its vertex colours), drawn with {@code worldFromMesh}. */
    static Surfaces draw(TriangleMesh mesh, Matrix4fc worldFromMesh, Camera camera, float nearPlane) {
        int w = camera.width(), h = camera.height();
        Matrix4f viewFromMesh = new Matrix4f(camera.viewFromWorld()).mul(worldFromMesh);
        Matrix3f normalToWorld = worldFromMesh.get3x3(new Matrix3f());
        int triangles = mesh.triangleCount();
        Vector3f[][] view = new Vector3f[triangles][3];
        for (int t = 0; t < triangles; t++) {
            for (int k = 0; k < 3; k++) {
                view[t][k] = viewFromMesh.transformPosition(mesh.position(mesh.indices()[3 * t + k], new Vector3f()));
            }
        }
        int[] materialOf = mesh.materialPerTriangle();
        Surfaces out = new Surfaces(new float[w * h], new float[4 * w * h], new float[4 * w * h]);
        java.util.Arrays.fill(out.depth(), MeshGBufferPass.NO_MESH_DEPTH);
        for (int py = 0; py < h; py++) {
            for (int px = 0; px < w; px++) {
                Vector3f ray = new Vector3f((px + 0.5f - camera.cx()) / camera.fx(), (py + 0.5f - camera.cy()) / camera.fy(), 1);
                float best = Float.POSITIVE_INFINITY;
                for (int t = 0; t < triangles; t++) {
                    float[] hit = intersect(ray, view[t]);
                    if (hit == null || hit[0] < nearPlane || hit[0] >= best) {
                        continue;
                    }
                    best = hit[0];
                    int p = py * w + px;
                    out.depth()[p] = hit[0];
                    Vector3f n = new Vector3f();
                    for (int k = 0; k < 3; k++) {
                        int v = mesh.indices()[3 * t + k] * TriangleMesh.FLOATS_PER_VERTEX + TriangleMesh.NORMAL;
                        n.fma(hit[k + 1], new Vector3f(mesh.vertices()[v], mesh.vertices()[v + 1], mesh.vertices()[v + 2]));
                    }
                    normalToWorld.transform(n).normalize();
                    Vector3f face = new Vector3f(view[t][1]).sub(view[t][0]).cross(new Vector3f(view[t][2]).sub(view[t][0]));
                    if (face.dot(ray) > 0) { // the back of a counter-clockwise face: shaded from the side it is seen
                        n.negate();
                    }
                    MeshMaterial m = mesh.materials().get(materialOf[t]);
                    for (int c = 0; c < 3; c++) {
                        double vertexColor = 1;
                        if (mesh.colors() != null) { // interpolated like the other attributes
                            vertexColor = 0;
                            for (int k = 0; k < 3; k++) {
                                vertexColor += hit[k + 1] * mesh.colors()[4 * mesh.indices()[3 * t + k] + c];
                            }
                        }
                        out.normalMetallic()[4 * p + c] = n.get(c);
                        out.albedoRoughness()[4 * p + c] = (float) Math.min(1, m.baseColor()[c] * vertexColor);
                    }
                    out.normalMetallic()[4 * p + 3] = m.metallic();
                    out.albedoRoughness()[4 * p + 3] = m.roughness();
                }
            }
        }
        return out;
    }

    /** {t (= camera z, the ray's z being 1), b0, b1, b2} or null (Möller–Trumbore). */
    private static float[] intersect(Vector3f ray, Vector3f[] v) {
        Vector3f e1 = new Vector3f(v[1]).sub(v[0]), e2 = new Vector3f(v[2]).sub(v[0]);
        Vector3f p = new Vector3f(ray).cross(e2);
        float det = e1.dot(p);
        if (Math.abs(det) < 1e-12f) {
            return null;
        }
        Vector3f s = new Vector3f(v[0]).negate();
        float u = s.dot(p) / det;
        Vector3f q = new Vector3f(s).cross(e1);
        float w = ray.dot(q) / det;
        if (u < 0 || w < 0 || u + w > 1) {
            return null;
        }
        float t = e2.dot(q) / det;
        return new float[] {t, 1 - u - w, u, w};
    }

    /** The merge of mesh_merge.comp applied to a reference blend (in place). */
    static void merge(ReferenceRasterizer.Image blend, Surfaces s, Vector3f background, int channels) {
        int plane = s.depth().length;
        for (int p = 0; p < plane; p++) {
            float z = s.depth()[p];
            if (!(z < MeshGBufferPass.NO_MESH_DEPTH)) {
                continue;
            }
            float t = blend.transmittance()[p], before = blend.opacity()[p], after = before + t;
            blend.depth()[p] = (blend.depth()[p] * before + t * z) / after;
            blend.opacity()[p] = after;
            blend.transmittance()[p] = 0;
            for (int c = 0; c < 3; c++) {
                blend.features()[c * plane + p] += t * s.normalMetallic()[4 * p + c];
                blend.features()[(3 + c) * plane + p] += t * s.albedoRoughness()[4 * p + c];
                blend.color()[c * plane + p] += t * (s.albedoRoughness()[4 * p + c] - background.get(c));
            }
            blend.features()[6 * plane + p] += t * s.albedoRoughness()[4 * p + 3];
            blend.features()[7 * plane + p] += t * s.normalMetallic()[4 * p + 3];
        }
    }
}
