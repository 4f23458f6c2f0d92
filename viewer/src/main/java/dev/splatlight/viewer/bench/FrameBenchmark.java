package dev.splatlight.viewer.bench;

import dev.splatlight.core.bench.HeapUsage;
import dev.splatlight.viewer.camera.OrbitCamera;
import dev.splatlight.viewer.render.DisplaySettings;
import dev.splatlight.viewer.render.HeadlessRenderer;
import dev.splatlight.core.light.io.HdrImage;
import dev.splatlight.core.light.io.HdrImageReader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Times the viewer's frame: the camera turns once around the asset over the measured frames, each frame is rendered
 * and waited for (wall time, as the window's frame loop sees it, without presenting) and its passes are timed on the
 * GPU with timestamp queries. Warm-up frames first, so that pipelines, buffers and caches settle.
 */
public final class FrameBenchmark {
    /** Wall milliseconds per frame and mean GPU milliseconds per pass. */
    public record Result(int frames, int width, int height, double[] wallMillis, Map<String, Double> gpuMillisPerPass) {
        public double wallPercentile(double p) {
            double[] sorted = wallMillis.clone();
            Arrays.sort(sorted);
            return sorted[(int) Math.round(p * (sorted.length - 1))];
        }

        public double wallMean() {
            return Arrays.stream(wallMillis).average().orElse(Double.NaN);
        }

        public double gpuTotal() {
            return gpuMillisPerPass.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** For the JSON report. */
        public Map<String, Object> summary() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("frames", frames);
            out.put("width", width);
            out.put("height", height);
            out.put("wall_ms_mean", wallMean());
            out.put("wall_ms_p50", wallPercentile(0.5));
            out.put("wall_ms_p95", wallPercentile(0.95));
            out.put("wall_ms_max", wallPercentile(1));
            out.put("fps_mean", 1000 / wallMean());
            out.put("gpu_ms_total_mean", gpuTotal());
            out.put("gpu_ms_per_pass_mean", gpuMillisPerPass);
            return out;
        }
    }

    /** Milliseconds of an HDRI switch: decoding the file, then from handing it to the renderer to the first frame done. */
    public record SwitchTiming(double decodeMillis, double firstFrameMillis, double firstFrameMaxMillis) {
    }

    /**
     * A long run's memory: device bytes allocated through VMA and host heap in use (after a GC), sampled after the
     * first interval (warm: caches and pools filled) and at the end, with the largest of every sample in between.
     */
    public record SoakResult(int frames, int switches, double wallSeconds, long deviceBytesStart, long deviceBytesEnd,
                             long deviceBytesMax, long heapBytesStart, long heapBytesEnd, long heapBytesMax) {
        public Map<String, Object> summary() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("frames", frames);
            out.put("hdri_switches", switches);
            out.put("wall_seconds", wallSeconds);
            out.put("device_bytes_start", deviceBytesStart);
            out.put("device_bytes_end", deviceBytesEnd);
            out.put("device_bytes_max", deviceBytesMax);
            out.put("heap_bytes_start", heapBytesStart);
            out.put("heap_bytes_end", heapBytesEnd);
            out.put("heap_bytes_max", heapBytesMax);
            return out;
        }
    }

    private FrameBenchmark() {
    }

    /**
     * Renders {@code frames} frames as the camera turns, switching the light to {@code hdri} (turned a little more each
     * time) every {@code switchEvery} frames — what a long viewer session does — and samples device and host memory
     * at each switch: a leak shows as growth from the first sample to the last.
     */
    public static SoakResult soak(HeadlessRenderer renderer, dev.splatlight.core.gpu.Gpu gpu, HdrImage hdri,
                                  OrbitCamera start, int width, int height, DisplaySettings display, int frames,
                                  int switchEvery) {
        if (frames < 1 || switchEvery < 1) {
            throw new IllegalArgumentException("frames and switchEvery must be >= 1, got " + frames + ", " + switchEvery);
        }
        long begin = System.nanoTime();
        long deviceStart = -1, heapStart = -1, deviceMax = 0, heapMax = 0, device = 0, heap = 0;
        int switches = 0;
        for (int i = 0; i < frames; i++) {
            if (i % switchEvery == 0) {
                renderer.useHdri(hdri, 15f * switches, 0);
                switches++;
                device = gpu.allocatedBytes();
                heap = HeapUsage.afterCollection();
                if (deviceStart < 0 && i > 0) { // after the first interval: pools and caches are warm
                    deviceStart = device;
                    heapStart = heap;
                }
                deviceMax = Math.max(deviceMax, device);
                heapMax = Math.max(heapMax, heap);
            }
            renderer.renderToBuffer(start.orbit(360f * i / frames, 0), width, height, display, false);
        }
        device = gpu.allocatedBytes();
        heap = HeapUsage.afterCollection();
        if (deviceStart < 0) {
            deviceStart = device;
            heapStart = heap;
        }
        return new SoakResult(frames, switches, (System.nanoTime() - begin) * 1e-9, deviceStart, device,
                Math.max(deviceMax, device), heapStart, heap, Math.max(heapMax, heap));
    }

    /**
     * Switches to {@code hdri} {@code switches} times. The viewer decodes on a worker thread, so what the user sees as
     * a stall is the second figure: cube conversion, mips, prefiltering and irradiance on the GPU, and one frame.
     */
    public static SwitchTiming hdriSwitch(HeadlessRenderer renderer, Path hdri, OrbitCamera camera, int width, int height,
                                          DisplaySettings display, int switches) {
        double decode = 0, frame = 0, frameMax = 0;
        for (int i = 0; i < switches; i++) {
            long begin = System.nanoTime();
            HdrImage image = HdrImageReader.read(hdri);
            long decoded = System.nanoTime();
            renderer.useHdri(image, 0, 0);
            renderer.renderToBuffer(camera, width, height, display, false);
            long shown = System.nanoTime();
            decode += (decoded - begin) * 1e-6 / switches;
            frame += (shown - decoded) * 1e-6 / switches;
            frameMax = Math.max(frameMax, (shown - decoded) * 1e-6);
        }
        return new SwitchTiming(decode, frame, frameMax);
    }

    public static Result run(HeadlessRenderer renderer, OrbitCamera start, int width, int height, DisplaySettings display,
                             int warmupFrames, int frames) {
        if (frames < 1 || warmupFrames < 0) {
            throw new IllegalArgumentException("frames must be >= 1 and warm-up frames >= 0, got " + frames + ", " + warmupFrames);
        }
        for (int i = 0; i < warmupFrames; i++) {
            renderer.renderToBuffer(start.orbit(360f * i / Math.max(1, warmupFrames), 0), width, height, display, false);
        }
        // wall times from frames as the viewer draws them; GPU phases from a second turn with timestamps, whose
        // queries and read-back would otherwise be counted in the wall time (the viewer profiles one frame in 30)
        double[] wall = new double[frames];
        for (int i = 0; i < frames; i++) {
            OrbitCamera camera = start.orbit(360f * i / frames, 0);
            long begin = System.nanoTime();
            renderer.renderToBuffer(camera, width, height, display, false);
            wall[i] = (System.nanoTime() - begin) * 1e-6;
        }
        Map<String, Double> gpu = new LinkedHashMap<>();
        for (int i = 0; i < frames; i++) {
            renderer.profileNextFrame();
            renderer.renderToBuffer(start.orbit(360f * i / frames, 0), width, height, display, false);
            renderer.lastPhases().forEach((pass, ms) -> gpu.merge(pass, ms / frames, Double::sum));
        }
        return new Result(frames, width, height, wall, gpu);
    }
}
