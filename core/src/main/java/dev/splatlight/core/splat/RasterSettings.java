package dev.splatlight.core.splat;

import org.joml.Vector3f;
import org.joml.Vector3fc;

/**
 * What a render needs besides the camera and the Gaussians.
 *
 * @param shDegree SH bands used for colour, 0..3
 * @param background colour composited where transmittance remains
 * @param nearPlane splats whose centre is nearer than this (camera z) are culled; 3DGS uses 0.2
 */
public record RasterSettings(int shDegree, Vector3fc background, float nearPlane) {
    public RasterSettings {
        if (shDegree < 0 || shDegree > 3) {
            throw new IllegalArgumentException("SH degree must be 0..3, got " + shDegree);
        }
        background = new Vector3f(background);
    }

    public static RasterSettings of(int shDegree, Vector3fc background) {
        return new RasterSettings(shDegree, background, 0.2f);
    }
}
