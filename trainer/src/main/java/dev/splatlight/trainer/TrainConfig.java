package dev.splatlight.trainer;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.splatlight.trainer.loss.NormalLossWeights;
import dev.splatlight.trainer.reflection.ReflectionSettings;

/**
 * Everything that determines a training run; written to {@code <out>/train-config.json} so the run can be repeated.
 *
 * @param iterations geometry-stage iterations (GS-IR: 30000)
 * @param whiteBackground composite RGBA photos on white instead of black
 * @param initialPoints random initial Gaussians of object scenes without SfM points (3DGS: 100000)
 * @param initialBound half size of the cube they are drawn in (3DGS: 1.3)
 * @param ssimWeight λ in (1 − λ)·L1 + λ·(1 − SSIM)
 * @param normalConsistencyWeight weight of L1(rendered normal, normal from depth)
 * @param normalSmoothnessWeight weight of the edge-aware total variation of the rendered normals
 * @param checkpointInterval write a checkpoint every this many iterations (and at the end)
 * @param seed seeds the initial points, the view order and the split samples
 * @param init a mesh or point cloud the Gaussians start from ({@code --init}), or null for the dataset's points or
 *             random points
 * @param reflection the geometry stage's mirror reflections and their tuning (its JSON fields sit beside these)
 * @param depthNormalCoupling how much of the depth–normal consistency's gradient also moves the rendered depth
 *                            ({@code --depth-normal-coupling}; 0: none, the depth's normals a fixed target, as GS-IR;
 *                            {@link #defaultDepthNormalCoupling} what {@code train} does without the option)
 * @param distortionWeight weight of the distortion loss on the blend weights, mean over pixels of
 *                         Σ_ij w_i w_j |z_i − z_j| ({@code --distortion-weight}; 0: off, as GS-IR)
 * @param alphaWeight weight of mean |rendered opacity − photo alpha| ({@code --alpha-weight}; 0: off, as GS-IR;
 *                    {@link #defaultAlphaWeight} what {@code train} does without the option)
 */
