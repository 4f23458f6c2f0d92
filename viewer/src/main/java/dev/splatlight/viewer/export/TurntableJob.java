package dev.splatlight.viewer.export;

import dev.splatlight.viewer.render.HeadlessRenderer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A turntable export in progress, advanced one frame at a time by the thread that owns the GPU: the command line
 * loops over it, the viewer renders a frame between two of its own. Frames go to an encoder thread through a bounded
 * queue of {@value #QUEUE_DEPTH}, so the GPU runs ahead of the encoder by that much and no further, and memory stays at
 * a few frames whatever the length; pixel arrays are recycled (a 1080p frame is 8 MB). The caller owns the sink and
 * closes it after this job.
 */
public final class TurntableJob implements AutoCloseable {
    /** Frames that may wait between renderer and encoder. */
    public static final int QUEUE_DEPTH = 4;

    /** Called on the encoder thread after each frame is written. */
    @FunctionalInterface
    public interface Progress {
        void framesWritten(int written, int total);
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

    private final HeadlessRenderer renderer;
    private final Turntable turntable;
    private final FrameSink sink;
    private final BlockingQueue<byte[]> free, filled;
    private final byte[] endOfFrames = new byte[0];
    private final Thread encoder;
    private final AtomicReference<Throwable> encoderFailure = new AtomicReference<>();
    private final AtomicInteger written = new AtomicInteger();
    private final long begin = System.nanoTime();
    private volatile long encodeNanos;
    private long renderNanos, waitNanos;
    private int rendered;
    private boolean finished;

    public TurntableJob(HeadlessRenderer renderer, Turntable turntable, FrameSink sink, Progress progress) {
        if (turntable.motion() == TurntableMotion.LIGHT && !renderer.litByHdri()) {
            throw new IllegalArgumentException("a turning-light turntable needs an HDRI light (the learned light cannot turn)");
        }
        this.renderer = renderer;
        this.turntable = turntable;
        this.sink = sink;
        int buffers = QUEUE_DEPTH + 2; // one being rendered, one being encoded, the rest waiting
        free = new ArrayBlockingQueue<>(buffers);
        filled = new ArrayBlockingQueue<>(buffers + 1); // + the end marker: putting it never blocks
        for (int i = 0; i < buffers; i++) {
            free.add(new byte[4 * turntable.width() * turntable.height()]);
        }
        encoder = new Thread(() -> encode(progress), "turntable encoder");
        encoder.setDaemon(true);
        encoder.start();
    }

    private void encode(Progress progress) {
        try {
            while (true) {
                byte[] frame = filled.take();
                if (frame == endOfFrames) {
                    return;
                }
                long start = System.nanoTime();
                sink.write(frame);
                encodeNanos += System.nanoTime() - start; // this thread alone writes it
                free.put(frame);
                progress.framesWritten(written.incrementAndGet(), turntable.frames());
            }
        } catch (InterruptedException e) {
            // closed early: stop here
        } catch (Throwable e) {
            encoderFailure.set(e);
        }
    }

    public Turntable turntable() {
        return turntable;
    }

    public boolean allRendered() {
        return rendered == turntable.frames();
    }

    public int framesWritten() {
        return written.get();
    }

    /** Whether the encoder has written every frame (or failed): {@link #finish} will then not wait. */
    public boolean encoderDone() {
        return !encoder.isAlive();
    }

    /**
     * Renders the next frame if a pixel array frees up within {@code waitMillis} (it does not while the encoder is
     * behind by {@value #QUEUE_DEPTH} frames); after the last frame, tells the encoder there are no more.
     *
     * @return whether a frame was rendered
     * @throws IOException the encoder's failure, once it has failed
     */
    public boolean renderNext(long waitMillis) throws IOException, InterruptedException {
        rethrowEncoderFailure();
        if (allRendered()) {
            return false;
        }
        long waitStart = System.nanoTime();
        byte[] pixels = free.poll(waitMillis, TimeUnit.MILLISECONDS);
        long renderStart = System.nanoTime();
        waitNanos += renderStart - waitStart;
        if (pixels == null) {
            return false;
        }
        if (turntable.motion() == TurntableMotion.LIGHT) {
            renderer.turnHdri(turntable.hdriRotation(rendered));
        }
        renderer.renderInto(turntable.camera(rendered), turntable.width(), turntable.height(), turntable.display(), pixels);
        renderNanos += System.nanoTime() - renderStart;
        filled.put(pixels);
        if (++rendered == turntable.frames()) {
            filled.put(endOfFrames);
        }
        return true;
    }

    /** After the last frame: waits for the encoder, commits the sink and says where the time went. */
    public Timing finish() throws IOException, InterruptedException {
        if (!allRendered()) {
            throw new IllegalStateException("finish() before every frame was rendered (" + rendered + " of " + turntable.frames() + ")");
        }
        encoder.join();
        rethrowEncoderFailure();
        long commitStart = System.nanoTime();
        sink.commit();
        finished = true;
        long end = System.nanoTime();
        return new Timing(turntable.frames(), renderNanos * 1e-9, encodeNanos * 1e-9, waitNanos * 1e-9,
                (end - commitStart) * 1e-9, (end - begin) * 1e-9);
    }

    private void rethrowEncoderFailure() throws IOException {
        Throwable failure = encoderFailure.get();
        if (failure instanceof IOException io) {
            throw io;
        } else if (failure instanceof RuntimeException runtime) {
            throw runtime;
        } else if (failure instanceof Error error) {
            throw error;
        }
    }

    /** Stops the encoder (at once if unfinished) and waits for it, so that the caller may close the sink. */
    @Override
    public void close() {
        if (!finished) {
            encoder.interrupt();
        }
        boolean interrupted = false;
        while (encoder.isAlive()) {
            try {
                encoder.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
