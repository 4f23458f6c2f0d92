package dev.splatlight.core.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.render.MeshGBufferPass;
import dev.splatlight.core.splat.SplatScenes;
import dev.splatlight.core.testing.VulkanTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.joml.Matrix4f;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Assimp's own test models (Debian's assimp-testmodels, which .ci/run installs): every glTF, OBJ, FBX and PLY among
 * them — real exporters' files and deliberately broken ones — is read, or refused in one line naming it; none crashes.
 * Every mesh read is uploaded (textures and their mips included) and drawn once with the validation layer on.
 */
@VulkanTest
class AssimpTestModelsTest {
    private static final Path MODELS = Path.of("/usr/share/assimp/models");
    /** Of the 106 files in assimp-testmodels 5.2.5, 87 read and 19 are refused (broken on purpose, or glTF 1 binary). */
    private static final int AT_LEAST_READ = 80;

    @Test
    void everyModelIsReadOrRefusedInOneLineAndDraws(Gpu gpu) throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(MODELS), "assimp-testmodels is not installed (apt-get install assimp-testmodels)");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(MODELS)) {
            files = walk.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(gltf|glb|obj|fbx|ply)"))
                    .sorted().toList();
        }
        List<TriangleMesh> read = new ArrayList<>();
        for (Path file : files) {
            try {
                TriangleMesh mesh = MeshImporter.read(file);
                checkWellFormed(mesh, file);
                read.add(mesh);
            } catch (MeshFormatException refused) {
                assertTrue(refused.getMessage().contains(file.toString()) && !refused.getMessage().contains("\n"),
                        refused.getMessage());
            }
        }
        assertTrue(read.size() >= AT_LEAST_READ, read.size() + " of " + files.size() + " models read");
        Camera camera = SplatScenes.orbitCamera(32, 24, 4f, 0.5f, 0.3f);
        try (MeshGBufferPass pass = new MeshGBufferPass(gpu)) {
            for (TriangleMesh mesh : read) {
                if (mesh.triangleCount() == 0) {
                    continue; // points and lines: the trainer's, not the viewer's
                }
                try (ResidentMesh resident = new ResidentMesh(gpu, mesh)) {
                    gpu.submitAndWait(commands -> pass.recordDraw(commands, camera, 0.2f,
                            List.of(new PlacedMesh(resident, new Matrix4f()))));
                }
            }
        }
    }

    private static void checkWellFormed(TriangleMesh mesh, Path file) {
        float[] v = mesh.vertices();
        for (int i = 0; i < mesh.vertexCount(); i++) {
            int o = i * TriangleMesh.FLOATS_PER_VERTEX;
            for (int k = 0; k < TriangleMesh.FLOATS_PER_VERTEX; k++) {
                assertFalse(Float.isNaN(v[o + k]), file + ": NaN in vertex " + i);
            }
            float n = (float) Math.sqrt(v[o + 3] * v[o + 3] + v[o + 4] * v[o + 4] + v[o + 5] * v[o + 5]);
            assertEquals(1f, n, 1e-3f, file + ": normal of vertex " + i);
        }
        for (int index : mesh.indices()) {
            assertTrue(index >= 0 && index < mesh.vertexCount(), file + ": index " + index);
        }
        for (TriangleMesh.Part part : mesh.parts()) {
            assertTrue(part.material() >= 0 && part.material() < mesh.materials().size(), file + ": material " + part.material());
        }
    }
}
