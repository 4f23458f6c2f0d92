package dev.splatlight.trainer.cli;

import dev.splatlight.core.gpu.DeviceSelection;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuOptions;
import dev.splatlight.trainer.TrainConfig;
import dev.splatlight.trainer.checkpoint.Checkpoint;
import dev.splatlight.trainer.data.Dataset;
import dev.splatlight.trainer.data.Datasets;
import dev.splatlight.trainer.densify.DefaultDensification;
import dev.splatlight.trainer.export.AssetWriter;
import dev.splatlight.trainer.stage.GeometryStage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./splatlight train}: the geometry stage on a dataset, writing an asset directory. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train relightable Gaussians on posed photos (now: GS-IR's geometry stage) and write an asset directory.")
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "Dataset directory (Blender/NeRF-synthetic or COLMAP).")
    Path data;

    @Option(names = "--out", required = true, description = "Asset directory to write (created if missing).")
    Path out;

    @Option(names = "--iterations", defaultValue = "30000", description = "Geometry-stage iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--resume", description = "Continue from the last checkpoint in --out.")
    boolean resume;

    @Option(names = "--white-background", description = "Composite RGBA photos on white (default: black).")
    boolean whiteBackground;

    @Option(names = "--initial-points", defaultValue = "100000", description = "Random initial Gaussians for object scenes without points.")
    int initialPoints;

    @Option(names = "--checkpoint-every", defaultValue = "5000", description = "Iterations between checkpoints.")
    int checkpointEvery;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the initial points, view order and splits.")
    long seed;

    @Option(names = "--normal-consistency-weight", defaultValue = "1.0",
            description = "Weight of L1(rendered normal, normal from depth) (default: ${DEFAULT-VALUE}).")
    float normalConsistencyWeight;

    @Option(names = "--normal-smoothness-weight", defaultValue = "5.0",
            description = "Weight of the edge-aware total variation of rendered normals (default: ${DEFAULT-VALUE}).")
    float normalSmoothnessWeight;

    @Option(names = "--gpu", description = "Device index or part of its name.")
    String gpu;

    @Override
    public Integer call() throws Exception {
        TrainConfig config = new TrainConfig(data.toString(), out.toString(), iterations, whiteBackground, initialPoints, 1.3f,
                0.2f, normalConsistencyWeight, normalSmoothnessWeight, checkpointEvery, seed);
        Optional<Checkpoint> checkpoint = Optional.empty();
        if (resume) {
            checkpoint = Optional.of(Checkpoint.read(out.resolve(GeometryStage.CHECKPOINT_FILE)));
            System.err.printf("resuming from iteration %d (%,d Gaussians)%n", checkpoint.get().iteration(), checkpoint.get().state().count());
        }
        Dataset dataset = Datasets.open(data);
        System.err.printf("%s: %s dataset, %d training and %d test views%n", data, dataset.format(), dataset.train().size(),
                dataset.test().size());
        Files.createDirectories(out);
        AssetWriter.writeJson(out.resolve("train-config.json"), config);
        java.util.List<String> densifyLog = new java.util.ArrayList<>();
        try (Gpu device = Gpu.open(GpuOptions.forProgram(DeviceSelection.fromOptionOrEnvironment(gpu)));
             ProgressBar bar = new ProgressBarBuilder().setTaskName("geometry").setInitialMax(iterations)
                     .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000).showSpeed().setUnit(" it", 1)
                     .setMaxRenderedLength(150)
                     .startsFrom(checkpoint.map(Checkpoint::iteration).orElse(0), java.time.Duration.ZERO).build()) {
            System.err.println("GPU: " + device.info().name());
            GeometryStage.Result result = GeometryStage.run(device, config, dataset, out, checkpoint, new GeometryStage.Progress() {
                @Override
                public void update(int it, float loss, float psnr, int gaussians) {
                    bar.stepTo(it);
                    bar.setExtraMessage(String.format(" loss %.4f PSNR %.2f dB %,d splats", loss, psnr, gaussians));
                }

                @Override
                public void densified(int it, DefaultDensification.Outcome outcome) {
                    densifyLog.add(String.format("%d: +%d cloned, +%d split, -%d pruned -> %d", it, outcome.cloned(),
                            outcome.split(), outcome.pruned(), outcome.state().count()));
                }
            });
            bar.stepTo(iterations);
            AssetWriter.writeGeometryStage(out, result.state().parameters(), whiteBackground, iterations);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("gpu", device.info().name());
            summary.put("iterations", iterations);
            summary.put("resumed_from", checkpoint.map(Checkpoint::iteration).orElse(0));
            summary.put("seconds", result.seconds());
            summary.put("iterations_per_second", (iterations - checkpoint.map(Checkpoint::iteration).orElse(0)) / result.seconds());
            summary.put("gaussians", result.state().count());
            summary.put("peak_gaussians", result.peakGaussians());
            summary.put("peak_gpu_memory_mib", device.peakAllocatedBytes() / (double) (1 << 20));
            summary.put("final_train_loss", result.lastLoss());
            summary.put("final_train_psnr", result.lastPsnr());
            summary.put("mean_phase_ms", result.meanPhaseMillis());
            summary.put("densification", densifyLog);
            AssetWriter.writeJson(out.resolve("train-summary.json"), summary);
            System.err.printf("%ntrained %d iterations in %.1f s; %,d Gaussians (peak %,d); asset in %s%n", iterations,
                    result.seconds(), result.state().count(), result.peakGaussians(), out);
        }
        return 0;
    }
}
