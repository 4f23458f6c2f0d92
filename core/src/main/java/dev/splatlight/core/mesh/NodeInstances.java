package dev.splatlight.core.mesh;

import java.util.ArrayList;
import java.util.List;
import org.joml.Matrix3f;
import org.joml.Matrix4f;
import org.joml.Vector3f;
import org.lwjgl.PointerBuffer;
import org.lwjgl.assimp.AIMatrix4x4;
import org.lwjgl.assimp.AIMesh;
import org.lwjgl.assimp.AINode;
import org.lwjgl.assimp.AIScene;

/**
 * Where an Assimp scene's meshes stand: each mesh once per node that names it, with the node's transform composed
 * down from the root. Meshes no node names (a PLY point cloud) stand once, untransformed.
 */
final class NodeInstances {
    /** Bounds the hierarchy walk: a malformed file's node graph could otherwise be arbitrarily deep or wide. */
    static final int MAX_INSTANCES = 1_000_000, MAX_DEPTH = 256;

    /** One placement of a mesh. */
    record Instance(AIMesh mesh, Matrix4f worldFromMesh) {
        /** Transforms {@code count} vertices from {@code base} in place: positions, normals and tangents. */
        void transform(float[] vertices, int base, int count) {
            if ((worldFromMesh.properties() & Matrix4f.PROPERTY_IDENTITY) != 0) {
                return;
            }
            Matrix3f normals = worldFromMesh.normal(new Matrix3f());
            Matrix3f directions = worldFromMesh.get3x3(new Matrix3f());
            Vector3f v = new Vector3f();
            for (int i = base; i < base + count; i++) {
                int o = i * TriangleMesh.FLOATS_PER_VERTEX;
                worldFromMesh.transformPosition(v.set(vertices[o], vertices[o + 1], vertices[o + 2]));
                put(v, vertices, o);
                normals.transform(v.set(vertices[o + 3], vertices[o + 4], vertices[o + 5])).normalize();
                put(v, vertices, o + 3);
                directions.transform(v.set(vertices[o + 8], vertices[o + 9], vertices[o + 10])).normalize();
                put(v, vertices, o + 8);
                if (worldFromMesh.determinant() < 0) { // a mirroring node flips the tangent frame's handedness
                    vertices[o + 11] = -vertices[o + 11];
                }
            }
        }
    }

    private static void put(Vector3f v, float[] out, int o) {
        out[o] = v.x;
        out[o + 1] = v.y;
        out[o + 2] = v.z;
    }

    private NodeInstances() {
    }

    static List<Instance> of(AIScene scene) {
        PointerBuffer meshes = scene.mMeshes();
        int meshCount = meshes == null ? 0 : scene.mNumMeshes();
        List<Instance> instances = new ArrayList<>();
        if (scene.mRootNode() != null) {
            walk(scene.mRootNode(), new Matrix4f(), meshes, meshCount, instances, 0);
        }
        if (instances.isEmpty()) {
            for (int m = 0; m < meshCount; m++) {
                instances.add(new Instance(AIMesh.create(meshes.get(m)), new Matrix4f()));
            }
        }
        return instances;
    }

    private static void walk(AINode node, Matrix4f parent, PointerBuffer meshes, int meshCount, List<Instance> out, int depth) {
        if (depth > MAX_DEPTH || out.size() > MAX_INSTANCES) {
            throw new MeshFormatException("node hierarchy deeper than " + MAX_DEPTH + " or over " + MAX_INSTANCES + " mesh instances");
        }
        Matrix4f world = parent.mul(matrix(node.mTransformation()), new Matrix4f());
        var meshIndices = node.mMeshes();
        for (int i = 0; meshIndices != null && i < node.mNumMeshes(); i++) {
            int index = meshIndices.get(i);
            if (index >= 0 && index < meshCount) {
                out.add(new Instance(AIMesh.create(meshes.get(index)), world));
            }
        }
        PointerBuffer children = node.mChildren();
        for (int i = 0; children != null && i < node.mNumChildren(); i++) {
            walk(AINode.create(children.get(i)), world, meshes, meshCount, out, depth + 1);
        }
    }

    /** Assimp's matrices are row-major (a1..a4 the first row); JOML's constructor takes columns. */
    private static Matrix4f matrix(AIMatrix4x4 m) {
        return new Matrix4f(m.a1(), m.b1(), m.c1(), m.d1(), m.a2(), m.b2(), m.c2(), m.d2(),
                m.a3(), m.b3(), m.c3(), m.d3(), m.a4(), m.b4(), m.c4(), m.d4());
    }
}
