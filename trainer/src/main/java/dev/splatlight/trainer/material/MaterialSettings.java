package dev.splatlight.trainer.material;

/**
 * The material stage's settings (design.md §1.3; GS-IR stage 2).
 *
 * @param iterations               material-stage iterations (GS-IR: 5000)
 * @param environmentResolution    face size of the learned cubemap light (design: 256)
 * @param irradianceResolution     probes per axis of the learned indirect-light volume (design: 64); 0 turns indirect light off
 * @param gamma                    compare sRGB(shaded) with the photos (GS-IR's --gamma)
 * @param smoothnessWeight         edge-aware TV of log albedo, roughness and metallic (GS-IR: 1.0 on albedo itself; a
 *                                 difference of log albedo is 2–4× the difference of a typical albedo, hence 0.25)
 * @param priorWeight              mean(1 − roughness) + mean(metallic) (design: 0.001)
 * @param environmentSmoothness    TV of the learned environment (design: 0.01)
 * @param materialLearningRate     Adam rate of the material logits (GS-IR: 0.01). At 0.01 the stage is not converged in
 *                                 5,000 iterations: on trio 0.03 gains 1.0 dB of albedo (1.4 dB with reflections)
 *                                 for the same PBR image, and the light stops taking the materials' part below the horizon
 * @param environmentLearningRate  Adam rate of the environment's radiance
 * @param irradianceLearningRate   Adam rate of the irradiance volume
 * @param specularSamples          GGX samples per prefiltered texel (forward and adjoint)
 * @param checkpointInterval       iterations between checkpoints
 * @param glossyInitialisation     start Gaussians whose geometry-stage colour depends on the view as glossy metal
 * @param medianAlbedo             the exposure prior: start light and albedo so that the median Gaussian's albedo is this
 *                                 (0: albedo = the photos' linear colour, light GS-IR's 0.25–0.75)
 * @param normalLearningRate       Adam rate of the normals through the shading (0: normals fixed, as GS-IR). On trio
 *                                 0.01 brings the normals from 10.6° to 9.7° and relighting up 0.5 dB; 0.01–0.1 behave
 *                                 alike (Adam), the anchor decides how far they move
 * @param normalAnchor             weight of mean over Gaussians of (1 − n·n₀), n₀ the normal the stage started from; on
 *                                 trio 10 keeps them almost fixed (10.5°), 0.1 is best for normals, 0.01 lets them drift
 *                                 (13.2°) and 0 ruins them (24.8°)
 * @param sunLobes                 spherical-Gaussian lobes added to the learned light ({@link SunLobes}; 0: none, as GS-IR)
 * @param lightStart               an HDRI (equirect, the datasets' convention) the learned light starts from instead, or
 *                                 null; with {@code environmentLearningRate} 0 the stage learns materials under it,
 *                                 held fixed (known lighting)
 * @param clipMargin               what a photo channel clipped at 255 asks of the shaded image, in display units above 1:
 *                                 at least 1 + margin (0, GS-IR: at least 1). A clipped channel only says "this bright or
 *                                 brighter", so with 0 the stage settles where its priors pull it, at the bound: too dark
 * @param specularOcclusion        occlude the specular lobe too (light/occlusion.glsl; GS-IR: no), so that a mirror's
 *                                 materials need not make up for the environment shown where its neighbours stand
 * @param tracedReflections        glossy pixels trace their reflected ray through the Gaussians and show what it meets
 *                                 (core SceneReflections; its radiance held in the backward, as the occlusion is), so
 *                                 that a mirror's materials need not make up for the neighbours it reflects
 * @param rateDecay                every learning rate of the stage at its last iteration as a share of its first,
 *                                 reached exponentially ({@link #rateScale}; 1: constant, as GS-IR). Adam's steps keep a
 *                                 constant rate's size to the end, so the last iterate carries that jitter
 */
