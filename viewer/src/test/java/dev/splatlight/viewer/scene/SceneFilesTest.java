package dev.splatlight.viewer.scene;

import static org.junit.jupiter.api.Assertions.*;

import dev.splatlight.core.cli.BadInputException;
import dev.splatlight.core.mesh.MeshPlacement;
import dev.splatlight.viewer.camera.OrbitCamera;
import dev.splatlight.viewer.render.DisplaySettings;
import dev.splatlight.viewer.render.ViewMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SceneFilesTest {
    @TempDir
    Path folder;

    @Test
    void aSavedSceneReadsBackTheSameWithPathsRelativeToItsFolder() throws IOException {
        SceneDescription scene = new SceneDescription(folder.resolve("assets/sample"),
                List.of(new SceneDescription.Mesh(folder.resolve("props/pedestal.glb"),
                                new MeshPlacement(new Vector3f(0.5f, -1, 2), new Vector3f(90, 10, -45), 1.5f)),
                        new SceneDescription.Mesh(folder.resolve("floor.obj"), MeshPlacement.IDENTITY)),
                folder.resolve("hdri/studio.hdr"), 30, -1.5f,
                new OrbitCamera(new Vector3f(0.1f, 0.2f, 0.3f), 15, -10, 3.5f, 35),
                new DisplaySettings(ViewMode.ALBEDO, 1.25f, false, new Vector3f(0.2f, 0.4f, 0.6f), 2));
        Path file = folder.resolve("scene.json");
        SceneFiles.write(file, scene);
        String text = Files.readString(file);
        assertTrue(text.contains("\"props/pedestal.glb\""), "relative mesh path: " + text);
        assertFalse(text.contains(folder.toString()), "no absolute paths inside the folder: " + text);
        SceneDescription read = SceneFiles.read(file);
        assertEquals(scene.asset(), read.asset());
        assertEquals(scene.hdri(), read.hdri());
        assertEquals(30, read.hdriRotationDegrees());
        assertEquals(-1.5f, read.hdriIntensityStops());
        assertEquals(2, read.meshes().size());
        assertEquals(scene.meshes().get(0).file(), read.meshes().get(0).file());
        assertEquals(scene.meshes().get(0).placement(), read.meshes().get(0).placement());
        assertEquals(scene.camera(), read.camera());
        assertEquals(scene.display().mode(), read.display().mode());
        assertEquals(1.25f, read.display().exposure());
        assertFalse(read.display().aces());
        assertEquals(new Vector3f(0.2f, 0.4f, 0.6f), read.display().background());
        assertEquals(2, read.display().blurLevel());
    }

    @Test
    void onlyTheFormatIsRequired() {
        SceneDescription read = SceneFiles.parse("{\"format\": \"splatlight-scene\"}".getBytes(), folder.resolve("s.json"));
        assertNull(read.asset());
        assertTrue(read.meshes().isEmpty());
        assertNull(read.hdri());
        assertNull(read.camera());
        assertEquals(DisplaySettings.DEFAULT, read.display());
    }

    @Test
    void aWrongFieldIsNamedInOneLine() throws IOException {
        assertRefused("{\"format\": \"splatlight-scene\", \"meshes\": [{\"file\": \"a.glb\", \"scale\": -2}]}", "meshes[0].scale");
        assertRefused("{\"format\": \"splatlight-scene\", \"meshes\": [{\"translation\": [0, 0, 0]}]}", "meshes[0].file");
        assertRefused("{\"format\": \"splatlight-scene\", \"meshes\": [{\"file\": \"a.glb\", \"rotation_degrees\": [0, 0]}]}",
                "meshes[0].rotation_degrees");
        assertRefused("{\"format\": \"splatlight-scene\", \"camera\": {\"distance\": 0}}", "camera.distance");
        assertRefused("{\"format\": \"splatlight-scene\", \"view\": {\"mode\": \"xray\"}}", "view.mode");
        assertRefused("{\"format\": \"splatlight-scene\", \"hdri\": {\"rotation_degrees\": 5}}", "hdri.file");
        assertRefused("{\"format\": \"splatlight-scene\", \"version\": 7}", "version");
        assertRefused("{\"format\": \"splatlight-asset\"}", "format");
        assertRefused("{\"format\": \"splatlight-scene\", \"meshes\": [", "not valid JSON");
        BadInputException missing = assertThrows(BadInputException.class, () -> SceneFiles.read(folder.resolve("none.json")));
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
    }

    private void assertRefused(String json, String field) throws IOException {
        Path file = Files.writeString(folder.resolve("bad.json"), json);
        BadInputException e = assertThrows(BadInputException.class, () -> SceneFiles.read(file));
        assertTrue(e.getMessage().contains(field) && e.getMessage().contains("bad.json"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
