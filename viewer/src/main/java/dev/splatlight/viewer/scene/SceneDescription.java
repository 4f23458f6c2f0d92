package dev.splatlight.viewer.scene;

import dev.splatlight.core.mesh.MeshPlacement;
import dev.splatlight.viewer.camera.OrbitCamera;
import dev.splatlight.viewer.render.DisplaySettings;
import java.nio.file.Path;
import java.util.List;

/**
 * What a scene file holds (docs/meshes.md): an asset, meshes beside it where they stand, the light, the camera and
 * how the picture is made. Paths are absolute here; the file stores them relative to its own folder where it can.
 *
 * @param asset  asset directory or .ply, or null for the bundled sample
 * @param hdri   HDRI lighting the scene, or null for the asset's learned light
 * @param camera the orbit camera, or null to frame the asset
 */
public record SceneDescription(Path asset, List<Mesh> meshes, Path hdri, float hdriRotationDegrees, float hdriIntensityStops,
                               OrbitCamera camera, DisplaySettings display) {
    /** A mesh file and where it stands. */
    public record Mesh(Path file, MeshPlacement placement) {
    }

    public SceneDescription {
        meshes = List.copyOf(meshes);
    }
}
