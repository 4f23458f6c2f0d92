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
