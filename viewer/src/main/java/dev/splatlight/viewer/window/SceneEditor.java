package dev.splatlight.viewer.window;

import dev.splatlight.core.mesh.MeshImporter;
import dev.splatlight.core.mesh.MeshPlacement;
import dev.splatlight.core.mesh.TriangleMesh;
import dev.splatlight.viewer.render.HeadlessRenderer;
import dev.splatlight.viewer.render.SceneMesh;
import dev.splatlight.viewer.scene.SceneDescription;
import dev.splatlight.viewer.scene.SceneFiles;
import dev.splatlight.viewer.ui.ControlPanel;
import dev.splatlight.viewer.ui.MeshRow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.util.tinyfd.TinyFileDialogs;

/**
 * The viewer's meshes and scene file: meshes read off the render thread and placed when ready, the panel's rows kept
 * in step with them (moves, removals), Add mesh… and Save scene… dialogs. A broken mesh file shows one line in the
 * panel; the viewer keeps running.
 */
final class SceneEditor {
    private static final String[] MESH_PATTERNS = {"*.gltf", "*.glb", "*.obj", "*.fbx", "*.ply"};

    private final HeadlessRenderer renderer;
    private final ControlPanel.State state;
    private final Supplier<SceneDescription> snapshot;
    private final List<Pending> pending = new ArrayList<>();

    private record Pending(Path file, MeshPlacement placement, CompletableFuture<TriangleMesh> mesh) {
    }

    /** @param snapshot the scene as it stands now (asset, light, camera, view), for Save scene… */
    SceneEditor(HeadlessRenderer renderer, ControlPanel.State state, Supplier<SceneDescription> snapshot) {
        this.renderer = renderer;
        this.state = state;
        this.snapshot = snapshot;
    }

    static boolean isMesh(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return MeshImporter.EXTENSIONS.stream().anyMatch(e -> name.endsWith("." + e));
    }

    /** Starts reading a mesh off the render thread; it appears when read. */
    void addMesh(Path file, MeshPlacement placement) {
        state.status = "loading " + file.getFileName();
        pending.add(new Pending(file, placement, CompletableFuture.supplyAsync(() -> MeshImporter.readTriangles(file))));
    }

    /** Whether a mesh is still being read. */
    boolean loading() {
        return !pending.isEmpty();
    }

    /** Before the panel: places meshes that finished reading, and shows every mesh as a row. */
    void beforePanel() {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (!p.mesh().isDone()) {
                continue;
            }
            it.remove();
            try {
                TriangleMesh mesh = p.mesh().join();
                renderer.addMesh(p.file(), mesh, p.placement());
                state.status = mesh.warnings().isEmpty() ? "added " + p.file().getFileName()
                        : p.file().getFileName() + ": " + String.join("; ", mesh.warnings());
            } catch (CompletionException | IllegalArgumentException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                state.status = cause.getMessage();
            }
        }
        state.meshes.clear();
        for (SceneMesh mesh : renderer.meshes()) {
            state.meshes.add(new MeshRow(mesh.source().getFileName().toString(), mesh.placement()));
        }
    }

    /** After the panel: applies moves and removals, and opens the dialogs asked for. */
    void afterPanel() {
        List<SceneMesh> meshes = List.copyOf(renderer.meshes());
        for (int i = 0; i < state.meshes.size() && i < meshes.size(); i++) {
            MeshRow row = state.meshes.get(i);
            if (row.removeRequested) {
                renderer.removeMesh(meshes.get(i));
            } else if (row.edited) {
                try {
                    meshes.get(i).place(row.placement());
                } catch (IllegalArgumentException typed) { // ctrl-click lets a field take any text, "1e39" included
                    state.status = row.name + ": " + typed.getMessage();
                }
            }
        }
        if (state.addMeshRequested) {
            state.addMeshRequested = false;
            String chosen = openDialog();
            if (chosen != null) {
                addMesh(Path.of(chosen), MeshPlacement.Y_UP_TO_Z_UP);
            }
        }
        if (state.saveSceneRequested) {
            state.saveSceneRequested = false;
            String chosen = TinyFileDialogs.tinyfd_saveFileDialog("Save scene", "scene.json", null, "Splatlight scene (.json)");
            if (chosen != null) {
                save(Path.of(chosen));
            }
        }
    }

    /** Writes the scene as it stands to {@code file}; the outcome shows in the panel. */
    void save(Path file) {
        try {
            SceneDescription now = snapshot.get();
            List<SceneDescription.Mesh> meshes = renderer.meshes().stream()
                    .map(m -> new SceneDescription.Mesh(m.source(), m.placement())).toList();
            SceneFiles.write(file, new SceneDescription(now.asset(), meshes, now.hdri(), now.hdriRotationDegrees(),
                    now.hdriIntensityStops(), now.camera(), now.display()));
            state.status = "saved " + file.toAbsolutePath();
        } catch (IOException | RuntimeException e) {
            state.status = "cannot save the scene: " + e.getMessage();
        }
    }

    private static String openDialog() {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            var patterns = stack.mallocPointer(MESH_PATTERNS.length);
            for (String pattern : MESH_PATTERNS) {
                patterns.put(stack.UTF8(pattern));
            }
            patterns.flip();
            return TinyFileDialogs.tinyfd_openFileDialog("Add a mesh", "", patterns, "Meshes (glTF, GLB, OBJ, FBX, PLY)", false);
        }
    }
}
