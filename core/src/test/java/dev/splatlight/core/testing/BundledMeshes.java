package dev.splatlight.core.testing;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the meshes of {@code assets/meshes}, which the bundled scene {@code assets/scenes/sample-on-a-floor.json}
 * places beside the sample: {@code java -cp <core test class path> dev.splatlight.core.testing.BundledMeshes assets/meshes}.
 */
public final class BundledMeshes {
    private BundledMeshes() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        // a floor slab 2.4 × 2.4 × 0.08 with its top at z = 0 (the scene file places it), a grey checker
        MeshFiles.Box cube = MeshFiles.Box.of(0, 0, 0, 1.2f);
        float[] vertices = cube.vertices().clone();
        for (int i = 0; i < vertices.length / 8; i++) {
            vertices[8 * i + 2] = vertices[8 * i + 2] > 0 ? 0f : -0.08f;
        }
        MeshFiles.gltf(folder, "floor", new MeshFiles.Box(vertices, cube.indices()), new float[] {1, 1, 1, 1}, 0.85f, 0f,
                MeshFiles.checker(64, new int[] {186, 184, 178}, new int[] {96, 98, 104}), 64);
        // a terracotta plinth, 0.5 on a side, standing on z = 0
        MeshFiles.gltf(folder, "plinth", MeshFiles.Box.of(0, 0, 0.25f, 0.25f), new float[] {0.55f, 0.2f, 0.12f, 1}, 0.6f, 0f,
                null, 0);
    }
}
