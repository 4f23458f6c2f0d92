package dev.splatlight.viewer.export;

import dev.splatlight.core.asset.RelightableAsset;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.light.GBufferShader;
import dev.splatlight.core.light.io.HdrImage;
import dev.splatlight.viewer.render.HeadlessRenderer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A turntable export the viewer runs beside its own frames: {@link #step} renders export frames for a few
 * milliseconds of each viewer frame, an encoder thread writes them, and the window stays responsive. It has a renderer
 * of its own (the asset uploaded once more), so export frames of another size do not resize the window's buffers.
 */
public final class BackgroundTurntable implements AutoCloseable {
    /** Where an export stands after a step. */
    public enum Phase { RUNNING, DONE, FAILED }

    private final Path out;
    private final HeadlessRenderer renderer;
    private final FrameSink sink;
    private final TurntableJob job;
    private Phase phase = Phase.RUNNING;
    private String message = "";

    /**
     * @param hdri the HDRI lighting the view (its intensity applied), or null for the learned light
     */
    public BackgroundTurntable(Gpu gpu, RelightableAsset asset, HdrImage hdri, GBufferShader.Overrides overrides,
                               Turntable turntable, Path out, int quantiser) throws IOException {
        this(gpu, asset, java.util.List.of(), hdri, overrides, false, turntable, out, quantiser);
    }

    /**
     * As above, with the view's meshes where they stand (copied: the view may move them meanwhile) and its choice of
     * traced reflections.
     */
    public BackgroundTurntable(Gpu gpu, RelightableAsset asset, java.util.List<dev.splatlight.viewer.render.SceneMesh> meshes,
                               HdrImage hdri, GBufferShader.Overrides overrides, boolean tracedReflections, Turntable turntable,
                               Path out, int quantiser)
            throws IOException {
        this.out = out;
        HeadlessRenderer made = new HeadlessRenderer(gpu, asset, hdri, turntable.hdriRotationDegrees());
        FrameSink opened = null;
        try {
            for (var mesh : meshes) {
                made.addMesh(mesh.source(), mesh.mesh(), mesh.placement());
            }
            made.setOverrides(overrides);
            made.setTracedReflections(tracedReflections);
            opened = FrameSinks.open(out, turntable, quantiser);
            job = new TurntableJob(made, turntable, opened, (written, total) -> { });
        } catch (IOException | RuntimeException e) {
            if (opened != null) {
                opened.close();
            }
            made.close();
            throw e;
        }
        renderer = made;
        sink = opened;
    }

    /** Renders export frames for about {@code budgetMillis} (at least one when the encoder has room); commits at the end. */
    public Phase step(double budgetMillis) {
        if (phase != Phase.RUNNING) {
            return phase;
        }
        long end = System.nanoTime() + (long) (budgetMillis * 1e6);
        try {
            while (!job.allRendered() && job.renderNext(0) && System.nanoTime() < end) {
                // next frame
            }
            if (job.allRendered() && job.encoderDone()) {
                TurntableJob.Timing timing = job.finish();
                phase = Phase.DONE;
                message = String.format(Locale.ROOT, "wrote %s (%d frames in %.1f s)", out.toAbsolutePath(), timing.frames(),
                        timing.wallSeconds());
            }
        } catch (IOException | RuntimeException e) {
            phase = Phase.FAILED;
            message = "export failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            phase = Phase.FAILED;
            message = "export interrupted";
        }
        return phase;
    }

    /** Frames written over frames in all, 0..1. */
    public float progress() {
        return job.framesWritten() / (float) job.turntable().frames();
    }

    /** What the panel shows once the export ended. */
    public String message() {
        return message;
    }

    /** Ends the export; before it is done, cancels it and removes what it wrote. */
    @Override
    public void close() {
        job.close();
        sink.close();
        renderer.close();
    }
}
