package dev.splatlight.core.light;

/**
 * Java twin of the split-sum contract's constants and level mapping (include/light/split_sum.glsl, design.md §2).
 * The maths itself lives once, in GLSL; the test-side ReferenceEnvironment re-derives it independently.
 */
public final class SplitSum {
    public static final float MIN_ROUGHNESS = 0.08f;
    public static final float MAX_ROUGHNESS = 0.5f;
    public static final float DIELECTRIC_F0 = 0.04f;
    /** The DFG table is DFG_SIZE × DFG_SIZE (A, B) pairs: x = n·v, y = roughness. */
    public static final int DFG_SIZE = 256;

    private SplitSum() {
    }

    /** The roughness level {@code level} of an {@code levels}-level chain is prefiltered with. */
    public static float levelRoughness(int level, int levels) {
        if (level + 1 >= levels) {
            return 1f;
        }
        return MIN_ROUGHNESS + (MAX_ROUGHNESS - MIN_ROUGHNESS) * level / Math.max(levels - 2, 1);
    }
}
