package dev.splatlight.viewer.cli;

import dev.splatlight.core.mesh.MeshImporter;
import dev.splatlight.core.mesh.MeshPlacement;
import dev.splatlight.core.mesh.TriangleMesh;
import dev.splatlight.viewer.render.HeadlessRenderer;
import dev.splatlight.viewer.render.ViewMode;
import dev.splatlight.viewer.scene.SceneDescription;
import dev.splatlight.viewer.scene.SceneFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A scene file and meshes beside the asset, for {@code view}, {@code render} and {@code turntable} alike (a picocli
 * mixin). The scene file gives the asset, meshes, light, camera and view; options given on the command line win over
 * it, and {@code --mesh} adds meshes to its own.
 */
public final class SceneOptions {
    @Option(names = "--scene", description = "A scene file (JSON, saved by the viewer): asset, meshes and where they stand, HDRI, camera, view.")
    Path scene;

    @Option(names = "--mesh", paramLabel = "FILE", description = "Place a mesh (.gltf, .glb, .obj, .fbx, .ply) beside the asset, "
            + "stood up from Y-up to Z-up at the origin; repeatable (move it in the viewer, or in a scene file).")
    List<Path> meshes = new ArrayList<>();

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The scene file read, or null without --scene. */
    SceneDescription read() {
        return scene == null ? null : SceneFiles.read(scene);
    }

    /** Whether the user gave this option on the command line (rather than its default). */
    Predicate<String> given() {
        return name -> command != null && command.commandLine() != null && command.commandLine().getParseResult() != null
                && command.commandLine().getParseResult().hasMatchedOption(name);
    }

    /** The scene file's meshes, then --mesh's. */
    private List<SceneDescription.Mesh> meshes(SceneDescription description) {
        List<SceneDescription.Mesh> all = new ArrayList<>(description == null ? List.of() : description.meshes());
        for (Path mesh : meshes) {
            all.add(new SceneDescription.Mesh(mesh, MeshPlacement.Y_UP_TO_Z_UP));
        }
        return all;
    }

    /** A mesh read from its file, and where it stands. */
    record ReadMesh(Path file, TriangleMesh mesh, MeshPlacement placement) {
    }

    /**
     * Reads the scene file (null without --scene) and lets it fill in the light and view the command line leaves to
     * it ({@code look}).
     */
    SceneDescription readInto(LookOptions look) {
        SceneDescription description = read();
        look.fillFrom(description, given());
        return description;
    }

    /** The view mode: the command line's {@code option} where given, else the scene file's. */
    ViewMode mode(ViewMode fromCommandLine, String option, SceneDescription description) {
        return description != null && !given().test(option) ? description.display().mode() : fromCommandLine;
    }

    /** Reads the scene file's meshes and --mesh's, all before anything is drawn: a bad file is one line naming it. */
    List<ReadMesh> readMeshes(SceneDescription description) {
        List<ReadMesh> read = new ArrayList<>();
        for (SceneDescription.Mesh mesh : meshes(description)) {
            TriangleMesh triangles = MeshImporter.readTriangles(mesh.file());
            triangles.warnings().forEach(w -> System.err.println("splatlight: mesh " + mesh.file() + ": " + w));
            read.add(new ReadMesh(mesh.file(), triangles, mesh.placement()));
        }
        return read;
    }

    /** Places read meshes beside the splats. */
    static void place(List<ReadMesh> meshes, HeadlessRenderer renderer) {
        for (ReadMesh mesh : meshes) {
            renderer.addMesh(mesh.file(), mesh.mesh(), mesh.placement());
        }
    }
}
