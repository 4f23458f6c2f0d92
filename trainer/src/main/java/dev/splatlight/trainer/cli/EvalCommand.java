package dev.splatlight.trainer.cli;

import dev.splatlight.core.asset.AtomicFiles;
import dev.splatlight.core.asset.RelightableAsset;
import dev.splatlight.core.cli.BadInputException;
import dev.splatlight.core.cli.GpuChoice;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.trainer.data.Dataset;
import dev.splatlight.trainer.eval.Evaluator;
import dev.splatlight.trainer.eval.MaterialEvaluator;
import dev.splatlight.trainer.eval.RelightingEnvironments;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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

    @Mixin
    GpuChoice gpu;

    @Override
    public Integer call() throws IOException {
        long started = System.nanoTime();
        dev.splatlight.core.cli.OutputPaths.fileIn(out); // an unusable report path fails before the evaluation, not after
        RelightableAsset loaded = RelightableAsset.read(asset);
        Dataset dataset = photos.open(data);
        if (dataset.test().isEmpty()) {
            throw new BadInputException(data + ": the dataset has no test views");
        }
        Path imageDir = out.toAbsolutePath().getParent();
        Map<String, Object> report = new LinkedHashMap<>();
        try (Gpu device = Gpu.open(gpu.options())) {
            List<Evaluator.ViewMetrics> views = Evaluator.evaluate(device, loaded.gaussians(), dataset.test(),
                    loaded.whiteBackground(), imageDir.resolve("radiance"));
            report.put("nvs_psnr", views.stream().mapToDouble(Evaluator.ViewMetrics::psnr).average().orElse(Double.NaN));
            report.put("nvs_ssim", views.stream().mapToDouble(Evaluator.ViewMetrics::ssim).average().orElse(Double.NaN));
            if (loaded.relightable()) {
                report.putAll(new MaterialEvaluator(device, loaded, dataset.test(), imageDir)
                        .evaluate(RelightingEnvironments.of(data), hdris, RelightingEnvironments.training(data)));
            } else if (!hdris.isEmpty()) {
                throw new BadInputException(asset + ": --hdri needs a relightable asset (train its bake and material stages)");
            }
            report.put("gaussians", loaded.gaussians().count());
            report.put("seconds", (System.nanoTime() - started) / 1e9);
            report.put("gpu", device.info().name());
            report.put("background", loaded.whiteBackground() ? "white" : "black");
            report.put("notes", "nvs: radiance renders (SH colour); nvs_pbr: the split-sum shading of the material under the "
                    + "learned light. PSNR over all pixels and channels of each view, averaged over views; SSIM with an 11x11 "
                    + "Gaussian window (sigma 1.5); test pictures composited on the background.");
            report.put("views", views);
        }
        AtomicFiles.writeJson(out, report);
        System.out.printf("%s: NVS %.2f dB%s over %d test views; pictures in %s%n", out, (double) report.get("nvs_psnr"),
                summary(report), dataset.test().size(), imageDir);
        return 0;
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
