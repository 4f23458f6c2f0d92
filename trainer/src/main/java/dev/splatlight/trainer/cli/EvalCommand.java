package dev.splatlight.trainer.cli;

import dev.splatlight.core.asset.AssetCameras;
import dev.splatlight.core.asset.AtomicFiles;
import dev.splatlight.core.asset.RelightableAsset;
import dev.splatlight.core.cli.BadInputException;
import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.cli.GpuChoice;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.trainer.data.Dataset;
import dev.splatlight.trainer.data.TrainingView;
import dev.splatlight.trainer.eval.CameraAlignment;
import dev.splatlight.trainer.eval.EvalProgress;
import dev.splatlight.trainer.eval.Evaluator;
import dev.splatlight.trainer.eval.MaterialEvaluator;
import dev.splatlight.trainer.eval.PoseRefinement;
import dev.splatlight.trainer.eval.RelightingEnvironments;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./splatlight eval}: render a dataset's test views with an asset and report the metrics. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Render a dataset's test views with an asset; write a JSON report, and pictures (prediction | truth | "
                + "error, and a contact sheet per metric) beside it. A relightable asset adds the shaded image under the "
                + "learned light, albedo, normals and relighting under each environment the dataset lists.")
public final class EvalCommand implements Callable<Integer> {
    @Mixin
    PhotoOptions photos;

    @Option(names = "--asset", required = true, description = "Asset directory written by 'train'.")
    Path asset;

    @Option(names = "--data", required = true, description = "Dataset directory with the test views.")
    Path data;

    @Option(names = "--out", required = true, description = "Report file (JSON); pictures are written beside it.")
    Path out;

    @Option(names = "--hdri", description = "Also relight the test views under this HDRI (.hdr or .exr; repeatable; pictures only).")
    List<Path> hdris = new ArrayList<>();

    @Option(names = "--align", description = "Score an asset trained on another reconstruction of the same photos (COLMAP run "
            + "again, or on the photos with lens distortion): map the test cameras into the asset's frame by the similarity "
            + "that best matches the camera centres of images with the same name in the asset's cameras.json; the fit "
            + "goes into the report.")
    boolean align;

    @Option(names = "--refine-poses", description = "Before scoring, give each test camera the small rigid correction that best "
            + "matches the render to its photo (test-time pose alignment, for cameras from another reconstruction: with "
            + "--align); the corrections go into the report.")
    boolean refinePoses;

    @Option(names = "--relit-indirect", description = "Relight with the asset's indirect light too, scaled per channel by "
            + "the new light's mean radiance over the learned light's (GS-IR relights without it, as it was learned under "
            + "the training light).")
    boolean relitIndirect;

    @Option(names = "--traced-reflections", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Relight with the scene's reflections in its own glossy surfaces: each smooth pixel's reflected ray "
                    + "is traced through the Gaussians, and what it meets, shaded under the new light, replaces that much of "
                    + "the environment it would reflect (docs/reflections.md; default: ${DEFAULT-VALUE}; "
                    + "--no-traced-reflections relights as GS-IR, with the environment alone).")
    boolean tracedReflections;

    @Mixin
    GpuChoice gpu;

