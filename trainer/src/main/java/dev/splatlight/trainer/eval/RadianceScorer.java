package dev.splatlight.trainer.eval;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.splat.GaussianBuffers;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.splat.RasterSettings;
import dev.splatlight.core.splat.RasterTargets;
import dev.splatlight.core.splat.SplatRasterizer;
import dev.splatlight.trainer.data.TrainingView;
import dev.splatlight.trainer.loss.LossTerms;
import dev.splatlight.trainer.stage.TargetImages;
import java.util.List;
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

    private final Vector3f background;
    private final ResourceScope scope = new ResourceScope("radiance scoring");
    private final GaussianBuffers splats;
    private final SplatRasterizer rasterizer;
    private final TargetImages targets;
    private final ImageComparison comparison;

    RadianceScorer(Gpu gpu, GaussianCloud cloud, List<TrainingView> views, boolean whiteBackground) {
        this.background = whiteBackground ? new Vector3f(1) : new Vector3f(0);
        try {
            splats = scope.own(GaussianBuffers.uploadWithNormals(gpu, cloud));
            rasterizer = scope.own(new SplatRasterizer(gpu, 3));
            targets = scope.own(new TargetImages(gpu, views));
            comparison = scope.own(new ImageComparison(gpu));
        } catch (RuntimeException e) {
            scope.close();
            throw e;
        }
    }

    /** Renders from {@code camera} and compares with view {@code view}'s photo (the camera has that photo's size). */
    Score score(int view, Camera camera) {
        int w = camera.width(), h = camera.height();
        RasterTargets rendered = rasterizer.render(splats, camera, RasterSettings.of(3, background));
        return new Score(rendered, comparison.sums(rendered.color, targets.get(view), w, h, background), w, h);
    }

    @Override
    public void close() {
        scope.close();
    }
}
