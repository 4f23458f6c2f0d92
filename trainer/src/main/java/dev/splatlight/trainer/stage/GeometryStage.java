package dev.splatlight.trainer.stage;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.GpuPhaseTimer;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.splat.RasterSettings;
import dev.splatlight.core.splat.SplatRasterizer;
import dev.splatlight.trainer.TrainConfig;
import dev.splatlight.trainer.bake.SceneBounds;
import dev.splatlight.trainer.checkpoint.Checkpoint;
import dev.splatlight.trainer.data.Dataset;
import dev.splatlight.trainer.data.TrainingView;
import dev.splatlight.trainer.densify.DefaultDensification;
import dev.splatlight.trainer.densify.DensificationSettings;
import dev.splatlight.trainer.init.GaussianInitializer;
import dev.splatlight.trainer.init.InitialGeometry;
import dev.splatlight.trainer.model.GaussianState;
import dev.splatlight.trainer.model.LearningRates;
import dev.splatlight.trainer.model.TrainableGaussians;
import dev.splatlight.trainer.reflection.MirrorEnvironment;
import dev.splatlight.trainer.reflection.MirrorSceneTrace;
import dev.splatlight.trainer.reflection.ReflectionSchedule;
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
    private static final int WALL_CLOCK_EVERY = 1000; // iterations per wall-clock block in the summary

    /** What the stage produced and how it went. */
    /** {@code seconds}: training; {@code initialisationSeconds}: the starting Gaussians (k-NN scales) or the checkpoint read. */
    public record Result(GaussianState state, int iterations, double seconds, double initialisationSeconds, int peakGaussians,
                         float lastLoss, float lastPsnr, Map<String, Double> meanPhaseMillis, Map<Integer, Double> secondsPerThousand,
                         MirrorTraceCounts mirrorTrace) {
    }

    /**
     * The mirrors' traced rays (--reflection-trace-every): how often this run took a new snapshot of the Gaussians and
     * the wall seconds that took; how many renders traced, and how many took their view's hits kept from an earlier
     * visit.
     */
    public record MirrorTraceCounts(int refreshes, double refreshSeconds, long traces, long reuses) {
    }

    /** Receives progress: iteration, loss, PSNR, Gaussian count; and what each densification did. */
    public interface Progress {
        void update(int iteration, float loss, float psnr, int gaussians);

        default void densified(int iteration, DefaultDensification.Outcome outcome) {
        }

        /** The starting Gaussians are on the GPU: {@code seconds} to make (or read) and upload them. */
        default void initialised(int gaussians, double seconds) {
        }

        /** Asked after every iteration: true checkpoints it and ends the run with {@link TrainingStopped}. */
        default boolean stopRequested() {
            return false;
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
        if (config.init() != null) {
            return GaussianState.fresh(InitialGeometry.read(Path.of(config.init()), config.initialPoints(), new Random(config.seed())));
        }
        GaussianCloud cloud = dataset.sparsePoints()
                .map(points -> GaussianInitializer.fromPoints(points.positions(), points.colors()))
                .orElseGet(() -> GaussianInitializer.randomInCube(config.initialPoints(), config.initialBound(), new Random(config.seed())));
        return GaussianState.fresh(cloud);
    }

    /** Trains from the start, or from the checkpoint in {@code resumeFrom}, to {@code config.iterations()}. */
    public static Result run(Gpu gpu, TrainConfig config, Dataset dataset, Path outDir, Optional<Path> resumeFrom,
                             Progress progress) throws IOException {
        // wall seconds of each block of iterations, keyed by its last: a resumed run compares with an uninterrupted one
        Map<Integer, Double> blocks = new LinkedHashMap<>();
        long initialising = System.nanoTime();
        try (Training training = new Training(gpu, config, dataset, resumeFrom, progress)) {
            long started = System.nanoTime();
            double initialisation = (started - initialising) / 1e9;
            progress.initialised(training.model.count(), initialisation);
            long blockStart = started;
            for (int it = training.startIteration + 1; it <= config.iterations(); it++) {
                training.step(it);
                training.densifyIfDue(it);
                if (it % config.checkpointInterval() == 0 || it == config.iterations()) {
                    training.checkpoint(it, outDir.resolve(CHECKPOINT_FILE));
                } else if (progress.stopRequested()) {
                    training.checkpoint(it, outDir.resolve(CHECKPOINT_FILE));
                    throw new TrainingStopped("geometry", it, outDir.resolve(CHECKPOINT_FILE));
                }
                if (it % WALL_CLOCK_EVERY == 0 || it == config.iterations()) {
                    long now = System.nanoTime();
                    blocks.put(it, (now - blockStart) / 1e9);
                    blockStart = now;
                }
            }
            return training.result(config.iterations(), (System.nanoTime() - started) / 1e9, initialisation, blocks);
        }
    }

    /** One run of the stage: the GPU resources, the Gaussians being trained and what the run has measured so far. */
    private static final class Training implements AutoCloseable {
        private final TrainConfig config;
        private final Gpu gpu;
        private final List<TrainingView> views;
        private final float extent;
        private final LearningRates rates;
        private final DensificationSettings densifySettings = DensificationSettings.GAUSSIAN_SPLATTING;
        private final DefaultDensification densification = new DefaultDensification(densifySettings);
        private final Vector3f background;
        private final Progress progress;
        private final TargetImages targets;
        private final SplatRasterizer rasterizer;
        private final GeometryStep step;
        private final GpuPhaseTimer profiler;
        private final MirrorEnvironment mirror; // null without --reflections
        private final ReflectionSchedule reflectionSchedule; // null without --reflections
        private final ResourceScope resources; // the five above, closed in reverse order
        private final int startIteration;
        private TrainableGaussians model;
        private int peak;
        private float[] last = {Float.NaN, Float.NaN};
        private final Map<String, Double> phaseTotals = new LinkedHashMap<>();
        private int profiled;
        private int traceRefreshes;
        private double traceRefreshSeconds;

        Training(Gpu gpu, TrainConfig config, Dataset dataset, Optional<Path> resumeFrom, Progress progress) {
            this.gpu = gpu;
            this.config = config;
            this.views = dataset.train();
            this.progress = progress;
            extent = sceneExtent(views);
            rates = LearningRates.gaussianSplatting(extent, config.iterations());
            background = config.whiteBackground() ? new Vector3f(1) : new Vector3f(0);
            ResourceScope scope = new ResourceScope("geometry stage");
            try {
                targets = scope.own(new TargetImages(gpu, views));
                rasterizer = scope.own(new SplatRasterizer(gpu, config.geometryFeatureChannels()));
                step = scope.own(new GeometryStep(gpu, config));
                profiler = scope.own(new GpuPhaseTimer(gpu, 32));
                // the host copy of the starting state lives only here: a resumed run kept a whole checkpoint
                // (parameters and both Adam moments) on the Java heap for the rest of the run
                Checkpoint begin = resumeFrom.map(Checkpoint::read).orElseGet(() -> new Checkpoint(0, initialState(config, dataset)));
                startIteration = begin.iteration();
                mirror = config.reflection().on()
                        ? scope.own(new MirrorEnvironment(gpu, MirrorEnvironment.DEFAULT_SIZE, begin.mirrorEnvironment()))
                        : null;
                model = new TrainableGaussians(gpu, begin.state(), config.geometryFeatureChannels());
            } catch (RuntimeException e) {
                scope.close();
                throw e;
            }
            resources = scope;
            reflectionSchedule = config.reflection().on() ? new ReflectionSchedule(config.iterations(), densifySettings) : null;
            peak = model.count();
        }

        /** Renders iteration {@code it}'s view and records its losses, backward and Adam step into one submission. */
        void step(int it) {
            int viewIndex = viewAt(it, views.size(), config.seed());
            Camera camera = views.get(viewIndex).camera();
            int shDegree = reflectionSchedule == null ? Math.min(3, it / 1000) : reflectionSchedule.shDegreeAt(it);
            RasterSettings settings = RasterSettings.of(shDegree, background);
            StepPlan plan = planFor(it);
            refreshSceneTrace(it, plan);
            GpuPhaseTimer timing = it % PROFILE_EVERY == 0 ? profiler : null;
            if (timing != null) {
                rasterizer.profileNextRender(timing);
            }
            TrainableGaussians current = model;
            boolean statistics = it < densifySettings.until();
            GpuBuffer target = targets.get(viewIndex);
            rasterizer.render(model.parameters, camera, settings, commands -> step.record(commands, rasterizer.lastFrame(),
                    viewIndex, target, background, current, plan.mirror(), plan.rates(), plan.positionRate(), it, statistics, timing));
            if (timing != null) {
                timing.millis().forEach((phase, ms) -> phaseTotals.merge(phase, ms, Double::sum));
                profiled++;
            }
            if (it % PROGRESS_EVERY == 0 || it == config.iterations()) {
                last = step.lossAndPsnr(camera.width(), camera.height());
                checkFinite(last[0], it);
                progress.update(it, last[0], last[1], model.count());
            }
        }

        /**
         * With --reflection-trace-every N, a new snapshot of the Gaussians for the mirrors' traced rays on every Nth
         * iteration that shades reflections, and on the first.
         */
        private void refreshSceneTrace(int it, StepPlan plan) {
            MirrorSceneTrace trace = step.sceneTrace();
            if (trace == null || plan.mirror() == null || (trace.ready() && it % config.reflection().traceEvery() != 0)) {
                return;
            }
            long started = System.nanoTime();
            GaussianCloud cloud = model.downloadParameters();
            trace.refresh(cloud, SceneBounds.bound(cloud.means), -1);
            traceRefreshes++;
            traceRefreshSeconds += (System.nanoTime() - started) / 1e9;
        }

        /** What iteration {@code it} trains: learning rates, the mirror light (null: no reflection), position rate. */
        private record StepPlan(LearningRates rates, MirrorEnvironment mirror, float positionRate) {
        }

        private StepPlan planFor(int it) {
            float positionRate = (float) rates.positions().at(it);
            if (reflectionSchedule == null) {
                return new StepPlan(rates, null, positionRate);
            }
            if (reflectionSchedule.refitsColoursAt(it)) { // the colours alone, without the reflection
                return new StepPlan(rates.coloursOnly(), null, 0f);
            }
            return new StepPlan(reflectionSchedule.holdsOpacityAt(it) ? rates.withoutOpacity() : rates, mirror, positionRate);
        }

        /**
         * Clone, split and prune, and reset opacities, on 3DGS's schedule, and the reflection schedule's propagation
         * steps (on the host; the GPU model is rebuilt).
         */
        void densifyIfDue(int it) {
            boolean densify = densifySettings.densifiesAt(it, config.iterations());
            boolean reset = densifySettings.resetsOpacityAt(it, config.iterations());
            boolean propagate = reflectionSchedule != null && reflectionSchedule.propagatesAt(it);
            if (!densify && !reset && !propagate) {
                return;
            }
            GaussianState state = model.download();
            model.close();
            if (densify) {
                DefaultDensification.Outcome outcome = densification.densifyAndPrune(state, extent,
                        it > densifySettings.opacityResetInterval(), new Random(config.seed() ^ (long) it << 20));
                state = outcome.state();
                progress.densified(it, outcome);
            }
            if (reset) {
                densification.resetOpacity(state);
            }
            if (propagate) {
                ReflectionSchedule.propagate(state, new Random(config.seed() ^ (long) it << 20 ^ 0x5EED));
            }
            model = new TrainableGaussians(gpu, state, config.geometryFeatureChannels());
            peak = Math.max(peak, model.count());
        }

        void checkpoint(int it, Path file) throws IOException {
            GaussianState snapshot = model.download();
            snapshot.requireFinite(it); // never overwrite a good checkpoint with a broken one
            new Checkpoint(it, snapshot, mirror == null ? null : mirror.download()).write(file);
        }

        Result result(int iterations, double seconds, double initialisation, Map<Integer, Double> secondsPerThousand) {
            Map<String, Double> meanPhases = new LinkedHashMap<>();
            int samples = Math.max(1, profiled);
            phaseTotals.forEach((phase, ms) -> meanPhases.put(phase, ms / samples));
            return new Result(model.download(), iterations, seconds, initialisation, peak, last[0], last[1], meanPhases,
                    secondsPerThousand, mirrorTraceCounts());
        }

        private MirrorTraceCounts mirrorTraceCounts() {
            MirrorSceneTrace trace = step.sceneTrace();
            return new MirrorTraceCounts(traceRefreshes, traceRefreshSeconds, trace == null ? 0 : trace.traces(),
                    trace == null ? 0 : trace.reuses());
        }

        @Override
        public void close() {
            model.close();
            resources.close();
        }
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
