package dev.splatlight.trainer.bake;

/**
 * The occlusion bake's settings (design.md §1.2; GS-IR's object-scene values by default).
 *
 * @param resolution probes per axis of the volume
 * @param bound      the volume spans [−bound, bound]³
 * @param threshold  occluders farther than this along a ray do not count
 * @param dilation   6-neighbour dilation passes that extend the baked probes into their unbaked neighbours
 */
public record BakeSettings(int resolution, float bound, float threshold, int dilation) {
    public static final BakeSettings OBJECT_SCENE = new BakeSettings(128, 1.5f, 0.25f, 2);

    public BakeSettings {
        if (resolution < 2 || resolution > 1024) {
            throw new IllegalArgumentException("--bake-resolution must lie in 2..1024, got " + resolution);
        }
        if (!(bound > 0) || !(threshold > 0) || dilation < 0) {
            throw new IllegalArgumentException("bake bound and threshold must be positive, dilation ≥ 0; got " + bound + ", "
                    + threshold + ", " + dilation);
        }
    }

    public float spacing() {
        return 2 * bound / (resolution - 1);
    }
}
