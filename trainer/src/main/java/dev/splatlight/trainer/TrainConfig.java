package dev.splatlight.trainer;

import dev.splatlight.trainer.loss.MirrorNormalShares;
import dev.splatlight.trainer.loss.NormalLossWeights;

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
 * @param reflections shade mirror reflections in the geometry stage ({@code --reflections}, off by default):
 *                    per-Gaussian reflection strength and a learned mirror environment (trainer/mirror_reflection.glsl),
 *                    trained on 3DGS-DR's schedule (reflection.ReflectionSchedule); off in {@link #gsIr}
 * @param reflectionNormalWeight how strongly the reflection turns the normals, a factor on its normal gradient
 *                               ({@code --reflection-normal-weight}; 10, 3DGS-DR's 1 × 10)
 * @param reflectionNormalSmoothness the share of the normal smoothness a mirror keeps: each pixel pair's weight is
 *                                   scaled by 1 − (1 − this)·R, R the larger blended reflection strength of the two
 *                                   ({@code --reflection-normal-smoothness}; 1: everywhere alike, as GS-IR)
 * @param reflectionNormalConsistency the share of the depth–normal consistency a mirror keeps: each pixel's weight
 *                                    is scaled by 1 − (1 − this)·R ({@code --reflection-normal-consistency}; 1:
 *                                    everywhere alike, as GS-IR)
 * @param depthNormalCoupling how much of the depth–normal consistency's gradient also moves the rendered depth
 *                            ({@code --depth-normal-coupling}; 0: none, the depth's normals a fixed target, as GS-IR)
 * @param distortionWeight weight of the distortion loss on the blend weights, mean over pixels of
 *                         Σ_ij w_i w_j |z_i − z_j| ({@code --distortion-weight}; 0: off, as GS-IR)
 */
public record TrainConfig(String data, String out, int iterations, boolean whiteBackground, int initialPoints,
                          float initialBound, float ssimWeight, float normalConsistencyWeight, float normalSmoothnessWeight,
                          int checkpointInterval, long seed, String init, boolean reflections,
                          float reflectionNormalWeight, float reflectionNormalSmoothness,
                          float reflectionNormalConsistency, float depthNormalCoupling, float distortionWeight) {

    /** GS-IR's (and 3DGS's) values of the settings {@link #gsIr} does not take. */
    public static final float INITIAL_BOUND = 1.3f, SSIM_WEIGHT = 0.2f, NORMAL_CONSISTENCY_WEIGHT = 1.0f,
            NORMAL_SMOOTHNESS_WEIGHT = 5.0f;
    /**
     * Ten times 3DGS-DR's. The depth-normal losses fit a mirror's normals to its rendered depth, which its reflection,
     * formed inside it, makes wrong (trio's sphere: 40° off per pixel, its splat normals 9°); the reflection's own
     * gradient has to outweigh them (trio, --reflections: sphere normals 8.8–9.1° → 7.6°, albedo 23.0–23.4 → 24.3 dB).
     */
    public static final float REFLECTION_NORMAL_WEIGHT = 10.0f;
    /** GS-IR's: mirrors are smoothed like every other surface. */
    public static final float REFLECTION_NORMAL_SMOOTHNESS = 1.0f;
    /** GS-IR's: mirrors' normals are pulled towards their depth's like every other surface's. */
    public static final float REFLECTION_NORMAL_CONSISTENCY = 1.0f;
    /** Adam's step for the mirror environment's log radiance (the reflection strength's: LearningRates). */
    public static final float MIRROR_ENVIRONMENT_LEARNING_RATE = 0.01f;

    /** A run with GS-IR's loss weights and initial bound: what {@code train} does without those options. */
    public static TrainConfig gsIr(String data, String out, int iterations, boolean whiteBackground, int initialPoints,
                                   int checkpointInterval, long seed, String init) {
        return new TrainConfig(data, out, iterations, whiteBackground, initialPoints, INITIAL_BOUND, SSIM_WEIGHT,
                NORMAL_CONSISTENCY_WEIGHT, NORMAL_SMOOTHNESS_WEIGHT, checkpointInterval, seed, init, false,
                REFLECTION_NORMAL_WEIGHT, REFLECTION_NORMAL_SMOOTHNESS, REFLECTION_NORMAL_CONSISTENCY, 0f, 0f);
    }

    /** This run with reflections in the geometry stage on or off. */
    public TrainConfig withReflections(boolean on) {
        return new TrainConfig(data, out, iterations, whiteBackground, initialPoints, initialBound, ssimWeight,
                normalConsistencyWeight, normalSmoothnessWeight, checkpointInterval, seed, init, on, reflectionNormalWeight,
                reflectionNormalSmoothness, reflectionNormalConsistency, depthNormalCoupling, distortionWeight);
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
        return new NormalLossWeights(normalConsistencyWeight, normalSmoothnessWeight,
                reflections ? new MirrorNormalShares(reflectionNormalConsistency, reflectionNormalSmoothness) : null,
                depthNormalCouplingAt(iteration));
    }

    /** Feature channels the geometry stage blends: the normal, and the reflection strength with reflections. */
    public int geometryFeatureChannels() {
        return reflections ? 4 : 3;
    }

    public TrainConfig {
        if (iterations < 1) {
            throw new IllegalArgumentException("--iterations must be at least 1, got " + iterations);
        }
        if (checkpointInterval < 1) {
            throw new IllegalArgumentException("--checkpoint-every must be at least 1, got " + checkpointInterval);
        }
        if (!(reflectionNormalWeight >= 0)) {
            throw new IllegalArgumentException("--reflection-normal-weight must be at least 0, got " + reflectionNormalWeight);
        }
        if (!(reflectionNormalSmoothness >= 0 && reflectionNormalSmoothness <= 1)) {
            throw new IllegalArgumentException("--reflection-normal-smoothness must be in [0, 1], got " + reflectionNormalSmoothness);
        }
        if (!(reflectionNormalConsistency >= 0 && reflectionNormalConsistency <= 1)) {
            throw new IllegalArgumentException("--reflection-normal-consistency must be in [0, 1], got "
                    + reflectionNormalConsistency);
        }
        if (!(depthNormalCoupling >= 0)) {
            throw new IllegalArgumentException("--depth-normal-coupling must be at least 0, got " + depthNormalCoupling);
        }
        if (!(distortionWeight >= 0)) {
            throw new IllegalArgumentException("--distortion-weight must be at least 0, got " + distortionWeight);
        }
        if (initialPoints < 1) {
            throw new IllegalArgumentException("--initial-points must be at least 1, got " + initialPoints);
        }
    }
}
