package dev.splatlight.viewer.ui;

import dev.splatlight.core.mesh.MeshPlacement;
import org.joml.Vector3f;

/** One mesh in the panel: its name and editable placement, and what the user asked for this frame. */
public final class MeshRow {
    public final String name;
    public final float[] translation = new float[3];
    public final float[] rotationDegrees = new float[3];
    public final float[] scale = new float[1];
    public boolean edited;
    public boolean removeRequested;

    public MeshRow(String name, MeshPlacement placement) {
        this.name = name;
        for (int c = 0; c < 3; c++) {
            translation[c] = placement.translation().get(c);
            rotationDegrees[c] = placement.rotationDegrees().get(c);
        }
        scale[0] = placement.scale();
    }

    /** The placement as edited (a scale dragged to zero or below stays at the smallest allowed). */
    public MeshPlacement placement() {
        return new MeshPlacement(new Vector3f(translation[0], translation[1], translation[2]),
                new Vector3f(rotationDegrees[0], rotationDegrees[1], rotationDegrees[2]), Math.max(1e-3f, scale[0]));
    }
}
