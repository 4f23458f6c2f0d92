package dev.splatlight.viewer.window;

import dev.splatlight.core.light.io.HdrImage;
import dev.splatlight.core.light.io.HdrImageReader;
import dev.splatlight.viewer.render.HeadlessRenderer;
import dev.splatlight.viewer.ui.ControlPanel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The HDRI lighting the window's view (null: the asset's learned light): a new one is decoded off the render thread
 * and swapped in by the frame loop when ready; a broken file shows one line in the panel and the light stays.
 */
final class WindowLight {
    private final ControlPanel.State state;
    private HdrImage image;             // kept to turn and brighten it
    private Path file;                  // what a saved scene names
    private CompletableFuture<HdrImage> pending;
    private Path pendingFile;

    WindowLight(ControlPanel.State state, HdrImage image) {
        this.state = state;
        this.image = image;
    }

    HdrImage image() {
        return image;
    }

    Path file() {
        return image == null ? null : file;
    }

    void setFile(Path file) {
        this.file = file;
    }

    /** Starts decoding {@code hdri}; {@link #takeFinished} swaps it in. */
    void load(Path hdri) {
        state.status = "loading " + hdri.getFileName();
        pendingFile = hdri;
        pending = CompletableFuture.supplyAsync(() -> HdrImageReader.read(hdri));
    }

    /** Lights {@code renderer} with a finished HDRI (unturned, at its own intensity). */
    void takeFinished(HeadlessRenderer renderer) {
        if (pending == null || !pending.isDone()) {
            return;
        }
        try {
            image = pending.join();
            file = pendingFile;
            state.hdriRotation = 0;
            state.hdriIntensity = 0;
            renderer.useHdri(image, 0, 0);
            state.status = "";
        } catch (CompletionException e) { // a broken file: say so, keep the current light
            state.status = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
        }
        pending = null;
    }
}
