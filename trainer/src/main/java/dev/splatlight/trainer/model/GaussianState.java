package dev.splatlight.trainer.model;

import dev.splatlight.core.splat.GaussianCloud;

/**
 * Everything training keeps per Gaussian, on the host: parameters, Adam's two moments (same layouts, in
 * GaussianClouds), and the densification statistics. What densification edits and checkpoints store.
 *
 * @param gradientSum Σ over views of |∂L/∂centre| in NDC units
 * @param viewCount views in which the Gaussian was visible since the last densification
 * @param maxRadius largest screen radius in pixels since the last densification
 */
public record GaussianState(GaussianCloud parameters, GaussianCloud firstMoments, GaussianCloud secondMoments,
                            float[] gradientSum, float[] viewCount, float[] maxRadius) {

    public static GaussianState fresh(GaussianCloud parameters) {
        int n = parameters.count();
        return new GaussianState(parameters, new GaussianCloud(n), new GaussianCloud(n), new float[n], new float[n], new float[n]);
    }

    public int count() {
        return parameters.count();
    }

    /** The stored (pre-sigmoid) value of an opacity. */
    public static float opacityLogit(float opacity) {
        return (float) Math.log(opacity / (1 - opacity));
    }

    /**
     * Every opacity clamped into [{@code lowest}, {@code highest}] (0 or 1 leaves that side open), with Adam's opacity
     * moments restarted for all: 3DGS's opacity reset and the reflection schedule's raise.
     */
    public void clampOpacities(float lowest, float highest) {
        float low = opacityLogit(lowest), high = opacityLogit(highest);
        for (int i = 0; i < count(); i++) {
            parameters.opacityLogits[i] = Math.min(Math.max(parameters.opacityLogits[i], low), high);
            firstMoments.opacityLogits[i] = 0;
            secondMoments.opacityLogits[i] = 0;
        }
    }

    /** Throws when a parameter is NaN or infinite, naming the Gaussian and the field (checked before saving). */
    public void requireFinite(int iteration) {
        float[][] arrays = parameters.arrays();
        for (int a = 0; a < arrays.length; a++) {
            int perGaussian = arrays[a].length / Math.max(1, parameters.count());
            for (int i = 0; i < arrays[a].length; i++) {
                if (!Float.isFinite(arrays[a][i])) {
                    throw new IllegalStateException("Gaussian " + i / perGaussian + " has a non-finite "
                            + GaussianCloud.ARRAY_NAMES.get(a) + " value at iteration " + iteration
                            + "; resume from an earlier checkpoint");
                }
            }
        }
    }
}
