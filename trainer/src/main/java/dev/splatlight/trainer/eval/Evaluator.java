package dev.splatlight.trainer.eval;

import dev.splatlight.core.asset.PngFiles;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.splat.GaussianBuffers;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.splat.RasterSettings;
import dev.splatlight.core.splat.RasterTargets;
import dev.splatlight.core.splat.SplatRasterizer;
import dev.splatlight.trainer.data.TrainingView;
import dev.splatlight.trainer.loss.LossTerms;
import dev.splatlight.trainer.loss.PhotometricLoss;
import dev.splatlight.trainer.stage.TargetImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.joml.Vector3f;

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
        Vector3f background = whiteBackground ? new Vector3f(1) : new Vector3f(0);
        List<ViewMetrics> metrics = new ArrayList<>();
        // SSIM scratch and pipelines once per image size, not per view.
        java.util.Map<Long, PhotometricLoss> lossBySize = new java.util.HashMap<>();
        java.util.Map<Long, GpuBuffer> gradientBySize = new java.util.HashMap<>();
        try (ResourceScope scope = new ResourceScope("evaluation");
             GaussianBuffers splats = scope.own(GaussianBuffers.uploadWithNormals(gpu, cloud));
             SplatRasterizer rasterizer = scope.own(new SplatRasterizer(gpu, 3));
             TargetImages targets = scope.own(new TargetImages(gpu, views));
             LossTerms terms = scope.own(new LossTerms(gpu))) {
            for (int v = 0; v < views.size(); v++) {
                TrainingView view = views.get(v);
                int w = view.camera().width(), h = view.camera().height();
                long size = ((long) w << 32) | h;
                PhotometricLoss loss = lossBySize.computeIfAbsent(size, k -> scope.own(new PhotometricLoss(gpu, w, h, 0.2f)));
                GpuBuffer unusedGradient = gradientBySize.computeIfAbsent(size,
                        k -> scope.own(GpuBuffer.create(gpu, "eval gradient [3, H, W] f32", 3L * w * h * 4, MemoryKind.DEVICE)));
                RasterTargets rendered = rasterizer.render(splats, view.camera(), RasterSettings.of(3, background));
                GpuBuffer target = targets.get(v);
                gpu.submitAndWait(commands -> {
                    terms.recordReset(commands);
                    commands.barrier();
                    loss.record(commands, rendered.color, target, background, unusedGradient, terms);
                });
                float[] sums = terms.read();
                double values = 3.0 * w * h;
                metrics.add(new ViewMetrics(view.name(), LossTerms.psnr(sums, values), sums[LossTerms.SSIM] / values));
                writePng(imageDir.resolve(view.name() + ".png"), rendered.read(rendered.color, 3), w, h);
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
