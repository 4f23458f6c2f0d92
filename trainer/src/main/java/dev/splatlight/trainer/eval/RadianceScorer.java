package dev.splatlight.trainer.eval;

import dev.splatlight.core.camera.Camera;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.joml.Vector3f;

/**
 * Renders a Gaussian cloud's radiance from a camera and compares it with one view's photo on the GPU: the loss sums
 * (L1, SSIM, squared error) of {@link LossTerms}. The novel-view metrics and test-time pose alignment both use it.
 */
final class RadianceScorer implements AutoCloseable {
    /** A render and its sums against the photo, over {@code 3 · width · height} values. */
    record Score(RasterTargets rendered, float[] sums, int width, int height) {
        double values() {
            return 3.0 * width * height;
        }
    }

    private final Gpu gpu;
    private final Vector3f background;
    private final ResourceScope scope = new ResourceScope("radiance scoring");
    private final GaussianBuffers splats;
    private final SplatRasterizer rasterizer;
    private final TargetImages targets;
    private final LossTerms terms;
    private final Map<Long, PhotometricLoss> lossBySize = new HashMap<>();   // SSIM scratch once per image size
    private final Map<Long, GpuBuffer> gradientBySize = new HashMap<>();

    RadianceScorer(Gpu gpu, GaussianCloud cloud, List<TrainingView> views, boolean whiteBackground) {
        this.gpu = gpu;
        this.background = whiteBackground ? new Vector3f(1) : new Vector3f(0);
        try {
            splats = scope.own(GaussianBuffers.uploadWithNormals(gpu, cloud));
            rasterizer = scope.own(new SplatRasterizer(gpu, 3));
            targets = scope.own(new TargetImages(gpu, views));
            terms = scope.own(new LossTerms(gpu));
        } catch (RuntimeException e) {
            scope.close();
            throw e;
        }
    }

    /** Renders from {@code camera} and compares with view {@code view}'s photo (the camera has that photo's size). */
    Score score(int view, Camera camera) {
        int w = camera.width(), h = camera.height();
        long size = ((long) w << 32) | h;
        PhotometricLoss loss = lossBySize.computeIfAbsent(size, k -> scope.own(new PhotometricLoss(gpu, w, h, 0.2f)));
        GpuBuffer unusedGradient = gradientBySize.computeIfAbsent(size,
                k -> scope.own(GpuBuffer.create(gpu, "scoring gradient [3, H, W] f32", 12L * w * h, MemoryKind.DEVICE)));
        RasterTargets rendered = rasterizer.render(splats, camera, RasterSettings.of(3, background));
        GpuBuffer target = targets.get(view);
        gpu.submitAndWait(commands -> {
            terms.recordReset(commands);
            commands.barrier();
            loss.record(commands, rendered.color, target, background, unusedGradient, terms);
        });
        return new Score(rendered, terms.read(), w, h);
    }

    @Override
    public void close() {
        scope.close();
    }
}
