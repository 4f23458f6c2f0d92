package dev.splatlight.viewer.export;

import dev.splatlight.viewer.render.HeadlessRenderer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Renders a turntable and hands its frames to a {@link FrameSink}, the two overlapped: the calling thread renders (it
 * owns the GPU), an encoder thread writes, and a bounded queue of {@value #QUEUE_DEPTH} frames between them lets the
 * GPU run ahead of the encoder by that much and no further (memory stays at a few frames whatever the length). Pixel
 * arrays are recycled through a second queue, so a 1080p export does not allocate 8 MB per frame.
 */
public final class TurntableExport {
    /** Frames that may wait between renderer and encoder. */
    public static final int QUEUE_DEPTH = 4;

    /** Called on the encoder thread after each frame is written. */
    @FunctionalInterface
    public interface Progress {
        void framesWritten(int written, int total);
    }

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
    public static Timing run(HeadlessRenderer renderer, Turntable turntable, FrameSink sink, Progress progress,
                             BooleanSupplier cancelled) throws IOException {
        if (turntable.motion() == TurntableMotion.LIGHT && !renderer.litByHdri()) {
            throw new IllegalArgumentException("a turning-light turntable needs an HDRI light (the learned light cannot turn)");
        }
        long begin = System.nanoTime();
        int bytes = 4 * turntable.width() * turntable.height();
        int buffers = QUEUE_DEPTH + 2; // one being rendered, one being encoded, the rest waiting
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(buffers);
        BlockingQueue<byte[]> filled = new ArrayBlockingQueue<>(buffers + 1); // + the end marker: never blocks
        for (int i = 0; i < buffers; i++) {
            free.add(new byte[bytes]);
        }
        byte[] endOfFrames = new byte[0];
        AtomicReference<Throwable> encoderFailure = new AtomicReference<>();
        long[] encodeNanos = {0};
        int[] written = {0};
        Thread encoder = new Thread(() -> {
            try {
                while (true) {
                    byte[] frame = filled.take();
                    if (frame == endOfFrames) {
                        return;
                    }
                    long start = System.nanoTime();
                    sink.write(frame);
                    encodeNanos[0] += System.nanoTime() - start;
                    free.put(frame);
                    progress.framesWritten(++written[0], turntable.frames());
                }
            } catch (Throwable e) {
                encoderFailure.set(e);
            }
        }, "turntable encoder");
        encoder.setDaemon(true);
        encoder.start();

        long renderNanos = 0, waitNanos = 0;
        boolean stopped = false;
        try {
            for (int i = 0; i < turntable.frames(); i++) {
                if (cancelled.getAsBoolean() || encoderFailure.get() != null) {
                    stopped = true;
                    break;
                }
                long waitStart = System.nanoTime();
                byte[] pixels = null;
                while (pixels == null && encoderFailure.get() == null) {
                    pixels = free.poll(100, TimeUnit.MILLISECONDS);
                }
                if (pixels == null) {
                    stopped = true;
                    break;
                }
                long renderStart = System.nanoTime();
                waitNanos += renderStart - waitStart;
                if (turntable.motion() == TurntableMotion.LIGHT) {
                    renderer.turnHdri(turntable.hdriRotation(i));
                }
                renderer.renderInto(turntable.camera(i), turntable.width(), turntable.height(), turntable.display(), pixels);
                renderNanos += System.nanoTime() - renderStart;
                filled.put(pixels);
            }
            filled.put(endOfFrames);
            encoder.join();
        } catch (InterruptedException e) {
            encoder.interrupt();
            Thread.currentThread().interrupt();
            throw new Cancelled(written[0]);
        }
        Throwable failure = encoderFailure.get();
        if (failure instanceof IOException io) {
            throw io;
        } else if (failure instanceof RuntimeException runtime) {
            throw runtime;
        } else if (failure != null) {
            throw new IllegalStateException("the turntable encoder failed", failure);
        }
        if (stopped) {
            throw new Cancelled(written[0]);
        }
        long commitStart = System.nanoTime();
        sink.commit();
        long end = System.nanoTime();
        return new Timing(turntable.frames(), renderNanos * 1e-9, encodeNanos[0] * 1e-9, waitNanos * 1e-9,
                (end - commitStart) * 1e-9, (end - begin) * 1e-9);
    }
}
