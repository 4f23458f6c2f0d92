package dev.splatlight.trainer.eval;

import dev.splatlight.trainer.data.Rgba8Image;
import java.util.List;
import org.joml.Vector3fc;

/**
 * Light a picture shows where its ground truth is empty (alpha 0): the mean over those pixels and the three channels
 * of |prediction − background|, in display space. Floaters that a black background hides under the learned light can
 * light up under another (trio, docs/benchmarks.md); PSNR and SSIM fold that in with everything else.
 */
final class StrayLight {
    private StrayLight() {
    }

    /** @param display [3, H, W] display-space prediction; NaN where {@code truth} has no empty pixel */
    static double of(float[] display, Rgba8Image truth, Vector3fc background) {
        int pixels = truth.width() * truth.height();
        byte[] rgba = truth.pixels();
        double sum = 0;
        int empty = 0;
        for (int p = 0; p < pixels; p++) {
            if (rgba[4 * p + 3] == 0) {
                sum += Math.abs(display[p] - background.x()) + Math.abs(display[pixels + p] - background.y())
                        + Math.abs(display[2 * pixels + p] - background.z());
                empty++;
            }
        }
        return empty == 0 ? Double.NaN : sum / (3.0 * empty);
    }

    /** The mean of the views' values that are numbers (NaN if none is). */
    static double mean(List<Double> perView) {
        return perView.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }
}
