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
}
