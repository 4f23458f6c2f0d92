package dev.splatlight.trainer.bake;

/**
 * The occlusion bake's settings (design.md §1.2; GS-IR's object-scene values by default).
 *
 * @param resolution probes per axis of the volume
 * @param bound      the volume spans [−bound, bound]³
 * @param threshold  occluders farther than this along a ray do not count
 * @param dilation   6-neighbour dilation passes that extend the baked probes into their unbaked neighbours
 * @param nearSpacings occluders nearer than this many grid spacings along a ray do not count. A surface point reads
 *                   the probes up to two spacings in front of it; one of them that lies within the surface's shell of
 *                   Gaussians sees that very surface block every direction near its tangent plane (measured: the
 *                   mean visibility of the convex objects of datasets/mini fell from 0.95 at 48³ to 0.83 at 128³, and
 *                   trio's was 0.47 at 128³). The bias is the shadow-ray offset of ray tracing. By default
 *                   {@link #defaultNearSpacings}: on trio even the occluders beyond that offset darkened the model
 *                   below what the path-traced truth shows (docs/benchmarks.md)
 */
public record BakeSettings(int resolution, float bound, float threshold, int dilation, float nearSpacings) {
    /** The default near cut as a share of the threshold (see {@link #defaultNearSpacings}). */
    public static final float NEAR_SHARE_OF_THRESHOLD = 0.85f;
    /** The smallest default near cut, in grid spacings: a probe's own surface shell (see nearSpacings). */
    public static final float MIN_NEAR_SPACINGS = 1.5f;
    public static final BakeSettings OBJECT_SCENE = withDefaultNear(128, 1.5f, 0.25f, 2);

    /**
     * The near cut by default: {@value #NEAR_SHARE_OF_THRESHOLD} of the threshold, and at least
     * {@value #MIN_NEAR_SPACINGS} spacings. On trio (128³) the ground-truth materials shaded with the baked occlusion
     * came out 3.1–4.9 dB further from the path-traced truth than with none at GS-IR's near cut (1.5 spacings), 0–1.5
     * dB at 0.85 of the threshold (9 spacings), and trained assets relit 0.7 dB better there; a cut in world units
     * keeps that at other resolutions (mini at 48³: neutral).
     */
    public static float defaultNearSpacings(int resolution, float bound, float threshold) {
        float spacing = 2 * bound / (resolution - 1);
        return Math.max(MIN_NEAR_SPACINGS, NEAR_SHARE_OF_THRESHOLD * threshold / spacing);
    }

    public static BakeSettings withDefaultNear(int resolution, float bound, float threshold, int dilation) {
        return new BakeSettings(resolution, bound, threshold, dilation, defaultNearSpacings(resolution, bound, threshold));
    }

    public BakeSettings {
        if (resolution < 2 || resolution > 1024) {
            throw new IllegalArgumentException("--bake-resolution must lie in 2..1024, got " + resolution);
        }
        if (!(nearSpacings >= 0)) {
            throw new IllegalArgumentException("the bake's near distance must be ≥ 0 grid spacings, got " + nearSpacings);
        }
        if (!(bound > 0) || !(threshold > 0) || dilation < 0) {
            throw new IllegalArgumentException("bake bound and threshold must be positive, dilation ≥ 0; got " + bound + ", "
                    + threshold + ", " + dilation);
        }
    }

    public float spacing() {
        return 2 * bound / (resolution - 1);
    }

    /** Occluders nearer than this along a ray do not count (world units). */
    public float near() {
        return nearSpacings * spacing();
    }
}
