package dev.splatlight.trainer.densify;

/**
 * 3DGS's adaptive density control (Kerbl et al. 2023, §5.2) and its schedule.
 *
 * @param gradientThreshold clone or split where the mean |∂L/∂centre| (NDC) reaches this
 * @param percentDense a Gaussian whose largest scale is at most this × scene extent is cloned, else split
 * @param minOpacity prune below this opacity
 * @param maxScreenRadius after the first opacity reset, prune Gaussians whose screen radius exceeded this (pixels)
 * @param maxWorldScale prune Gaussians whose largest scale exceeds this × scene extent (with the screen rule)
 */
public record DensificationSettings(float gradientThreshold, float percentDense, float minOpacity, float maxScreenRadius,
                                    float maxWorldScale, int interval, int from, int until, int opacityResetInterval) {
    public static final DensificationSettings GAUSSIAN_SPLATTING =
            new DensificationSettings(2e-4f, 0.01f, 0.005f, 20f, 0.1f, 100, 500, 15_000, 3000);

    public boolean densifiesAt(int iteration) {
        return iteration > from && iteration < until && iteration % interval == 0;
    }

    public boolean resetsOpacityAt(int iteration) {
        return iteration < until && iteration % opacityResetInterval == 0;
    }
}
