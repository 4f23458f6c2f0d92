package dev.splatlight.viewer.cli;

import dev.splatlight.core.asset.AtomicFiles;
import dev.splatlight.core.asset.RelightableAsset;
import dev.splatlight.core.cli.BadInputException;
import dev.splatlight.core.cli.GpuChoice;
import dev.splatlight.core.cli.OutputPaths;
import dev.splatlight.core.cli.StopRequest;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.light.io.HdrImage;
import dev.splatlight.viewer.camera.OrbitCamera;
import dev.splatlight.viewer.export.FrameSink;
import dev.splatlight.viewer.export.FrameSinks;
import dev.splatlight.viewer.export.Turntable;
import dev.splatlight.viewer.export.TurntableExport;
import dev.splatlight.viewer.export.TurntableJob;
import dev.splatlight.viewer.export.TurntableMotion;
import dev.splatlight.viewer.render.DisplaySettings;
import dev.splatlight.viewer.render.HeadlessRenderer;
import dev.splatlight.viewer.render.ViewMode;
import dev.splatlight.viewer.scene.SceneDescription;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./splatlight turntable}: a relit turntable of an asset as an H.264 MP4 or a PNG sequence, headless. */
@Command(name = "turntable", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Render a relit turntable of an asset without a window — the camera orbiting it, or the HDRI turning "
                + "around it — and encode it as an H.264 MP4 (yuv420p, faststart; plays in browsers) or, when --out is "
                + "a folder, a PNG sequence.")
public final class TurntableCommand implements Callable<Integer> {
    @Mixin
    AssetChoice asset;

    @Option(names = "--out", required = true, description = "FILE.mp4 for a video, or a new (or empty) folder for frame_0000.png, frame_0001.png, …")
    Path out;

    @Option(names = "--frames", defaultValue = "120", description = "Frames in one full turn (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--fps", defaultValue = "30", description = "Frames per second of the video (default: ${DEFAULT-VALUE}).")
    int fps;

    @Option(names = "--size", defaultValue = "1280x720", description = "Frame size WxH; even numbers for a video (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--mode", defaultValue = "camera", description = "camera (the camera orbits) or light (the HDRI turns, the camera stays) (default: ${DEFAULT-VALUE}).")
    String motion;

    @Mixin
    OrbitOptions orbit;

    @Option(names = "--crf", defaultValue = "20", description = "H.264 quality 0..51, lower is better; a constant quantiser, as OpenH264 has no CRF mode (default: ${DEFAULT-VALUE}).")
    int crf;

    @Option(names = "--view", defaultValue = "shaded",
            description = "What to show: shaded, albedo, normal, roughness, metallic, occlusion, indirect, depth or radiance (default: ${DEFAULT-VALUE}).")
    ViewMode view;

    @Option(names = "--json", description = "Also write the settings and the timing (render, encode, end to end) to this JSON file.")
    Path json;

    @Mixin
    LookOptions look;

    @Mixin
    SceneOptions sceneOptions;

    @Mixin
    GpuChoice gpu;

    @Override
    public Integer call() throws Exception {
        TurntableMotion turning = parseMotion(motion);
        int[] wh = RenderCommand.parseSize(size);
        SceneDescription scene = sceneOptions.readInto(look);
        checkOptions(turning);
        FrameSinks.prepare(out, wh[0], wh[1]);
        if (json != null) {
            OutputPaths.fileIn(json);
        }
        Path source = asset.source(scene);
        view = sceneOptions.mode(view, "--view", scene);
        RelightableAsset loaded = RelightableAsset.open(source);
        HdrImage image = look.readHdri();
        List<SceneOptions.ReadMesh> meshes = sceneOptions.readMeshes(scene);
        DisplaySettings display = look.display(view);
        StopRequest stop = StopRequest.onSignals("stopping the export; its unfinished file is removed");
        TurntableJob.Timing timing;
        try (Gpu device = Gpu.open(gpu.options());
             HeadlessRenderer renderer = new HeadlessRenderer(device, loaded, image, look.hdriRotation)) {
            renderer.setTracedReflections(look.tracedReflections(loaded));
            SceneOptions.place(meshes, renderer);
            OrbitCamera camera = orbit.orbit(loaded.gaussians(), scene == null ? null : scene.camera(), sceneOptions.given());
            Turntable turntable = new Turntable(camera, wh[0], wh[1], frames, fps, turning, look.hdriRotation, display);
            try (FrameSink sink = FrameSinks.open(out, turntable, crf);
                 ProgressBar bar = new ProgressBarBuilder().setTaskName("turntable").setInitialMax(frames)
                         .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed()
                         .setUnit(" frames", 1).setMaxRenderedLength(120).build()) {
                timing = TurntableExport.run(renderer, turntable, sink, (written, total) -> bar.stepTo(written),
                        stop::requested);
            }
            if (json != null) {
                AtomicFiles.writeJson(json, report(device.info().name(), source, turntable, timing));
            }
        } catch (TurntableExport.Cancelled cancelled) { // the device is closed and the temporary removed by now
            System.err.printf("splatlight: stopped (%s): %s; nothing was written to %s%n", stop.reason(),
                    cancelled.getMessage(), out);
            return StopRequest.EXIT_STATUS;
        }
        System.out.printf(Locale.ROOT, "wrote %s (%d frames, %dx%d, %.1f s at %d fps) in %.1f s: render %.1f s, encode %.1f s%n",
                out, frames, wh[0], wh[1], frames / (double) fps, fps, timing.wallSeconds(), timing.renderSeconds(),
                timing.encodeSeconds());
        return 0;
    }

    private void checkOptions(TurntableMotion turning) {
        if (frames < 1 || frames > 100_000) {
            throw new BadInputException("--frames must be within 1..100000, got " + frames);
        }
        if (fps < 1 || fps > Turntable.MAX_FPS) {
            throw new BadInputException("--fps must be within 1.." + Turntable.MAX_FPS + ", got " + fps);
        }
        if (crf < 0 || crf > 51) {
            throw new BadInputException("--crf must be within 0..51, got " + crf);
        }
        if (turning == TurntableMotion.LIGHT && look.hdri == null) {
            throw new BadInputException("--mode light turns an HDRI around the asset: give one with --hdri FILE");
        }
        if (!(orbit.pitch > -90 && orbit.pitch < 90)) {
            throw new BadInputException("--elevation must be within (-90, 90) degrees, got " + orbit.pitch);
        }
    }

    static TurntableMotion parseMotion(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "camera" -> TurntableMotion.CAMERA;
            case "light" -> TurntableMotion.LIGHT;
            default -> throw new BadInputException("--mode must be camera or light, got '" + text + "'");
        };
    }

    private static Map<String, Object> report(String gpuName, Path source, Turntable turntable, TurntableJob.Timing timing) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("gpu", gpuName);
        report.put("asset", source.toString());
        report.put("width", turntable.width());
        report.put("height", turntable.height());
        report.put("fps", turntable.fps());
        report.put("motion", turntable.motion().name().toLowerCase(Locale.ROOT));
        report.put("timing", timing.summary());
        return report;
    }
}
