package dev.splatlight.viewer.window;

import dev.splatlight.core.asset.RelightableAsset;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.light.io.HdrImage;
import dev.splatlight.viewer.camera.OrbitCamera;
import dev.splatlight.viewer.export.BackgroundTurntable;
import dev.splatlight.viewer.export.Turntable;
import dev.splatlight.viewer.export.TurntableMotion;
import dev.splatlight.viewer.render.SceneMesh;
import dev.splatlight.viewer.ui.ControlPanel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The panel's turntable export: started from the current view, advanced a few milliseconds a frame, cancellable. */
final class WindowExport implements AutoCloseable {
    /** Milliseconds of each viewer frame spent rendering turntable frames while an export runs. */
    private static final double MILLIS_PER_FRAME = 12;

    private final ControlPanel.State state;
    private BackgroundTurntable export; // the export in progress, or null

    WindowExport(ControlPanel.State state) {
        this.state = state;
    }

    /**
     * Starts an export of the current view with the panel's settings; a bad setting shows in the panel.
     *
     * @param light the HDRI lighting the view (its intensity applied), or null for the learned light
     */
    void start(Gpu gpu, RelightableAsset asset, List<SceneMesh> meshes, HdrImage light, OrbitCamera camera) {
        try {
            TurntableMotion motion = state.exportTurnsLight && light != null ? TurntableMotion.LIGHT : TurntableMotion.CAMERA;
            Turntable turntable = new Turntable(camera, state.exportSize[0], state.exportSize[1], state.exportFrames[0],
                    state.exportFps[0], motion, state.hdriRotation, state.display());
            export = new BackgroundTurntable(gpu, asset, meshes, light, state.overrides(), state.tracedReflections, turntable,
                    Path.of(state.exportPath.get().strip()), state.exportQuality[0]);
            state.status = "exporting to " + state.exportPath.get().strip();
        } catch (IOException | RuntimeException e) {
            state.status = "cannot export: " + e.getMessage();
        }
    }

    /** Cancels a running export; what it wrote is removed. */
    void cancel() {
        if (export != null) {
            export.close();
            export = null;
            state.status = "turntable export cancelled";
        }
    }

    /** Advances a running export by a few milliseconds of this frame and shows its progress. */
    void step() {
        if (export == null) {
            state.exportProgress = -1;
            return;
        }
        BackgroundTurntable.Phase phase = export.step(MILLIS_PER_FRAME);
        state.exportProgress = export.progress();
        if (phase != BackgroundTurntable.Phase.RUNNING) {
            state.status = export.message();
            export.close();
            export = null;
            state.exportProgress = -1;
        }
    }

    /** An export still running when the window closes is cancelled. */
    @Override
    public void close() {
        if (export != null) {
            export.close();
            export = null;
        }
    }
}
