package dev.splatlight.core.mesh;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.splatlight.core.testing.MeshFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshImporterTest {
    private static final float TOLERANCE = 1e-5f;
    private static final MeshFiles.Box BOX = MeshFiles.Box.of(0.25f, -0.5f, 1f, 0.5f);
    private static final byte[] CHECKER = MeshFiles.checker(8, new int[] {255, 0, 0}, new int[] {0, 0, 255});

    @TempDir
    Path folder;

    @Test
    void readsAGltfBoxWithItsMaterialAndEmbeddedTexture() throws IOException {
        Path file = MeshFiles.gltf(folder, "box", BOX, new float[] {0.8f, 0.6f, 0.4f, 1}, 0.3f, 0.9f, CHECKER, 8);
        TriangleMesh mesh = MeshImporter.readTriangles(file);
        assertEquals(12, mesh.triangleCount());
        assertEquals(24, mesh.vertexCount());
        assertBounds(mesh, new Vector3f(-0.25f, -1f, 0.5f), new Vector3f(0.75f, 0f, 1.5f));
        MeshMaterial material = mesh.materials().get(mesh.parts().get(0).material());
        assertArrayEquals(new float[] {0.8f, 0.6f, 0.4f, 1}, material.baseColor(), TOLERANCE);
        assertEquals(0.3f, material.roughness(), TOLERANCE);
        assertEquals(0.9f, material.metallic(), TOLERANCE);
        assertNotNull(material.baseColorTexture(), "the embedded PNG");
        assertEquals(8, material.baseColorTexture().width());
        // uv (0.1, 0.1) is the top-left texel, red; (0.6, 0.1) the top-right, blue
        assertEquals(1f, material.baseColorTexture().texel(0.1f, 0.1f, 0), TOLERANCE);
        assertEquals(1f, material.baseColorTexture().texel(0.6f, 0.1f, 2), TOLERANCE);
        assertUnitNormalsOutward(mesh, new Vector3f(0.25f, -0.5f, 1f));
        assertTrue(mesh.warnings().isEmpty(), mesh.warnings().toString());
    }

    @Test
    void readsAnObjWithItsMtlAndTextureBesideIt() throws IOException {
        Path file = MeshFiles.obj(folder, "box", BOX, new float[] {0.2f, 0.4f, 0.6f, 1}, 0.7f, 0.1f, CHECKER, 8);
        TriangleMesh mesh = MeshImporter.readTriangles(file);
        assertEquals(12, mesh.triangleCount());
        assertBounds(mesh, new Vector3f(-0.25f, -1f, 0.5f), new Vector3f(0.75f, 0f, 1.5f));
        MeshMaterial material = mesh.materials().get(mesh.parts().get(0).material());
        assertArrayEquals(new float[] {0.2f, 0.4f, 0.6f}, java.util.Arrays.copyOf(material.baseColor(), 3), TOLERANCE);
        assertEquals(0.7f, material.roughness(), TOLERANCE);
        assertEquals(0.1f, material.metallic(), TOLERANCE);
        assertNotNull(material.baseColorTexture());
        // the OBJ stores v upwards; read with the origin at the top, uv (0.1, 0.1) is red as in the glTF
        float u = mesh.vertices()[TriangleMesh.UV], v = mesh.vertices()[TriangleMesh.UV + 1];
        assertTrue(u >= 0 && u <= 1 && v >= 0 && v <= 1);
        assertEquals(1f, material.baseColorTexture().texel(0.1f, 0.1f, 0), TOLERANCE);
        assertUnitNormalsOutward(mesh, new Vector3f(0.25f, -0.5f, 1f));
    }

    /** FBX has no simple text form to write here: Assimp's own FBX exporter writes one from the OBJ. */
    @Test
    void readsAnFbxWithItsMaterial() throws IOException {
        Path obj = MeshFiles.obj(folder, "box", BOX, new float[] {0.2f, 0.4f, 0.6f, 1}, 0.7f, 0.1f, null, 0);
        Path fbx = folder.resolve("box.fbx");
        org.lwjgl.assimp.AIScene scene = org.lwjgl.assimp.Assimp.aiImportFile(obj.toString(), org.lwjgl.assimp.Assimp.aiProcess_Triangulate);
        assertNotNull(scene);
        try {
            assertEquals(0, org.lwjgl.assimp.Assimp.aiExportScene(scene, "fbx", fbx.toString(), 0),
                    org.lwjgl.assimp.Assimp.aiGetErrorString());
        } finally {
            org.lwjgl.assimp.Assimp.aiReleaseImport(scene);
        }
        TriangleMesh mesh = MeshImporter.readTriangles(fbx);
        assertEquals(12, mesh.triangleCount());
        assertBounds(mesh, new Vector3f(-0.25f, -1f, 0.5f), new Vector3f(0.75f, 0f, 1.5f));
        MeshMaterial material = mesh.materials().get(mesh.parts().get(0).material());
        assertArrayEquals(new float[] {0.2f, 0.4f, 0.6f}, java.util.Arrays.copyOf(material.baseColor(), 3), TOLERANCE);
        assertUnitNormalsOutward(mesh, new Vector3f(0.25f, -0.5f, 1f));
    }

    @Test
    void aPlyWithoutMaterialIsClayAndGetsTangents() throws IOException {
        TriangleMesh mesh = MeshImporter.readTriangles(MeshFiles.plyTriangles(folder, "box", BOX));
        assertEquals(12, mesh.triangleCount());
        MeshMaterial material = mesh.materials().get(mesh.parts().get(0).material());
        assertEquals(MeshMaterial.CLAY_ALBEDO, material.baseColor()[0], TOLERANCE);
        assertEquals(MeshMaterial.CLAY_ROUGHNESS, material.roughness(), TOLERANCE);
        assertFalse(material.textured());
        float[] v = mesh.vertices();
        for (int i = 0; i < mesh.vertexCount(); i++) {
            int o = i * TriangleMesh.FLOATS_PER_VERTEX;
            Vector3f n = new Vector3f(v[o + 3], v[o + 4], v[o + 5]), t = new Vector3f(v[o + 8], v[o + 9], v[o + 10]);
            assertEquals(1f, t.length(), 1e-4f);
            assertEquals(0f, n.dot(t), 1e-4f, "tangent perpendicular to the normal");
            assertEquals(1f, Math.abs(v[o + 11]), 0f);
        }
    }

    /** A scan's PLY: 8-bit display colours per vertex, read as linear; without a material its surface is the colours. */
    @Test
    void plyVertexColoursAreDecodedFromSrgbAndNotDarkenedByClay() throws IOException {
        int[] colors = new int[3 * 24];
        java.util.Arrays.fill(colors, 128);
        TriangleMesh mesh = MeshImporter.readTriangles(MeshFiles.plyTriangles(folder, "scan", BOX, colors));
        assertNotNull(mesh.colors());
        assertEquals((float) dev.splatlight.core.light.Srgb.decode(128 / 255.0), mesh.colors()[0], 1e-4f);
        assertEquals(1f, mesh.colors()[3], 0f);
        assertArrayEquals(new float[] {1, 1, 1, 1}, mesh.materials().get(mesh.parts().get(0).material()).baseColor(), 0f);
    }

    @Test
    void aPointCloudHasPointsAndColoursButTheViewerRefusesIt() throws IOException {
        float[] positions = {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1};
        int[] colors = {255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0};
        Path file = MeshFiles.plyPoints(folder, "cloud", positions, colors);
        TriangleMesh cloud = MeshImporter.read(file);
        assertEquals(5, cloud.vertexCount());
        assertEquals(0, cloud.triangleCount());
        assertNotNull(cloud.colors());
        float redOfGreenPoint = -1;
        for (int i = 0; i < 5; i++) {
            if (cloud.vertices()[i * TriangleMesh.FLOATS_PER_VERTEX] == 1 && cloud.vertices()[i * TriangleMesh.FLOATS_PER_VERTEX + 1] == 0) {
                assertEquals(1f, cloud.colors()[4 * i + 1], 1e-3f, "the point at (1, 0, 0) is green");
                redOfGreenPoint = cloud.colors()[4 * i];
            }
        }
        assertEquals(0f, redOfGreenPoint, 1e-3f);
        MeshFormatException e = assertThrows(MeshFormatException.class, () -> MeshImporter.readTriangles(file));
        assertTrue(e.getMessage().contains("cloud.ply") && e.getMessage().contains("no triangles"), e.getMessage());
    }

    @Test
    void aMissingTextureIsAWarningAndTheMeshStillLoads() throws IOException {
        Path file = MeshFiles.obj(folder, "box", BOX, new float[] {0.2f, 0.4f, 0.6f, 1}, 0.7f, 0.1f, CHECKER, 8);
        Files.delete(folder.resolve("box_base.png"));
        TriangleMesh mesh = MeshImporter.readTriangles(file);
        assertNull(mesh.materials().get(mesh.parts().get(0).material()).baseColorTexture());
        assertEquals(1, mesh.warnings().size());
        assertTrue(mesh.warnings().get(0).contains("box_base.png"), mesh.warnings().get(0));
    }

    @Test
    void badFilesGiveOneLineNamingTheFile() throws IOException {
        Path missing = folder.resolve("nowhere.glb");
        assertOneLine(missing, "no such file");
        Path unsupported = Files.writeString(folder.resolve("scene.blend"), "BLENDER");
        assertOneLine(unsupported, "unsupported format '.blend'");
        Path garbage = Files.write(folder.resolve("broken.glb"), new byte[] {'g', 'l', 'T', 'F', 2, 0, 0, 0, 99, 0, 0, 0, 1, 2});
        assertOneLine(garbage, "broken.glb");
        Path truncated = MeshFiles.gltf(folder, "cut", BOX, new float[] {1, 1, 1, 1}, 0.5f, 0, null, 0);
        String text = Files.readString(truncated);
        Files.writeString(truncated, text.substring(0, text.length() / 2));
        assertOneLine(truncated, "cut.gltf");
        Path emptyObj = Files.writeString(folder.resolve("empty.obj"), "# nothing here\n");
        assertOneLine(emptyObj, "empty.obj");
    }

    private static void assertOneLine(Path file, String expected) {
        MeshFormatException e = assertThrows(MeshFormatException.class, () -> MeshImporter.readTriangles(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private static void assertBounds(TriangleMesh mesh, Vector3f min, Vector3f max) {
        Vector3f[] bounds = mesh.bounds();
        assertTrue(bounds[0].equals(min, TOLERANCE) && bounds[1].equals(max, TOLERANCE), bounds[0] + " " + bounds[1]);
    }

    private static void assertUnitNormalsOutward(TriangleMesh mesh, Vector3f centre) {
        float[] v = mesh.vertices();
        for (int i = 0; i < mesh.vertexCount(); i++) {
            int o = i * TriangleMesh.FLOATS_PER_VERTEX;
            Vector3f n = new Vector3f(v[o + 3], v[o + 4], v[o + 5]);
            Vector3f out = new Vector3f(v[o], v[o + 1], v[o + 2]).sub(centre);
            assertEquals(1f, n.length(), 1e-4f);
            assertTrue(n.dot(out) > 0, "normal " + n + " at " + out);
        }
    }

    @Test
    void gltfAlphaModesBecomeCutoffs() throws IOException {
        Object[][] cases = {{null, null, 0f}, {"OPAQUE", null, 0f}, {"MASK", 0.3, 0.3f}, {"MASK", null, 0.5f},
                {"BLEND", null, 0.5f}};
        for (int i = 0; i < cases.length; i++) {
            Path file = MeshFiles.gltf(folder, "alpha" + i, BOX, new float[] {1, 1, 1, 1}, 0.5f, 0f, CHECKER, 8);
            ObjectMapper json = new ObjectMapper();
            ObjectNode root = (ObjectNode) json.readTree(file.toFile());
            ObjectNode material = (ObjectNode) root.get("materials").get(0);
            if (cases[i][0] != null) {
                material.put("alphaMode", (String) cases[i][0]);
            }
            if (cases[i][1] != null) {
                material.put("alphaCutoff", (Double) cases[i][1]);
            }
            Files.writeString(file, json.writeValueAsString(root));
            MeshMaterial read = MeshImporter.read(file).materials().get(0);
            assertEquals((float) cases[i][2], read.alphaCutoff(), 1e-6f, "alphaMode " + cases[i][0] + ", cutoff " + cases[i][1]);
            assertEquals((float) cases[i][2] > 0, read.masked());
        }
    }
}