public record MaterialSettings(int iterations, int environmentResolution, int irradianceResolution, boolean gamma,
                               float smoothnessWeight, float priorWeight, float environmentSmoothness,
                               float materialLearningRate, float environmentLearningRate, float irradianceLearningRate,
                               int specularSamples, int checkpointInterval, boolean glossyInitialisation,
                               float medianAlbedo, float normalLearningRate, float normalAnchor, int sunLobes,
                               String lightStart, float clipMargin, boolean specularOcclusion, boolean tracedReflections,
                               float rateDecay) {
    public static final int MAX_SUN_LOBES = 8;
    public static final float MATERIAL_LEARNING_RATE = 0.03f, NORMAL_LEARNING_RATE = 0.01f, NORMAL_ANCHOR = 0.1f;
    public static final float SMOOTHNESS_WEIGHT = 0.25f, PRIOR_WEIGHT = 0.001f, ENVIRONMENT_SMOOTHNESS = 0.01f;
    public static final float RATE_DECAY = 1f;
    /** What {@code train} uses unless told otherwise: GS-IR's stage 2, with the normals learned through the shading. */
    public static final MaterialSettings DEFAULTS = new MaterialSettings(5000, 256, 64, true, SMOOTHNESS_WEIGHT,
            PRIOR_WEIGHT, ENVIRONMENT_SMOOTHNESS, MATERIAL_LEARNING_RATE, 0.01f, 0.01f, 128, 1000, true, 0f, NORMAL_LEARNING_RATE,
            NORMAL_ANCHOR, 0, null, 0f, false, false, RATE_DECAY);

    /**
     * {@code --normal-lr}'s default: {@link #NORMAL_LEARNING_RATE}, but none with {@code --reflections}, whose geometry
     * stage has turned the mirrors' normals by their reflections already. On trio (H200, one geometry, traced, specular
     * occlusion, 2026-12-02) 0.003 / 0.001 / 0 relit at 27.66 / 27.75 / 27.82–27.86 dB, PBR 32.65 / 32.90 / 32.95 dB.
     */
    public static float defaultNormalLearningRate(boolean reflections) {
        return reflections ? 0f : NORMAL_LEARNING_RATE;
    }

    /**
     * {@code --traced-reflections}' and {@code --specular-occlusion}'s default: on with {@code --reflections}, which
     * gives mirrors a surface worth tracing (trio: traced +0.4 dB relighting, specular occlusion +0.1 dB more), off
     * without it (trio: traced −0.2 dB, specular occlusion −0.56 dB).
     */
    public static boolean defaultGlossyShading(boolean reflections) {
        return reflections;
    }

    public MaterialSettings {
        if (iterations < 0) {
            throw new IllegalArgumentException("--material-iterations must be at least 0, got " + iterations);
        }
        if (environmentResolution < 32 || Integer.bitCount(environmentResolution) != 1) {
            throw new IllegalArgumentException("--environment-resolution must be a power of two ≥ 32, got " + environmentResolution);
        }
        if (irradianceResolution == 1 || irradianceResolution < 0 || irradianceResolution > 256) {
            throw new IllegalArgumentException("--irradiance-resolution must be 0 (off) or 2..256, got " + irradianceResolution);
        }
        if (!(smoothnessWeight >= 0) || !(priorWeight >= 0) || !(environmentSmoothness >= 0)) {
            throw new IllegalArgumentException("--material-smoothness, --material-prior and --environment-smoothness must be "
                    + "at least 0, got " + smoothnessWeight + ", " + priorWeight + ", " + environmentSmoothness);
        }
        if (!(normalLearningRate >= 0) || !(normalAnchor >= 0)) {
            throw new IllegalArgumentException("--normal-lr and --normal-anchor must be at least 0, got " + normalLearningRate
                    + ", " + normalAnchor);
        }
        if (sunLobes < 0 || sunLobes > MAX_SUN_LOBES) {
            throw new IllegalArgumentException("--sun-lobes must be in 0.." + MAX_SUN_LOBES + ", got " + sunLobes);
        }
        if (checkpointInterval < 1) {
            throw new IllegalArgumentException("--checkpoint-every must be at least 1, got " + checkpointInterval);
        }
        if (!(clipMargin >= 0 && clipMargin <= 1)) {
            throw new IllegalArgumentException("--clip-margin must be in [0, 1], got " + clipMargin);
        }
        if (!(rateDecay > 0 && rateDecay <= 1)) {
            throw new IllegalArgumentException("--material-rate-decay must be in (0, 1] (1: constant rates), got " + rateDecay);
        }
        if (!(medianAlbedo >= 0 && medianAlbedo < 1)) {
            throw new IllegalArgumentException("--median-albedo must be in [0, 1) (0 turns the prior off), got " + medianAlbedo);
        }
    }

    public MaterialSettings withIterations(int n) {
        return new MaterialSettings(n, environmentResolution, irradianceResolution, gamma, smoothnessWeight, priorWeight,
                environmentSmoothness, materialLearningRate, environmentLearningRate, irradianceLearningRate, specularSamples,
                checkpointInterval, glossyInitialisation, medianAlbedo, normalLearningRate, normalAnchor, sunLobes, lightStart,
                clipMargin, specularOcclusion, tracedReflections, rateDecay);
    }

    public MaterialSettings withClipMargin(float margin) {
        return new MaterialSettings(iterations, environmentResolution, irradianceResolution, gamma, smoothnessWeight,
                priorWeight, environmentSmoothness, materialLearningRate, environmentLearningRate, irradianceLearningRate,
                specularSamples, checkpointInterval, glossyInitialisation, medianAlbedo, normalLearningRate, normalAnchor,
                sunLobes, lightStart, margin, specularOcclusion, tracedReflections, rateDecay);
    }

    /** What the rates are multiplied by at iteration 1..{@link #iterations}: 1 at the first, {@link #rateDecay} at the last. */
    public float rateScale(int iteration) {
        double progress = iterations > 1 ? Math.min(1, Math.max(0, (iteration - 1) / (double) (iterations - 1))) : 1;
        return (float) Math.pow(rateDecay, progress);
    }

    /** Whether the stage learns the normals too. */
    public boolean learnsNormals() {
        return normalLearningRate > 0;
    }

    public boolean indirect() {
        return irradianceResolution > 0;
    }
}
