package dev.splatlight.viewer.window;

import static org.junit.jupiter.api.Assertions.*;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.mesh.MeshPlacement;
import dev.splatlight.core.testing.MeshFiles;
import dev.splatlight.core.testing.VulkanTest;
import dev.splatlight.viewer.camera.OrbitCamera;
import dev.splatlight.viewer.render.DisplaySettings;
import dev.splatlight.viewer.render.HeadlessRenderGoldenTest;
import dev.splatlight.viewer.render.HeadlessRenderer;
import dev.splatlight.viewer.scene.SceneDescription;
import dev.splatlight.viewer.scene.SceneFiles;
import dev.splatlight.viewer.ui.ControlPanel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The viewer's mesh handling without a window: a broken mesh file is one line in the panel and nothing else changes;
 * a good one appears as a row; edits move it, Remove removes it; Save scene writes what stands.
 */
@VulkanTest
class SceneEditorTest {
    @TempDir
    Path dir;

    @Test
    void meshesComeAndGoAndABrokenFileIsOneLineInThePanel(Gpu gpu) throws Exception {
        ControlPanel.State state = new ControlPanel.State();
        OrbitCamera camera = new OrbitCamera(new Vector3f(), 30, 20, 2.5f, 40);
        try (HeadlessRenderer renderer = new HeadlessRenderer(gpu, HeadlessRenderGoldenTest.syntheticAsset(), null, 0)) {
            SceneEditor editor = new SceneEditor(renderer, state, () -> new SceneDescription(dir.resolve("asset"), List.of(), null,
                    0, 0, camera, DisplaySettings.DEFAULT));
            Path broken = Files.write(dir.resolve("broken.glb"), new byte[] {'g', 'l', 'T', 'F', 2, 0, 0, 0, 1});
            editor.addMesh(broken, MeshPlacement.IDENTITY);
            settle(editor);
            assertTrue(state.status.contains("broken.glb") && !state.status.contains("\n"), state.status);
            assertTrue(renderer.meshes().isEmpty());
            renderer.render(camera, 32, 24, DisplaySettings.DEFAULT); // and the viewer draws on

            Path cube = MeshFiles.obj(dir, "cube", MeshFiles.Box.of(0, 0, 0, 0.3f), new float[] {1, 0, 0, 1}, 0.5f, 0, null, 0);
            editor.addMesh(cube, MeshPlacement.Y_UP_TO_Z_UP);
            settle(editor);
            assertEquals(1, state.meshes.size(), state.status);
            assertEquals("cube.obj", state.meshes.get(0).name);

            state.meshes.get(0).translation[2] = 0.75f; // the panel drags it up
            state.meshes.get(0).edited = true;
            editor.afterPanel();
            assertEquals(0.75f, renderer.meshes().get(0).placement().translation().z());

            state.meshes.get(0).translation[0] = Float.POSITIVE_INFINITY; // typed into the field
            state.meshes.get(0).edited = true;
            editor.afterPanel();
            assertTrue(state.status.contains("cube.obj") && state.status.contains("finite"), state.status);
            assertEquals(0f, renderer.meshes().get(0).placement().translation().x(), "the placement stays");
            editor.beforePanel();

            Path sceneFile = dir.resolve("saved.json");
            editor.save(sceneFile);
            SceneDescription saved = SceneFiles.read(sceneFile);
            assertEquals(cube, saved.meshes().get(0).file());
            assertEquals(renderer.meshes().get(0).placement(), saved.meshes().get(0).placement());
            assertEquals(camera, saved.camera());

            editor.beforePanel();
            state.meshes.get(0).removeRequested = true;
            editor.afterPanel();
            assertTrue(renderer.meshes().isEmpty());
        }
    }

    /** Waits for meshes being read off the render thread, as the frame loop does frame by frame. */
    private static void settle(SceneEditor editor) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            editor.beforePanel();
            if (!editor.loading()) {
                return;
            }
            Thread.sleep(20);
        }
        fail("a mesh is still loading after 4 s");
    }
}
