package dev.splatlight.core.mesh;

import org.joml.Matrix4f;
import org.joml.Vector3f;
import org.joml.Vector3fc;

/**
 * Where a mesh stands in the scene: a uniform scale, then a rotation (Euler angles in degrees, about X, then Y, then Z
 * of the world), then a translation. Uniform scale keeps normals turning as directions do.
 */
public record MeshPlacement(Vector3fc translation, Vector3fc rotationDegrees, float scale) {
    /** glTF, FBX and most OBJ exporters are Y-up; the scenes here are Z-up (Blender's frame): +90° about X stands them up. */
    public static final MeshPlacement Y_UP_TO_Z_UP = new MeshPlacement(new Vector3f(), new Vector3f(90, 0, 0), 1);
    public static final MeshPlacement IDENTITY = new MeshPlacement(new Vector3f(), new Vector3f(), 1);

    public MeshPlacement {
        translation = new Vector3f(translation);
        rotationDegrees = new Vector3f(rotationDegrees);
        if (!(scale > 0) || !Float.isFinite(scale)) {
            throw new IllegalArgumentException("a mesh's scale must be a positive number, got " + scale);
        }
        if (!translation.isFinite() || !rotationDegrees.isFinite()) {
            throw new IllegalArgumentException("a mesh's translation and rotation must be finite numbers");
        }
    }

    /** worldFromMesh = T · Rz · Ry · Rx · S. */
    public Matrix4f worldFromMesh() {
        return new Matrix4f().translation(translation)
                .rotateZ((float) Math.toRadians(rotationDegrees.z()))
                .rotateY((float) Math.toRadians(rotationDegrees.y()))
                .rotateX((float) Math.toRadians(rotationDegrees.x()))
                .scale(scale);
    }

    public MeshPlacement withTranslation(Vector3fc t) {
        return new MeshPlacement(t, rotationDegrees, scale);
    }

    public MeshPlacement withRotation(Vector3fc degrees) {
        return new MeshPlacement(translation, degrees, scale);
    }

    public MeshPlacement withScale(float s) {
        return new MeshPlacement(translation, rotationDegrees, s);
    }
}
