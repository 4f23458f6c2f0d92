package dev.splatlight.trainer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.splatlight.core.asset.GaussianPly;
import dev.splatlight.core.cli.BadInputException;
import dev.splatlight.core.gpu.DeviceSelection;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuOptions;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.trainer.data.Dataset;
import dev.splatlight.trainer.data.Datasets;
import dev.splatlight.trainer.eval.Evaluator;
import dev.splatlight.trainer.export.AssetWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./splatlight eval}: render the test views of a dataset with an asset and report the metrics. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Render a dataset's test views with an asset; write a JSON report and the renders as PNG beside it.")
public final class EvalCommand implements Callable<Integer> {
    @Option(names = "--asset", required = true, description = "Asset directory written by 'train'.")
    Path asset;

    @Option(names = "--data", required = true, description = "Dataset directory with the test views.")
    Path data;

    @Option(names = "--out", required = true, description = "Report file (JSON); renders are written beside it.")
    Path out;

    @Option(names = "--gpu", description = "Device index or part of its name.")
    String gpu;

    @Override
    public Integer call() throws IOException {
        long started = System.nanoTime();
        JsonNode manifest = readManifest(asset.resolve(dev.splatlight.core.asset.RelightableAsset.MANIFEST));
        boolean white = "white".equals(manifest.path("background").asText("black"));
        GaussianCloud cloud = GaussianPly.read(asset.resolve(dev.splatlight.core.asset.RelightableAsset.GAUSSIANS)).cloud();
        Dataset dataset = Datasets.open(data);
        if (dataset.test().isEmpty()) {
            throw new BadInputException(data + ": the dataset has no test views");
        }
        Path imageDir = out.toAbsolutePath().getParent();
        List<Evaluator.ViewMetrics> views;
        String gpuName;
        try (Gpu device = Gpu.open(GpuOptions.forProgram(DeviceSelection.fromOptionOrEnvironment(gpu)))) {
            gpuName = device.info().name();
            views = Evaluator.evaluate(device, cloud, dataset.test(), white, imageDir);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("nvs_psnr", views.stream().mapToDouble(Evaluator.ViewMetrics::psnr).average().orElse(Double.NaN));
        report.put("nvs_ssim", views.stream().mapToDouble(Evaluator.ViewMetrics::ssim).average().orElse(Double.NaN));
        report.put("gaussians", cloud.count());
        report.put("seconds", (System.nanoTime() - started) / 1e9);
        report.put("gpu", gpuName);
        report.put("background", white ? "white" : "black");
        report.put("notes", "Radiance renders (SH colour) against the test photos composited on the background; PSNR over all "
                + "pixels and channels of each view, averaged over views; SSIM with an 11x11 Gaussian window (sigma 1.5).");
        report.put("views", views);
        AssetWriter.writeJson(out, report);
        System.out.printf("%s: PSNR %.2f dB, SSIM %.4f over %d test views; renders in %s%n", out,
                (double) report.get("nvs_psnr"), (double) report.get("nvs_ssim"), views.size(), imageDir);
        return 0;
    }

    private static JsonNode readManifest(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (java.io.FileNotFoundException e) {
            throw new BadInputException(file + ": not found (is --asset an asset directory written by 'train'?)");
        } catch (IOException e) {
            throw new BadInputException(file + ": not valid JSON (" + e.getMessage() + ")");
        }
    }
}
