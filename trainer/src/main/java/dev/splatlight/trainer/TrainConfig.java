package dev.splatlight.trainer;

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
 */
public record TrainConfig(String data, String out, int iterations, boolean whiteBackground, int initialPoints,
                          float initialBound, float ssimWeight, float normalConsistencyWeight, float normalSmoothnessWeight,
                          int checkpointInterval, long seed, String init) {

    /** GS-IR's (and 3DGS's) values of the settings {@link #gsIr} does not take. */
    public static final float INITIAL_BOUND = 1.3f, SSIM_WEIGHT = 0.2f, NORMAL_CONSISTENCY_WEIGHT = 1.0f,
            NORMAL_SMOOTHNESS_WEIGHT = 5.0f;

    /** A run with GS-IR's loss weights and initial bound: what {@code train} does without those options. */
    public static TrainConfig gsIr(String data, String out, int iterations, boolean whiteBackground, int initialPoints,
                                   int checkpointInterval, long seed, String init) {
        return new TrainConfig(data, out, iterations, whiteBackground, initialPoints, INITIAL_BOUND, SSIM_WEIGHT,
                NORMAL_CONSISTENCY_WEIGHT, NORMAL_SMOOTHNESS_WEIGHT, checkpointInterval, seed, init);
    }

    public TrainConfig {
        if (iterations < 1) {
            throw new IllegalArgumentException("--iterations must be at least 1, got " + iterations);
        }
        if (checkpointInterval < 1) {
            throw new IllegalArgumentException("--checkpoint-every must be at least 1, got " + checkpointInterval);
        }
        if (initialPoints < 1) {
            throw new IllegalArgumentException("--initial-points must be at least 1, got " + initialPoints);
        }
    }
}
