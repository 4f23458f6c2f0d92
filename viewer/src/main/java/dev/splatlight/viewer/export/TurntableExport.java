package dev.splatlight.viewer.export;

import dev.splatlight.viewer.render.HeadlessRenderer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** A whole turntable export on the calling thread (which owns the GPU), rendering and encoding overlapped: see {@link TurntableJob}. */
public final class TurntableExport {
    /** Thrown when {@code cancelled} became true: nothing was committed. */
    public static final class Cancelled extends RuntimeException {
        public Cancelled(int framesWritten) {
            super("export cancelled after " + framesWritten + " frames");
        }
    }

    /**
     * Seconds spent, each summed over frames: rendering (GPU and read-back), encoding (conversion, compression,
     * writing), and the renderer waiting for a free frame because the encoder was behind; the commit at the end; and
     * wall time end to end.
     */
    public record Timing(int frames, double renderSeconds, double encodeSeconds, double rendererWaitSeconds,
                         double commitSeconds, double wallSeconds) {
        public double framesPerSecond() {
            return frames / wallSeconds;
        }

        public Map<String, Object> summary() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("frames", frames);
            out.put("render_seconds", renderSeconds);
            out.put("render_ms_per_frame", 1e3 * renderSeconds / frames);
            out.put("encode_seconds", encodeSeconds);
            out.put("encode_ms_per_frame", 1e3 * encodeSeconds / frames);
            out.put("renderer_wait_seconds", rendererWaitSeconds);
            out.put("commit_seconds", commitSeconds);
            out.put("wall_seconds", wallSeconds);
            out.put("frames_per_second", framesPerSecond());
            return out;
        }
    }

    private TurntableExport() {
    }

    /**
     * Renders every frame of {@code turntable} with {@code renderer} into {@code sink} and commits it.
     *
     * @param cancelled polled between frames; once true, the export stops and throws {@link Cancelled} without committing
     */
    public static Timing run(HeadlessRenderer renderer, Turntable turntable, FrameSink sink, TurntableJob.Progress progress,
                             BooleanSupplier cancelled) throws IOException {
        try (TurntableJob job = new TurntableJob(renderer, turntable, sink, progress)) {
            while (!job.allRendered()) {
                if (cancelled.getAsBoolean()) {
                    throw new Cancelled(job.framesWritten());
                }
                job.renderNext(100); // waits while the encoder is behind; polls the cancel flag every 100 ms
            }
            return job.finish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled(0);
        }
    }
}
