package dev.splatlight.trainer.densify;

/**
 * 3DGS's adaptive density control (Kerbl et al. 2023, §5.2) and its schedule.
 *
 * @param gradientThreshold clone or split where the mean |∂L/∂centre| (NDC) reaches this
 * @param percentDense a Gaussian whose largest scale is at most this × scene extent is cloned, else split
 * @param minOpacity prune below this opacity
 * @param maxScreenRadius after the first opacity reset, prune Gaussians whose screen radius exceeded this (pixels);
 *        infinite in {@link #GAUSSIAN_SPLATTING}, as 3DGS was evaluated
 * @param maxWorldScale prune Gaussians whose largest scale exceeds this × scene extent (with the screen rule)
 */
public record DensificationSettings(float gradientThreshold, float percentDense, float minOpacity, float maxScreenRadius,
                                    float maxWorldScale, int interval, int from, int until, int opacityResetInterval) {
    /**
     * 3DGS's settings as its published results were obtained: its screen-size rule (20 px) never fires there,
     * because the radii are cleared by the clone/split step before the prune reads them, and its authors keep it so
     * (graphdeco-inria/gaussian-splatting#123).
     */
    public static final DensificationSettings GAUSSIAN_SPLATTING =
            new DensificationSettings(2e-4f, 0.01f, 0.005f, Float.POSITIVE_INFINITY, 0.1f, 100, 500, 15_000, 3000);

    public DensificationSettings withMaxScreenRadius(float pixels) {
        return new DensificationSettings(gradientThreshold, percentDense, minOpacity, pixels, maxWorldScale, interval, from,
                until, opacityResetInterval);
    }

    /**
     * Whether iteration {@code iteration} of a run ending at {@code last} densifies. Never the last: its new Gaussians
     * would be written untrained (3DGS's schedule alone would, in a run of, say, 3000 iterations).
     */
    public boolean densifiesAt(int iteration, int last) {
        return iteration > from && iteration < until && iteration % interval == 0 && iteration < last;
    }

    /**
     * Whether iteration {@code iteration} of a run ending at {@code last} resets opacities. Never the last: the asset
     * would be left nearly transparent (a 3000-iteration trio run on 3DGS's schedule evaluated at 12.6 dB, not ~30).
     */
    public boolean resetsOpacityAt(int iteration, int last) {
        return iteration < until && iteration % opacityResetInterval == 0 && iteration < last;
    }
}
