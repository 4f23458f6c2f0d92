package dev.splatlight.trainer.material;

import dev.splatlight.core.light.Srgb;
import dev.splatlight.core.splat.GaussianCloud;

/**
 * Starting material of each Gaussian: albedo from its SH DC colour (display space, decoded to linear), roughness
 * 0.5, metallic 0.1 — as logits of the activations in include/trainer/material_parameters.glsl.
 */
public final class MaterialInitialisation {
    public static final int PARAMETERS = 5;
    private static final double SH_C0 = 0.28209479177387814;
    private static final double MIN_ROUGHNESS = 0.04;
    static final double INITIAL_ROUGHNESS = 0.5;
    static final double INITIAL_METALLIC = 0.1;

    private MaterialInitialisation() {
    }

    /** [N, 5] logits. */
    public static float[] fromColours(GaussianCloud cloud) {
        int n = cloud.count();
        float[] logits = new float[PARAMETERS * n];
        float roughness = (float) logit((INITIAL_ROUGHNESS - MIN_ROUGHNESS) / (1 - MIN_ROUGHNESS));
        float metallic = (float) logit(INITIAL_METALLIC);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                double display = 0.5 + SH_C0 * cloud.sh[48 * i + c];
                double linear = Srgb.decode(Math.max(0.03, Math.min(0.97, display)));
                logits[PARAMETERS * i + c] = (float) logit(Math.max(0.01, Math.min(0.99, linear)));
            }
            logits[PARAMETERS * i + 3] = roughness;
            logits[PARAMETERS * i + 4] = metallic;
        }
        return logits;
    }

    static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
