package dev.splatlight.trainer.stage;

import dev.splatlight.core.cli.StopRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.splatlight.core.asset.GaussianPly;
import dev.splatlight.core.asset.AssetCameras;
import dev.splatlight.core.asset.RelightableAsset;
import dev.splatlight.core.cli.BadInputException;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.light.EnvironmentCube;
import dev.splatlight.core.light.OcclusionVolume;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.trainer.TrainConfig;
import dev.splatlight.trainer.bake.BakeSettings;
import dev.splatlight.trainer.bake.OcclusionBaker;
import dev.splatlight.trainer.checkpoint.Checkpoint;
import dev.splatlight.trainer.checkpoint.MaterialCheckpoint;
import dev.splatlight.trainer.data.Dataset;
import dev.splatlight.trainer.densify.DefaultDensification;
import dev.splatlight.core.asset.AtomicFiles;
import dev.splatlight.trainer.material.MaterialActivation;
import dev.splatlight.trainer.material.MaterialSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * {@code ./splatlight train}: GS-IR's stages in order — geometry, bake, material — each reading what the one before
 * left in the asset directory, each with its own progress bar, checkpoint and entry in {@code train-summary.json}.
 */
public final class Pipeline {
    public static final String SUMMARY_FILE = "train-summary.json";

    /** The stages, in the order they run. */
    public enum Stage { GEOMETRY, BAKE, MATERIAL }

    /** Everything that determines a run, as written to {@code train-config.json}. */
    public record Config(Photos photos, TrainConfig geometry, BakeSettings bake, MaterialSettings material, List<Stage> stages) {
    }

    /** How the dataset's photos were read: the shrink factor asked for (0: chosen by width) and the lens handling. */
    public record Photos(int imagesScale, boolean ignoreDistortion) {
    }

    private final Gpu gpu;
    private final Dataset dataset;
    private final Path out;
    private final TrainConfig config;
    private final BakeSettings bake;
    private final MaterialSettings material;
    private final boolean resume;
    private final StopRequest stop;
    private final Map<String, Object> summary;

    public Pipeline(Gpu gpu, Dataset dataset, Path out, TrainConfig config, BakeSettings bake, MaterialSettings material,
                    boolean resume) throws IOException {
        this(gpu, dataset, out, config, bake, material, resume, StopRequest.none());
    }

    /** As above; {@code stop} ends the run at the next iteration with a checkpoint ({@link TrainingStopped}). */
    public Pipeline(Gpu gpu, Dataset dataset, Path out, TrainConfig config, BakeSettings bake, MaterialSettings material,
                    boolean resume, StopRequest stop) throws IOException {
        this.stop = stop;
        this.gpu = gpu;
        this.dataset = dataset;
        this.out = out;
        this.config = config;
        this.bake = bake;
        this.material = material;
        this.resume = resume;
        this.summary = readSummary(out.resolve(SUMMARY_FILE));
    }

    /** Between stages there is nothing to checkpoint: the finished ones are on disk, the next one has not started. */
    private void stopIfRequested(String next) {
        if (stop.requested()) {
            throw new TrainingStopped(next, 0, null);
        }
    }

    /** Whether {@code out} holds a checkpoint of any stage (what --resume continues from). */
    public static boolean hasCheckpoint(Path out) {
        return Files.exists(out.resolve(GeometryStage.CHECKPOINT_FILE)) || Files.exists(out.resolve(RelightableAsset.OCCLUSION))
                || Files.exists(out.resolve(MaterialCheckpoint.FILE));
    }

    public void run(EnumSet<Stage> stages) throws IOException {
        summary.put("gpu", gpu.info().name());
        if (stages.contains(Stage.GEOMETRY)) {
            geometry();
        }
        if (stages.contains(Stage.BAKE)) {
            stopIfRequested("bake");
            bake();
        }
        if (stages.contains(Stage.MATERIAL)) {
            stopIfRequested("material");
            material();
        }
        double total = 0;
        for (String stage : new String[] {"geometry", "bake", "material"}) {
            Object section = summary.get(stage);
            if (section instanceof Map<?, ?> map && map.get("seconds") instanceof Number seconds) {
                total += seconds.doubleValue();
            }
            if (section instanceof Map<?, ?> map && map.get("initialisation_seconds") instanceof Number seconds) {
                total += seconds.doubleValue();
            }
        }
        summary.put("total_seconds", total);
        summary.put("peak_gpu_memory_mib", gpu.peakAllocatedBytes() / (double) (1 << 20));
        AtomicFiles.writeJson(out.resolve(SUMMARY_FILE), summary);
        System.err.printf("%nasset in %s (training %.1f s in all)%n", out, total);
    }

