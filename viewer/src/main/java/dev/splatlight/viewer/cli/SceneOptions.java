package dev.splatlight.viewer.cli;

import dev.splatlight.core.mesh.MeshImporter;
import dev.splatlight.core.mesh.MeshPlacement;
import dev.splatlight.viewer.render.HeadlessRenderer;
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
    List<SceneDescription.Mesh> meshes(SceneDescription description) {
        List<SceneDescription.Mesh> all = new ArrayList<>(description == null ? List.of() : description.meshes());
        for (Path mesh : meshes) {
            all.add(new SceneDescription.Mesh(mesh, MeshPlacement.Y_UP_TO_Z_UP));
        }
        return all;
    }

    /** Reads each mesh (one line naming a bad file) and places it beside the splats. */
    static void addMeshes(HeadlessRenderer renderer, List<SceneDescription.Mesh> meshes) {
        for (SceneDescription.Mesh mesh : meshes) {
            var read = MeshImporter.readTriangles(mesh.file());
            read.warnings().forEach(w -> System.err.println("splatlight: mesh " + mesh.file() + ": " + w));
            renderer.addMesh(mesh.file(), read, mesh.placement());
        }
    }
}
