package dev.splatlight.viewer.export;

import dev.splatlight.viewer.render.HeadlessRenderer;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/** A whole turntable export on the calling thread (which owns the GPU), rendering and encoding overlapped: see {@link TurntableJob}. */
public final class TurntableExport {
    /** Thrown when {@code cancelled} became true: nothing was committed. */
    public static final class Cancelled extends RuntimeException {
        public Cancelled(int framesWritten) {
            super("export cancelled after " + framesWritten + " frames");
        }
    }

    private TurntableExport() {
    }

    /**
     * Renders every frame of {@code turntable} with {@code renderer} into {@code sink} and commits it.
     *
     * @param cancelled polled between frames; once true, the export stops and throws {@link Cancelled} without committing
     */
    public static TurntableJob.Timing run(HeadlessRenderer renderer, Turntable turntable, FrameSink sink, TurntableJob.Progress progress,
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