    /** The photos' cameras beside the asset, for viewers to show it from where they were taken. */
    private void writeCameras() throws IOException {
        List<AssetCameras.Named> cameras = new ArrayList<>();
        dataset.train().forEach(view -> cameras.add(new AssetCameras.Named(view.name(), "train", view.camera())));
        dataset.test().forEach(view -> cameras.add(new AssetCameras.Named(view.name(), "test", view.camera())));
        AssetCameras.write(out, cameras);
    }

    private void geometry() throws IOException {
        Path checkpointFile = out.resolve(GeometryStage.CHECKPOINT_FILE);
        Optional<Path> resumeFrom = resume && Files.exists(checkpointFile) ? Optional.of(checkpointFile) : Optional.empty();
        Optional<Checkpoint.Header> checkpoint = resumeFrom.map(Checkpoint::readHeader);
        checkpoint.ifPresent(c -> System.err.printf("geometry: resuming from iteration %d (%,d Gaussians)%n", c.iteration(),
                c.gaussians()));
        List<String> densifyLog = new ArrayList<>();
        GeometryStage.Result result;
        long gcBefore = JvmStatistics.gcMillis();
        try (ProgressBar bar = bar("geometry", config.iterations(), checkpoint.map(Checkpoint.Header::iteration).orElse(0))) {
            result = GeometryStage.run(gpu, config, dataset, out, resumeFrom, new GeometryStage.Progress() {
                @Override
                public void update(int it, float loss, float psnr, int gaussians) {
                    bar.stepTo(it);
                    bar.setExtraMessage(String.format(" loss %.4f PSNR %.2f dB %,d splats", loss, psnr, gaussians));
                }

                @Override
                public boolean stopRequested() {
                    return stop.requested();
                }

                @Override
                public void initialised(int gaussians, double seconds) {
                    System.err.printf("%ngeometry: %,d starting Gaussians ready in %.2f s%n", gaussians, seconds);
                }

                @Override
                public void densified(int it, DefaultDensification.Outcome outcome) {
                    densifyLog.add(String.format("%d: +%d cloned, +%d split, -%d pruned -> %d", it, outcome.cloned(),
                            outcome.split(), outcome.pruned(), outcome.state().count()));
                }
            });
            bar.stepTo(config.iterations());
        }
        new RelightableAsset(result.state().parameters(), null, null, null, null, config.whiteBackground(), material.gamma(),
                false, false).write(out);
        writeCameras();
        int from = checkpoint.map(Checkpoint.Header::iteration).orElse(0);
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("iterations", config.iterations());
        section.put("resumed_from", from);
        section.put("seconds", result.seconds());
        section.put("initialisation_seconds", result.initialisationSeconds());
        section.put("iterations_per_second", (config.iterations() - from) / result.seconds());
        section.put("gaussians", result.state().count());
        section.put("peak_gaussians", result.peakGaussians());
        section.put("final_train_loss", measured(result.lastLoss()));
        section.put("final_train_psnr", measured(result.lastPsnr()));
        section.put("mean_phase_ms", result.meanPhaseMillis());
        section.put("wall_seconds_per_1000_iterations", result.secondsPerThousand());
        if (config.reflection().traced()) {
            section.put("mirror_trace_refreshes", result.mirrorTrace().refreshes());
            section.put("mirror_trace_refresh_seconds", result.mirrorTrace().refreshSeconds());
            section.put("mirror_traces", result.mirrorTrace().traces());
            section.put("mirror_trace_reuses", result.mirrorTrace().reuses());
        }
        section.put("gc_seconds", (JvmStatistics.gcMillis() - gcBefore) / 1e3);
        section.put("max_heap_mib", Runtime.getRuntime().maxMemory() / (double) (1 << 20));
        section.put("densification", densifyLog);
        summary.put("geometry", section);
        System.err.printf("geometry: %d iterations in %.1f s; %,d Gaussians (peak %,d)%n", config.iterations(), result.seconds(),
                result.state().count(), result.peakGaussians());
    }

