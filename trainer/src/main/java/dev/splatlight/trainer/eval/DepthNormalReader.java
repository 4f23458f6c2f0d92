package dev.splatlight.trainer.eval;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.render.SceneRenderer;
import dev.splatlight.trainer.loss.DepthNormals;
import dev.splatlight.trainer.loss.LossTerms;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * {@link DepthNormals} of each eval render — the per-pixel normals the geometry stage's depth–normal term fits the
 * splats' normals to — recorded into the render's own submission and read back, so that eval can score them beside
 * the splats' blended normals.
 */
final class DepthNormalReader implements AutoCloseable {
    private final Gpu gpu;
    private final ResourceScope resources = new ResourceScope("depth normals for eval");
    private final LossTerms terms;
    private final Map<Long, DepthNormals> bySize = new HashMap<>();

    DepthNormalReader(Gpu gpu) {
        this.gpu = gpu;
        terms = resources.own(new LossTerms(gpu));
    }

    /** What to record after {@code renderer} renders {@code camera}: the normals of its depth. */
    BiConsumer<CommandRecorder, SceneRenderer.Result> after(SceneRenderer renderer, Camera camera) {
        DepthNormals normals = forSize(camera);
        return (commands, result) -> {
            terms.recordReset(commands);
            normals.record(commands, renderer.splatFrameUniforms(), result.gbuffer().depth, terms);
        };
    }

    /** The normals of the last render of {@code camera}'s size, [3, H, W] world space, zero where there is none. */
    float[] read(Camera camera) {
        return forSize(camera).normals().readFloats(3 * camera.width() * camera.height());
    }

    private DepthNormals forSize(Camera camera) {
        return bySize.computeIfAbsent(((long) camera.width() << 32) | camera.height(),
                size -> resources.own(new DepthNormals(gpu, camera.width(), camera.height())));
    }

    @Override
    public void close() {
        resources.close();
    }
}