    @Override
    public Integer call() throws IOException {
        long started = System.nanoTime();
        dev.splatlight.core.cli.OutputPaths.fileIn(out); // an unusable report path fails before the evaluation, not after
        RelightableAsset loaded = RelightableAsset.read(asset);
        if (!loaded.relightable() && !hdris.isEmpty()) {
            throw new BadInputException(asset + ": --hdri needs a relightable asset (train its bake and material stages)");
        }
        Dataset dataset = photos.open(data);
        if (dataset.test().isEmpty()) {
            throw new BadInputException(data + ": the dataset has no test views");
        }
        Path imageDir = out.toAbsolutePath().getParent();
        Map<String, Object> report = new LinkedHashMap<>();
        List<TrainingView> tests = dataset.test();
        if (align) {
            CameraAlignment alignment = alignment(dataset);
            tests = tests.stream().map(v -> new TrainingView(v.name(), alignment.map(v.camera()), v.image(), v.source())).toList();
            report.put("alignment", alignment.report());
            System.out.printf("eval: aligned %d cameras to the asset's: scale %.4f, RMS position error %.2f %% of the camera "
                    + "spread, mean orientation error %.3f°%n", alignment.matched(), alignment.scale(),
                    100 * alignment.rmsPositionRelative(), alignment.meanRotationDegrees());
        }
        List<RelightingEnvironments.Environment> environments = loaded.relightable() ? RelightingEnvironments.of(data) : List.of();
        var trainingLight = RelightingEnvironments.training(data);
        long expectedViews = tests.size() + (loaded.relightable() // the radiance renders, then the material's or the normals'
                ? MaterialEvaluator.expectedViews(tests.size(), environments.size(), hdris.size(), trainingLight.isPresent()) : tests.size());
        try (Gpu device = gpu.open(); EvalProgress progress = EvalProgress.expecting(expectedViews)) {
            if (refinePoses) {
                List<PoseRefinement.Refined> refined = PoseRefinement.refine(device, loaded.gaussians(), tests, loaded.whiteBackground());
                tests = refined.stream().map(PoseRefinement.Refined::view).toList();
                Map<String, Object> summary = PoseRefinement.report(refined);
                report.put("pose_refinement", summary);
                System.out.printf("eval: test poses refined against their photos: mean correction %.3f° and %.2f %% of the "
                        + "distance%n", (double) summary.get("mean_rotation_deg"), 100 * (double) summary.get("mean_translation_relative"));
            }
            List<Evaluator.ViewMetrics> views = Evaluator.evaluate(device, loaded.gaussians(), tests,
                    loaded.whiteBackground(), imageDir.resolve("radiance"), progress);
            report.put("nvs_psnr", views.stream().mapToDouble(Evaluator.ViewMetrics::psnr).average().orElse(Double.NaN));
            report.put("nvs_ssim", views.stream().mapToDouble(Evaluator.ViewMetrics::ssim).average().orElse(Double.NaN));
            if (loaded.relightable()) {
                report.putAll(new MaterialEvaluator(device, loaded, tests, imageDir, relitIndirect, tracedReflections)
                        .reportingTo(progress).evaluate(environments, hdris, trainingLight));
            } else {
                report.putAll(new MaterialEvaluator(device, loaded, tests, imageDir).reportingTo(progress).evaluateNormals());
            }
            report.put("gaussians", loaded.gaussians().count());
            report.put("seconds", (System.nanoTime() - started) / 1e9);
            report.put("gpu", device.info().name());
            report.put("background", loaded.whiteBackground() ? "white" : "black");
            report.put("notes", "nvs: radiance renders (SH colour); nvs_pbr: the split-sum shading of the material under the "
                    + "learned light. PSNR over all pixels and channels of each view, averaged over views; SSIM with an 11x11 "
                    + "Gaussian window (sigma 1.5); test pictures composited on the background.");
            report.put("views", views);
            progress.finished();
        }
        AtomicFiles.writeJson(out, report);
        System.out.printf("%s: NVS %.2f dB%s over %d test views; pictures in %s%n", out, (double) report.get("nvs_psnr"),
                summary(report), dataset.test().size(), imageDir);
        return 0;
    }

    /** The similarity from the dataset's frame to the asset's, from the cameras both hold (matched by image name). */
    private CameraAlignment alignment(Dataset dataset) {
        Map<String, Camera> assetCameras = new HashMap<>();
        AssetCameras.read(asset).forEach(named -> assetCameras.put(named.name(), named.camera()));
        if (assetCameras.isEmpty()) {
            throw new BadInputException(asset + ": --align needs the asset's " + AssetCameras.FILE
                    + " (written by 'train'), which it lacks");
        }
        List<CameraAlignment.Pair> pairs = new ArrayList<>();
        for (TrainingView view : java.util.stream.Stream.concat(dataset.train().stream(), dataset.test().stream()).toList()) {
            Camera target = assetCameras.get(view.name());
            if (target != null) {
                pairs.add(new CameraAlignment.Pair(view.camera(), target));
            }
        }
        try {
            return CameraAlignment.fit(pairs);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(data + " against " + asset.resolve(AssetCameras.FILE) + ": " + e.getMessage());
        }
    }

    private static String summary(Map<String, Object> report) {
        StringBuilder s = new StringBuilder();
        if (report.containsKey("nvs_pbr_psnr")) {
            s.append(String.format(", PBR %.2f dB", (double) report.get("nvs_pbr_psnr")));
        }
        if (report.containsKey("albedo_psnr")) {
            s.append(String.format(", albedo %.2f dB", (double) report.get("albedo_psnr")));
        }
        if (report.containsKey("normal_mae_deg")) {
            s.append(String.format(", normals %.2f°", (double) report.get("normal_mae_deg")));
        }
        if (report.containsKey("relight_psnr_mean")) {
            s.append(String.format(", relighting %.2f dB", (double) report.get("relight_psnr_mean")));
        }
        if (report.containsKey("relight_rescaled_psnr_mean")) {
            s.append(String.format(" (%.2f dB with the albedo rescaled)", (double) report.get("relight_rescaled_psnr_mean")));
        }
        return s.toString();
    }
}
