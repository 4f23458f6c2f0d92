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
 *                   trio's was 0.47 at 128³). The bias is the shadow-ray offset of ray tracing.
 */
public record BakeSettings(int resolution, float bound, float threshold, int dilation, float nearSpacings) {
    public static final BakeSettings OBJECT_SCENE = new BakeSettings(128, 1.5f, 0.25f, 2, 1.5f);

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