public record TrainConfig(String data, String out, int iterations, boolean whiteBackground, int initialPoints,
                          float initialBound, float ssimWeight, float normalConsistencyWeight, float normalSmoothnessWeight,
                          int checkpointInterval, long seed, String init, @JsonUnwrapped ReflectionSettings reflection,
                          float depthNormalCoupling, float distortionWeight, float alphaWeight) {

    /** GS-IR's (and 3DGS's) values of the settings {@link #gsIr} does not take. */
    public static final float INITIAL_BOUND = 1.3f, SSIM_WEIGHT = 0.2f, NORMAL_CONSISTENCY_WEIGHT = 1.0f,
            NORMAL_SMOOTHNESS_WEIGHT = 5.0f;
    /** Adam's step for the mirror environment's log radiance (the reflection strength's: LearningRates). */
    public static final float MIRROR_ENVIRONMENT_LEARNING_RATE = 0.01f;

    /**
     * {@code --depth-normal-coupling}'s default without {@code --reflections}. Trio (H200, whole pipeline, three runs):
     * normals 9.7° → 7.0–7.1°, albedo 21.6 → 22.2–22.4 dB, relighting 23.2–23.4 → 23.6–23.8 dB, PBR +0.1 dB, radiance
     * NVS −0.05 dB, 17 % fewer Gaussians and a geometry stage 12 % faster; 0.1 gave 8.6°.
     */
    public static final float DEPTH_NORMAL_COUPLING = 0.05f;

    /**
     * The depth coupling {@code train} uses unless told: {@link #DEPTH_NORMAL_COUPLING}, but none with reflections and
     * no alpha term. With reflections it puts trio's mirror on its surface (albedo 24.3 → 25.6–25.9 dB, relighting
     * 24.6 → 25.8–26.1 dB, normals 7.4° → 5.6–5.7°; radiance −1.6 dB, the sphere's look on its own surface being
     * beyond SH colour); without the alpha term, in two of five runs a faint sheet of Gaussians grew in the empty
     * background, black in the photos and lit by relighting (relit SSIM 0.90 → 0.79–0.85); with it (0.1), in none of
     * four.
     */
    public static float defaultDepthNormalCoupling(boolean reflections, float alphaWeight) {
        return reflections && alphaWeight == 0 ? 0f : DEPTH_NORMAL_COUPLING;
    }

    /**
     * {@code --alpha-weight}'s default for photos whose alpha marks the background. Trio (H200, whole pipeline, two
     * runs): albedo 22.4 → 23.4–23.6 dB, normals 7.0° → 6.5–6.6°, relighting 23.8 → 24.0 dB, PBR +0.2 dB, radiance NVS
     * −0.1 dB, 3 % more time; with {@code --reflections} it keeps the background empty (above).
     */
    public static final float ALPHA_WEIGHT = 0.1f;

    /** The alpha term {@code train} uses unless told: {@link #ALPHA_WEIGHT}, or none for photos opaque everywhere. */
    public static float defaultAlphaWeight(boolean photosHaveTransparency) {
        return photosHaveTransparency ? ALPHA_WEIGHT : 0f;
    }

    /** A run with GS-IR's loss weights and initial bound and no depth coupling. */
    public static TrainConfig gsIr(String data, String out, int iterations, boolean whiteBackground, int initialPoints,
                                   int checkpointInterval, long seed, String init) {
        return new TrainConfig(data, out, iterations, whiteBackground, initialPoints, INITIAL_BOUND, SSIM_WEIGHT,
                NORMAL_CONSISTENCY_WEIGHT, NORMAL_SMOOTHNESS_WEIGHT, checkpointInterval, seed, init, ReflectionSettings.OFF, 0f, 0f, 0f);
    }

    /** This run with reflections in the geometry stage on or off. */
    public TrainConfig withReflections(boolean on) {
        return withReflection(reflection.switchedOn(on));
    }

    /** This run with the geometry stage's reflection settings {@code settings}. */
    public TrainConfig withReflection(ReflectionSettings settings) {
        return new TrainConfig(data, out, iterations, whiteBackground, initialPoints, initialBound, ssimWeight,
                normalConsistencyWeight, normalSmoothnessWeight, checkpointInterval, seed, init, settings,
                depthNormalCoupling, distortionWeight, alphaWeight);
    }

    /** This run with the alpha term's weight {@code weight}. */
    public TrainConfig withAlphaWeight(float weight) {
        return new TrainConfig(data, out, iterations, whiteBackground, initialPoints, initialBound, ssimWeight,
                normalConsistencyWeight, normalSmoothnessWeight, checkpointInterval, seed, init, reflection,
                depthNormalCoupling, distortionWeight, weight);
    }

    /** This run with the depth coupling {@code coupling}. */
    public TrainConfig withDepthNormalCoupling(float coupling) {
        return new TrainConfig(data, out, iterations, whiteBackground, initialPoints, initialBound, ssimWeight,
                normalConsistencyWeight, normalSmoothnessWeight, checkpointInterval, seed, init, reflection,
                coupling, distortionWeight, alphaWeight);
    }

    /**
     * Where {@code --depth-normal-coupling} starts, as a share of the run: as 2DGS (7,000 of 30,000 iterations), once
     * the geometry has settled — from the start it wrecks training (mini, δ 1: NVS 24 → 11 dB).
     */
    public static final float DEPTH_NORMAL_COUPLING_START = 0.25f;

    /** The depth coupling at (1-based) iteration {@code iteration}: 0 until {@link #DEPTH_NORMAL_COUPLING_START}. */
    public float depthNormalCouplingAt(int iteration) {
        return iteration > DEPTH_NORMAL_COUPLING_START * iterations ? depthNormalCoupling : 0;
    }

    /** The normal terms' weights at (1-based) iteration {@code iteration}; mirrors' shares only with reflections. */
    public NormalLossWeights normalLossWeights(int iteration) {
        return new NormalLossWeights(normalConsistencyWeight, normalSmoothnessWeight, reflection.mirrorShares(),
                depthNormalCouplingAt(iteration));
    }

    /** Feature channels the geometry stage blends: the normal, and the reflection strength with reflections. */
    public int geometryFeatureChannels() {
        return reflection.on() ? 4 : 3;
    }

    public TrainConfig {
        if (iterations < 1) {
            throw new IllegalArgumentException("--iterations must be at least 1, got " + iterations);
        }
        if (checkpointInterval < 1) {
            throw new IllegalArgumentException("--checkpoint-every must be at least 1, got " + checkpointInterval);
        }
        if (reflection == null) {
            throw new IllegalArgumentException("the reflection settings are missing");
        }
        if (!(depthNormalCoupling >= 0)) {
            throw new IllegalArgumentException("--depth-normal-coupling must be at least 0, got " + depthNormalCoupling);
        }
        if (!(distortionWeight >= 0)) {
            throw new IllegalArgumentException("--distortion-weight must be at least 0, got " + distortionWeight);
        }
        if (!(alphaWeight >= 0)) {
            throw new IllegalArgumentException("--alpha-weight must be at least 0, got " + alphaWeight);
        }
        if (initialPoints < 1) {
            throw new IllegalArgumentException("--initial-points must be at least 1, got " + initialPoints);
        }
    }
}
