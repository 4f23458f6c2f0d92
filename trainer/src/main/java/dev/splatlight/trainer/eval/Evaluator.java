package dev.splatlight.trainer.eval;

import dev.splatlight.core.asset.PngFiles;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.trainer.data.TrainingView;
import dev.splatlight.trainer.loss.LossTerms;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Novel-view metrics of an asset on a dataset's test views: PSNR (over all pixels and channels of each image, then
 * averaged over views, as 3DGS's metrics) and SSIM (11×11 Gaussian window), with each render saved as PNG.
 */
public final class Evaluator {
    /** Metrics of one view. */
    public record ViewMetrics(String name, double psnr, double ssim) {
    }

    private Evaluator() {
    }

    public static List<ViewMetrics> evaluate(Gpu gpu, GaussianCloud cloud, List<TrainingView> views, boolean whiteBackground,
                                             Path imageDir) {
        return evaluate(gpu, cloud, views, whiteBackground, imageDir, EvalProgress.NONE);
    }

    /** Each view's radiance render against its photo, each render counted on {@code progress}. */
    public static List<ViewMetrics> evaluate(Gpu gpu, GaussianCloud cloud, List<TrainingView> views, boolean whiteBackground,
                                             Path imageDir, EvalProgress progress) {
        List<ViewMetrics> metrics = new ArrayList<>();
        try (RadianceScorer scorer = new RadianceScorer(gpu, cloud, views, whiteBackground)) {
            for (int v = 0; v < views.size(); v++) {
                TrainingView view = views.get(v);
                RadianceScorer.Score score = scorer.score(v, view.camera());
                metrics.add(new ViewMetrics(view.name(), LossTerms.psnr(score.sums(), score.values()),
                        score.sums()[LossTerms.SSIM] / score.values()));
                writePng(imageDir.resolve(view.name() + ".png"), score.rendered().read(score.rendered().color, 3), score.width(),
                        score.height());
                progress.rendered("radiance");
            }
        }
        return metrics;
    }

    /** Writes a planar [3, H, W] image in [0, 1] as an 8-bit RGB PNG. */
    public static void writePng(Path file, float[] planar, int w, int h) {
        byte[] pixels = new byte[3 * w * h];
        for (int p = 0; p < w * h; p++) {
            for (int c = 0; c < 3; c++) {
                pixels[3 * p + c] = (byte) Math.round(255 * Math.max(0, Math.min(1, planar[c * w * h + p])));
            }
        }
        try {
            PngFiles.write(file, pixels, w, h, 3);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file, e);
        }
    }
}
