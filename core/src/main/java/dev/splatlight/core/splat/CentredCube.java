package dev.splatlight.core.splat;

import java.util.Arrays;

/**
 * The origin-centred cube that holds a share of some points: the occlusion bake's bound for a COLMAP scene and the
 * traced reflections' grid for an asset without one. Per point max(|x|, |y|, |z|) counts; the share leaves out the
 * farthest points (background, stray matches, floaters).
 */
public final class CentredCube {
    private CentredCube() {
    }

    /**
     * The half-width of the cube holding {@code share} of the points [P, 3]: the ⌈share·P⌉-th smallest extent.
     * Non-finite coordinates count as extent 0.
     */
    public static float halfWidthCovering(float[] positions, double share) {
        int n = positions.length / 3;
        if (n == 0) {
            throw new IllegalArgumentException("no points to bound");
        }
        float[] extent = new float[n];
        for (int i = 0; i < n; i++) {
            float e = Math.max(Math.abs(positions[3 * i]), Math.max(Math.abs(positions[3 * i + 1]), Math.abs(positions[3 * i + 2])));
            extent[i] = Float.isFinite(e) ? e : 0;
        }
        Arrays.sort(extent);
        return extent[(int) Math.max(0, Math.min(n - 1, Math.ceil(share * n) - 1))];
    }
}