    private void bake() throws IOException {
        Path file = out.resolve(RelightableAsset.OCCLUSION);
        if (resume && Files.exists(file)) {
            System.err.println("bake: " + file + " exists, skipped (--resume)");
            return;
        }
        GaussianCloud cloud = geometryCloud();
        long started = System.nanoTime();
        OcclusionVolume volume;
        try (OcclusionBaker baker = new OcclusionBaker(gpu);
             ProgressBar bar = new ProgressBarBuilder().setTaskName("bake").setInitialMax(1).setStyle(ProgressBarStyle.ASCII)
                     .setUpdateIntervalMillis(500).showSpeed().setUnit(" probes", 1).setMaxRenderedLength(150).build()) {
            volume = baker.bake(cloud, bake, (done, total) -> {
                bar.maxHint(total);
                bar.stepTo(done);
            });
            bar.maxHint(bar.getCurrent());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        volume.write(file);
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("seconds", seconds);
        section.put("probes", volume.probes());
        section.put("resolution", bake.resolution());
        section.put("bound", bake.bound());
        section.put("threshold", bake.threshold());
        summary.put("bake", section);
        System.err.printf("bake: %,d probes (%d³ grid, bound %.2f, threshold %.2f) in %.2f s%n", volume.probes(), bake.resolution(),
                bake.bound(), bake.threshold(), seconds);
    }

    private void material() throws IOException {
        GaussianCloud cloud = geometryCloud();
        Path occlusionFile = out.resolve(RelightableAsset.OCCLUSION);
        if (!Files.exists(occlusionFile)) {
            throw new BadInputException(occlusionFile + ": missing; run the bake stage first (--stages bake,material)");
        }
        OcclusionVolume occlusion = OcclusionVolume.read(occlusionFile);
        Path checkpointFile = out.resolve(MaterialCheckpoint.FILE);
        Optional<MaterialCheckpoint> checkpoint = resume && Files.exists(checkpointFile)
                ? Optional.of(MaterialCheckpoint.read(checkpointFile)) : Optional.empty();
        checkpoint.ifPresent(c -> System.err.printf("material: resuming from iteration %d%n", c.iteration()));
        Path geometryCheckpoint = out.resolve(GeometryStage.CHECKPOINT_FILE); // holds a mirror light if it had reflections
        float[] mirrorLight = checkpoint.isEmpty() && Files.exists(geometryCheckpoint)
                ? Checkpoint.readMirrorEnvironment(geometryCheckpoint) : null;
        MaterialStage.Result result;
        try (ProgressBar bar = bar("material", material.iterations(), checkpoint.map(MaterialCheckpoint::iteration).orElse(0))) {
            result = MaterialStage.run(gpu, material, dataset.train(), cloud, occlusion, config.whiteBackground(), config.seed(),
                    bake.bound(), mirrorLight, out, checkpoint, new MaterialStage.Progress() {
                        @Override
                        public void update(int it, float loss, float psnr) {
                            bar.stepTo(it);
                            bar.setExtraMessage(String.format(" L1 %.4f PSNR %.2f dB", loss, psnr));
                        }

                        @Override
                        public boolean stopRequested() {
                            return stop.requested();
                        }
                    });
            bar.stepTo(material.iterations());
        }
        RelightableAsset.Material materials = MaterialActivation.onHost(result.logits());
        if (result.normals() != null) { // learned with --normal-lr: the asset's normals are the shading's
            System.arraycopy(result.normals(), 0, cloud.normals, 0, cloud.normals.length);
        }
        new RelightableAsset(cloud, materials, new EnvironmentCube(result.environmentSize(), result.environment()), occlusion,
                material.indirect() ? result.irradiance() : null, config.whiteBackground(), material.gamma(),
                material.specularOcclusion(), material.tracedReflections()).write(out);
        int from = checkpoint.map(MaterialCheckpoint::iteration).orElse(0);
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("iterations", material.iterations());
        section.put("resumed_from", from);
        section.put("seconds", result.seconds());  // of this command's iterations only, as the rate below
        section.put("iterations_per_second", (material.iterations() - from) / Math.max(result.seconds(), 1e-9));
        section.put("final_train_l1", measured(result.lastLoss()));
        section.put("final_train_psnr", measured(result.lastPsnr()));
        section.put("mean_phase_ms", result.meanPhaseMillis());
        section.put("light_trace", result.lightTrace());       // keyed by iteration (JSON writes the keys as strings)
        section.put("material_trace", result.materialTrace());
        summary.put("material", section);
        System.err.printf("material: %d iterations%s in %.1f s%s%n", material.iterations() - from,
                from > 0 ? String.format(" (%d to %d, resumed)", from + 1, material.iterations()) : "", result.seconds(),
                Float.isNaN(result.lastPsnr()) ? " (none run by this command)"
                        : String.format("; training PSNR of the shaded image %.2f dB", result.lastPsnr()));
    }

    /** A last iteration's figure for the summary; null where this command ran no iteration (NaN, which JSON lacks). */
    private static Float measured(float value) {
        return Float.isNaN(value) ? null : value;
    }

    /** The Gaussians of the geometry stage, as written to the asset's PLY. */
    private GaussianCloud geometryCloud() {
        Path ply = out.resolve(RelightableAsset.GAUSSIANS);
        if (!Files.exists(ply)) {
            throw new BadInputException(ply + ": missing; run the geometry stage first (--stages geometry,...)");
        }
        return GaussianPly.read(ply).cloud();
    }

    private static ProgressBar bar(String task, int max, int start) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(1000).showSpeed().setUnit(" it", 1).setMaxRenderedLength(150)
                .startsFrom(start, java.time.Duration.ZERO).build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readSummary(Path file) {
        if (!Files.exists(file)) {
            return new LinkedHashMap<>();
        }
        try {
            return new ObjectMapper().readValue(file.toFile(), LinkedHashMap.class);
        } catch (IOException e) {
            return new LinkedHashMap<>(); // an unreadable old summary is replaced
        }
    }
}
