package dev.splatlight.viewer.cli;

import dev.splatlight.core.asset.AtomicFiles;
import dev.splatlight.core.asset.RelightableAsset;
import dev.splatlight.core.cli.GpuChoice;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.light.ReflectionGrid;
import dev.splatlight.core.light.io.HdrImage;
import dev.splatlight.core.light.io.HdrImageReader;
import dev.splatlight.viewer.bench.FrameBenchmark;
import dev.splatlight.viewer.bench.SyntheticScene;
import dev.splatlight.viewer.camera.OrbitCamera;
import dev.splatlight.viewer.render.BundledAssets;
import dev.splatlight.viewer.render.DisplaySettings;
import dev.splatlight.viewer.render.HeadlessRenderer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./splatlight bench-view}: the viewer's frame time, wall and per pass on the GPU, over a turn of the camera. */
@Command(name = "bench-view", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Benchmark the viewer's frame (splats -> G-buffer -> split-sum shading -> composite) headless: "
                + "the camera turns once around the asset; wall time per frame and GPU time per pass.")
public final class BenchViewCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "ASSET", description = "Asset directory or .ply file (default: the bundled sample).")
    Path asset;

    @Option(names = "--synthetic", paramLabel = "N",
            description = "Benchmark a synthetic asset of N Gaussians on 12 spheres instead of ASSET.")
    Integer synthetic;

    @Option(names = "--hdri", description = "Light with this HDRI instead of the asset's learned light.")
    Path hdri;

    @Option(names = "--hdri-switch", paramLabel = "FILE",
            description = "Also time switching to this HDRI: decoding (off the render thread in the viewer), then conversion, "
                    + "prefiltering and the first frame (on it); the mean of --switches switches.")
    Path hdriSwitch;

    @Option(names = "--switches", defaultValue = "5", description = "HDRI switches timed with --hdri-switch (default: ${DEFAULT-VALUE}).")
    int switches;

    @Option(names = "--size", defaultValue = "1920x1080", description = "Frame size WxH (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--frames", defaultValue = "300", description = "Measured frames (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--warmup", defaultValue = "20", description = "Frames rendered before measuring (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--soak", paramLabel = "FRAMES", description = "After the benchmark, a soak: this many frames with "
            + "the light switched to --hdri-switch every --soak-switch-every frames; device (VMA) and heap memory at the "
            + "start and the end.")
    Integer soak;

    @Option(names = "--soak-switch-every", defaultValue = "100", description = "Frames between HDRI switches in the soak (default: ${DEFAULT-VALUE}).")
    int soakSwitchEvery;

    @Option(names = "--traced-reflections", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "Trace the scene's reflections in its glossy surfaces (the viewer's checkbox; default: ${DEFAULT-VALUE}).")
    boolean tracedReflections;

    @Option(names = "--json", description = "Write the results to this JSON file.")
    Path json;

    @Mixin
    GpuChoice gpu;

    @Override
    public Integer call() throws Exception {
        if (frames < 1 || warmup < 0) {
            throw new dev.splatlight.core.cli.BadInputException("--frames must be at least 1 and --warmup at least 0");
        }
        if (synthetic != null && asset != null) {
            throw new dev.splatlight.core.cli.BadInputException("give an ASSET or --synthetic N, not both");
        }
        if (soak != null && (soak < 1 || soakSwitchEvery < 1 || hdriSwitch == null)) {
            throw new dev.splatlight.core.cli.BadInputException("--soak needs a positive frame count, --soak-switch-every >= 1 "
                    + "and an HDRI to switch to (--hdri-switch FILE)");
        }
        if (switches < 1) {
            throw new dev.splatlight.core.cli.BadInputException("--switches must be at least 1, got " + switches);
        }
        Path source = synthetic == null ? BundledAssets.sampleUnless(asset) : null;
        int[] wh = RenderCommand.parseSize(size);
        RelightableAsset loaded = synthetic == null ? RelightableAsset.open(source) : SyntheticScene.spheres(synthetic);
        HdrImage image = hdri == null ? null : HdrImageReader.read(hdri);
        FrameBenchmark.Result result;
        FrameBenchmark.SwitchTiming switching = null;
        FrameBenchmark.SoakResult soaked = null;
        String device;
        ReflectionGrid grid = null;
        double gridMillis = 0;
        try (Gpu opened = gpu.open();
             HeadlessRenderer renderer = new HeadlessRenderer(opened, loaded, image, 0)) {
            device = opened.info().name();
            renderer.setTracedReflections(tracedReflections);
            if (tracedReflections) { // built before the first traced frame: timed apart from the frames
                long start = System.nanoTime();
                grid = renderer.reflectionGrid();
                gridMillis = (System.nanoTime() - start) / 1e6;
            }
            OrbitCamera view = HeadlessRenderer.framing(loaded.gaussians());
            result = FrameBenchmark.run(renderer, view, wh[0], wh[1], DisplaySettings.DEFAULT, warmup, frames);
            if (hdriSwitch != null) {
                switching = FrameBenchmark.hdriSwitch(renderer, hdriSwitch, view, wh[0], wh[1], DisplaySettings.DEFAULT, switches);
            }
            if (soak != null) {
                soaked = FrameBenchmark.soak(renderer, opened, HdrImageReader.read(hdriSwitch), view, wh[0], wh[1],
                        DisplaySettings.DEFAULT, soak, soakSwitchEvery);
            }
        }
        System.out.printf("%s, %,d Gaussians, %dx%d, %d frames: wall %.2f ms mean (p50 %.2f, p95 %.2f, max %.2f; %.0f FPS), "
                        + "GPU %.2f ms:%n", device, loaded.gaussians().count(), wh[0], wh[1], frames, result.wallMean(),
                result.wallPercentile(0.5), result.wallPercentile(0.95), result.wallPercentile(1), 1000 / result.wallMean(),
                result.gpuTotal());
        result.gpuMillisPerPass().forEach((pass, ms) -> System.out.printf("  %-22s %8.3f ms%n", pass, ms));
        if (grid != null) {
            System.out.printf("reflection grid: %d cells per axis, %,d entries (%d Gaussians left out), built in %.0f ms%n",
                    grid.cellsPerAxis(), grid.entries().length, grid.leftOut(), gridMillis);
        }
        if (switching != null) {
            System.out.printf("HDRI switch to %s (%d times): decode %.1f ms, then convert + prefilter + first frame %.1f ms "
                    + "(max %.1f)%n", hdriSwitch, switches, switching.decodeMillis(), switching.firstFrameMillis(),
                    switching.firstFrameMaxMillis());
        }
        if (soaked != null) {
            System.out.printf("soak: %d frames, %d HDRI switches in %.1f s; device memory %.1f → %.1f MiB (max %.1f), "
                    + "heap %.1f → %.1f MiB (max %.1f)%n", soaked.frames(), soaked.switches(), soaked.wallSeconds(),
                    soaked.deviceBytesStart() / 1048576.0, soaked.deviceBytesEnd() / 1048576.0, soaked.deviceBytesMax() / 1048576.0,
                    soaked.heapBytesStart() / 1048576.0, soaked.heapBytesEnd() / 1048576.0, soaked.heapBytesMax() / 1048576.0);
        }
        if (json != null) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("gpu", device);
            report.put("asset", source == null ? "synthetic: " + SyntheticScene.SPHERES + " spheres" : source.toString());
            report.put("gaussians", loaded.gaussians().count());
            report.put("light", hdri == null ? "learned" : hdri.toString());
            report.put("traced_reflections", tracedReflections);
            if (grid != null) {
                Map<String, Object> built = new LinkedHashMap<>(grid.summary());
                built.put("build_ms", gridMillis);
                report.put("reflection_grid", built);
            }
            report.putAll(result.summary());
            if (switching != null) {
                report.put("hdri_switch", Map.of("file", hdriSwitch.toString(), "switches", switches,
                        "decode_ms_mean", switching.decodeMillis(), "first_frame_ms_mean", switching.firstFrameMillis(),
                        "first_frame_ms_max", switching.firstFrameMaxMillis()));
            }
            if (soaked != null) {
                report.put("soak", soaked.summary());
            }
            AtomicFiles.writeJson(json, report);
            System.out.println("wrote " + json);
        }
        return 0;
    }
}
