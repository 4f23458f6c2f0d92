package dev.splatlight.core.mesh;

import org.joml.Matrix4f;
import org.joml.Matrix4fc;

/** A resident mesh where it stands in the world, as the G-buffer pass draws it. */
public record PlacedMesh(ResidentMesh mesh, Matrix4fc worldFromMesh) {
    public PlacedMesh {
        worldFromMesh = new Matrix4f(worldFromMesh);
    }
}
