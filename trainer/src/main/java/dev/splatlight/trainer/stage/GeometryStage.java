package dev.splatlight.trainer.stage;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.GpuPhaseTimer;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.splat.RasterSettings;
import dev.splatlight.core.splat.SplatRasterizer;
import dev.splatlight.trainer.TrainConfig;
import dev.splatlight.trainer.checkpoint.Checkpoint;
import dev.splatlight.trainer.data.Dataset;
import dev.splatlight.trainer.data.TrainingView;
import dev.splatlight.trainer.densify.DefaultDensification;
import dev.splatlight.trainer.densify.DensificationSettings;
import dev.splatlight.trainer.init.GaussianInitializer;
import dev.splatlight.trainer.model.GaussianState;
import dev.splatlight.trainer.model.LearningRates;
import dev.splatlight.trainer.model.TrainableGaussians;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.joml.Vector3f;

/**
 * GS-IR's geometry stage ("stage 1"): 3DGS optimisation with per-Gaussian normals, the photometric loss, normal
 * consistency with the depth-derived normals and edge-aware normal smoothness; densification and opacity resets on
 * 3DGS's schedule; SH degree raised every 1000 iterations. Deterministic for a seed, so a resumed run continues as
 * the uninterrupted one would.
 */
public final class GeometryStage {
    public static final String CHECKPOINT_FILE = "checkpoint.bin";
    private static final int PROGRESS_EVERY = 10;
    private static final int PROFILE_EVERY = 500; // iterations between GPU-timestamped steps

    /** What the stage produced and how it went. */
    public record Result(GaussianState state, int iterations, double seconds, int peakGaussians, float lastLoss, float lastPsnr,
                         Map<String, Double> meanPhaseMillis) {
    }

    /** Receives progress: iteration, loss, PSNR, Gaussian count; and what each densification did. */
    public interface Progress {
        void update(int iteration, float loss, float psnr, int gaussians);

        default void densified(int iteration, DefaultDensification.Outcome outcome) {
        }
    }

    private GeometryStage() {
    }

    /** Half the spread of the training cameras × 1.1 (3DGS's scene extent, for learning rates and densification). */
    public static float sceneExtent(List<TrainingView> views) {
        Vector3f center = new Vector3f();
        views.forEach(v -> center.add(v.camera().position()));
        center.div(views.size());
        float radius = 0;
        for (TrainingView view : views) {
            radius = Math.max(radius, view.camera().position().distance(center));
        }
        return 1.1f * Math.max(radius, 1e-3f);
    }

    public static GaussianState initialState(TrainConfig config, Dataset dataset) {
        GaussianCloud cloud = dataset.sparsePoints()
                .map(points -> GaussianInitializer.fromPoints(points.positions(), points.colors()))
                .orElseGet(() -> GaussianInitializer.randomInCube(config.initialPoints(), config.initialBound(), new Random(config.seed())));
        return GaussianState.fresh(cloud);
    }

    public static Result run(Gpu gpu, TrainConfig config, Dataset dataset, Path outDir, Optional<Checkpoint> resume,
                             Progress progress) throws IOException {
        long started = System.nanoTime();
        List<TrainingView> views = dataset.train();
        float extent = sceneExtent(views);
        LearningRates rates = LearningRates.gaussianSplatting(extent, config.iterations());
        DensificationSettings densifySettings = DensificationSettings.GAUSSIAN_SPLATTING;
        DefaultDensification densification = new DefaultDensification(densifySettings);
        Vector3f background = config.whiteBackground() ? new Vector3f(1) : new Vector3f(0);
        int start = resume.map(Checkpoint::iteration).orElse(0);
        GaussianState state = resume.map(Checkpoint::state).orElseGet(() -> initialState(config, dataset));
        int peak = state.count();
        float[] last = {Float.NaN, Float.NaN};
        Map<String, Double> phaseTotals = new LinkedHashMap<>();
        int profiled = 0;
        try (TargetImages targets = new TargetImages(gpu, views);
             SplatRasterizer rasterizer = new SplatRasterizer(gpu, 3);
             GeometryStep step = new GeometryStep(gpu, config);
             GpuPhaseTimer profiler = new GpuPhaseTimer(gpu, 32)) {
            TrainableGaussians model = new TrainableGaussians(gpu, state);
            try {
                for (int it = start + 1; it <= config.iterations(); it++) {
                    int viewIndex = viewAt(it, views.size(), config.seed());
                    Camera camera = views.get(viewIndex).camera();
                    RasterSettings settings = RasterSettings.of(Math.min(3, it / 1000), background);
                    GpuPhaseTimer timing = it % PROFILE_EVERY == 0 ? profiler : null;
                    if (timing != null) {
                        rasterizer.profileNextRender(timing);
                    }
                    TrainableGaussians current = model;
                    int t = it;
                    boolean statistics = it < densifySettings.until();
                    GpuBuffer target = targets.get(viewIndex);
                    rasterizer.render(model.parameters, camera, settings, commands -> step.record(commands,
                            rasterizer.lastFrame(), target, background, current, rates, (float) rates.positions().at(t), t,
                            statistics, timing));
                    if (timing != null) {
                        timing.millis().forEach((phase, ms) -> phaseTotals.merge(phase, ms, Double::sum));
                        profiled++;
                    }
                    if (it % PROGRESS_EVERY == 0 || it == config.iterations()) {
                        last = step.lossAndPsnr(camera.width(), camera.height());
                        checkFinite(last[0], it);
                        progress.update(it, last[0], last[1], model.count());
                    }
                    if (densifySettings.densifiesAt(it) || densifySettings.resetsOpacityAt(it)) {
                        state = model.download();
                        model.close();
                        if (densifySettings.densifiesAt(it)) {
                            DefaultDensification.Outcome outcome = densification.densifyAndPrune(state, extent,
                                    it > densifySettings.opacityResetInterval(), new Random(config.seed() ^ (long) it << 20));
                            state = outcome.state();
                            progress.densified(it, outcome);
                        }
                        if (densifySettings.resetsOpacityAt(it)) {
                            densification.resetOpacity(state);
                        }
                        model = new TrainableGaussians(gpu, state);
                        peak = Math.max(peak, model.count());
                    }
                    if (it % config.checkpointInterval() == 0 || it == config.iterations()) {
                        GaussianState snapshot = model.download();
                        snapshot.requireFinite(it); // never overwrite a good checkpoint with a broken one
                        new Checkpoint(it, snapshot).write(outDir.resolve(CHECKPOINT_FILE));
                    }
                }
                state = model.download();
            } finally {
                model.close();
            }
        }
        Map<String, Double> meanPhases = new LinkedHashMap<>();
        int samples = Math.max(1, profiled);
        phaseTotals.forEach((phase, ms) -> meanPhases.put(phase, ms / samples));
        return new Result(state, config.iterations(), (System.nanoTime() - started) / 1e9, peak, last[0], last[1], meanPhases);
    }

    private static void checkFinite(float loss, int iteration) {
        if (!Float.isFinite(loss)) {
            throw new IllegalStateException("the loss became " + loss + " at iteration " + iteration
                    + "; the last checkpoint before it can be resumed with --resume");
        }
    }

    /** The view of an iteration: a fresh random permutation of the views per epoch, as 3DGS draws them. */
    static int viewAt(int iteration, int views, long seed) {
        int epoch = (iteration - 1) / views;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < views; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed * 31 + epoch));
        return order.get((iteration - 1) % views);
    }
}
