package dev.splatlight.trainer.bake;

import dev.splatlight.core.splat.CentredCube;

/**
 * The occlusion volume of a scene in COLMAP's own frame and scale, where GS-IR's object settings (bound 1.5,
 * threshold 0.25, for objects scaled into the unit cube) mean nothing: the bound covers 98 % of the sparse points with
 * a tenth to spare (the volume is centred on the origin, so per axis |coordinate| counts; the farthest 2 % are
 * background and stray matches), and the threshold keeps GS-IR's ratio to the bound (0.25 / 1.5).
 */
public final class SceneBounds {
    public static final double COVERED = 0.98, MARGIN = 1.1;
    private static final float OBJECT_BOUND = 1.5f, OBJECT_THRESHOLD = 0.25f;

    private SceneBounds() {
    }

    /** The bound for points [P, 3]: the 98th percentile of max(|x|, |y|, |z|) times 1.1. */
    public static float bound(float[] positions) {
        return (float) (MARGIN * CentredCube.halfWidthCovering(positions, COVERED));
    }

    /** GS-IR's object threshold scaled with the bound. */
    public static float threshold(float bound) {
        return OBJECT_THRESHOLD * bound / OBJECT_BOUND;
    }
}
