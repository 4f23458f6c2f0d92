package dev.splatlight.viewer.ui;

import dev.splatlight.core.light.GBufferShader;
import dev.splatlight.viewer.render.DisplaySettings;
import dev.splatlight.viewer.render.ViewMode;
import imgui.ImGui;
import imgui.flag.ImGuiCond;
import imgui.type.ImBoolean;
import imgui.type.ImInt;
import java.util.Arrays;
import java.util.Map;
import org.joml.Vector3f;

/**
 * The viewer's Dear ImGui panel: frame time, Gaussians and GPU; view mode, exposure, tone mapping, background and
 * its blur; the HDRI (open, turn); a screenshot button. It edits a {@link State} the window applies.
 */
public final class ControlPanel {
    private static final String[] MODES = Arrays.stream(ViewMode.values()).map(m -> m.name().toLowerCase()).toArray(String[]::new);

    /** What the panel shows and edits. Requests are one-shot: the window clears them when it acts. */
    public static final class State {
        public ViewMode mode = ViewMode.SHADED;
        public float exposure;
        public boolean aces = true;
        public boolean environmentBackground = true;
        public float blur;
        public float hdriRotation;
        /** In stops: the HDRI's radiance times 2^intensity (the learned light is as trained). */
        public float hdriIntensity;
        /** The HDRI's rotation or intensity changed: rebuild its cube. */
        public boolean lightChangeRequested;
        /** The asset's dataset cameras by name (none for assets without cameras.json). */
        public String[] datasetCameras = new String[0];
        /** The dataset camera asked for this frame, or −1. */
        public int datasetCameraRequested = -1;
        public boolean openRequested;
        public boolean screenshotRequested;
        public String status = "";
        /** Glossy surfaces reflect the scene itself (traced), not only the environment. */
        public boolean tracedReflections;
        /** The asset's material stage learned beside traced reflections (its manifest says so). */
        public boolean assetLearnedTraced;
        public boolean overrideAlbedo;
        public float[] albedo = {0.8f, 0.8f, 0.8f};
        public boolean overrideRoughness;
        public float roughness = 0.5f;
        public boolean overrideMetallic;
        public float metallic;
        /** Turntable export settings; the export starts from the current camera, light and view. */
        public final imgui.type.ImString exportPath = new imgui.type.ImString("turntable.mp4", 512);
        public final int[] exportFrames = {120}, exportFps = {30}, exportSize = {1280, 720}, exportQuality = {20};
        public boolean exportTurnsLight;
        public boolean exportRequested, exportCancelRequested;
        /** Fraction of the running export written, or −1 while none runs. */
        public float exportProgress = -1;

        /** The material preview, as the shader takes it. */
        /** The meshes beside the splats, one row each, rebuilt every frame; the panel edits them in place. */
        public final java.util.List<MeshRow> meshes = new java.util.ArrayList<>();
        public boolean addMeshRequested;
        public boolean saveSceneRequested;

        public GBufferShader.Overrides overrides() {
            return new GBufferShader.Overrides(overrideAlbedo ? new Vector3f(albedo[0], albedo[1], albedo[2]) : null,
                    overrideRoughness ? roughness : null, overrideMetallic ? metallic : null);
        }

        public DisplaySettings display() {
            return new DisplaySettings(mode, exposure, aces, environmentBackground ? null : new Vector3f(0.05f), blur);
        }
    }

    private final ImInt mode = new ImInt();
    private final float[] exposure = new float[1];
    private final float[] blur = new float[1];
    private final float[] rotation = new float[1];
    private final float[] intensity = new float[1];
    private final ImInt datasetCamera = new ImInt();
    private final ImBoolean aces = new ImBoolean(true);
    private final ImBoolean environment = new ImBoolean(true);

    /** Builds the panel for this frame (between ImGuiOverlay.newFrame and its record). */
    public void draw(State state, double frameMillis, int gaussians, String gpu, boolean hdriLoaded,
                     Map<String, Double> gpuPhases) {
        ImGui.setNextWindowPos(10, 10, ImGuiCond.FirstUseEver);
        ImGui.setNextWindowSize(300, 0, ImGuiCond.FirstUseEver);
        ImGui.begin("Splatlight");
        ImGui.text(String.format("%.2f ms  (%.0f FPS)", frameMillis, 1000 / Math.max(frameMillis, 1e-3)));
        ImGui.text(String.format("%,d Gaussians", gaussians));
        ImGui.textWrapped(gpu);
        if (!gpuPhases.isEmpty() && ImGui.collapsingHeader("GPU time per pass")) {
            gpuPhases.forEach((phase, ms) -> ImGui.text(String.format("%-22s %7.3f ms", phase, ms)));
        }
        ImGui.separator();
        mode.set(state.mode.ordinal());
        if (ImGui.combo("view", mode, MODES)) {
            state.mode = ViewMode.values()[mode.get()];
        }
        if (state.datasetCameras.length > 0 && ImGui.combo("dataset camera", datasetCamera, state.datasetCameras)) {
            state.datasetCameraRequested = datasetCamera.get(); // the orbit continues from there
        }
        exposure[0] = state.exposure;
        if (ImGui.sliderFloat("exposure (EV)", exposure, -6, 6)) {
            state.exposure = exposure[0];
        }
        aces.set(state.aces);
        if (ImGui.checkbox("ACES tone mapping", aces)) {
            state.aces = aces.get();
        }
        environment.set(state.environmentBackground);
        if (ImGui.checkbox("environment background", environment)) {
            state.environmentBackground = environment.get();
        }
        blur[0] = state.blur;
        if (ImGui.sliderFloat("background blur", blur, 0, 4)) {
            state.blur = blur[0];
        }
        ImGui.separator();
        if (ImGui.button("Open HDRI...")) {
            state.openRequested = true;
        }
        if (hdriLoaded) {
            rotation[0] = state.hdriRotation;
            if (ImGui.sliderFloat("HDRI rotation", rotation, -180, 180)) {
                state.hdriRotation = rotation[0];
            }
            if (ImGui.isItemDeactivatedAfterEdit()) { // re-converting the cube on every drag step would stall
                state.lightChangeRequested = true;
            }
            intensity[0] = state.hdriIntensity;
            if (ImGui.sliderFloat("HDRI intensity (EV)", intensity, -4, 4, "%.1f")) {
                state.hdriIntensity = intensity[0];
            }
            if (ImGui.isItemDeactivatedAfterEdit()) {
                state.lightChangeRequested = true;
            }
        }
        ImBoolean traced = new ImBoolean(state.tracedReflections);
        if (ImGui.checkbox("traced reflections", traced)) {
            state.tracedReflections = traced.get();
        }
        if (ImGui.isItemHovered()) {
            ImGui.setTooltip("Glossy surfaces show the scene itself, as eval relights them, not only the environment;"
                    + " ~5 ms more per 1080p frame on an H200." + (state.assetLearnedTraced
                    ? "\nThis asset learned its mirrors beside traced reflections: they look right with this on." : ""));
        }
        if (ImGui.collapsingHeader("material preview")) {
            ImBoolean on = new ImBoolean(state.overrideAlbedo);
            if (ImGui.checkbox("albedo", on)) {
                state.overrideAlbedo = on.get();
            }
            ImGui.sameLine();
            ImGui.colorEdit3("##albedo", state.albedo);
            on.set(state.overrideRoughness);
            if (ImGui.checkbox("roughness", on)) {
                state.overrideRoughness = on.get();
            }
            float[] value = {state.roughness};
            ImGui.sameLine();
            if (ImGui.sliderFloat("##roughness", value, 0.04f, 1)) {
                state.roughness = value[0];
            }
            on.set(state.overrideMetallic);
            if (ImGui.checkbox("metallic", on)) {
                state.overrideMetallic = on.get();
            }
            value[0] = state.metallic;
            ImGui.sameLine();
            if (ImGui.sliderFloat("##metallic", value, 0, 1)) {
                state.metallic = value[0];
            }
        }
        MeshPanel.draw(state);
        drawTurntableExport(state, hdriLoaded);
        if (ImGui.button("Screenshot")) {
            state.screenshotRequested = true;
        }
        if (!state.status.isEmpty()) {
            ImGui.textWrapped(state.status);
        }
        ImGui.end();
    }

    /** Turntable export: settings, then a progress bar and Cancel while it runs (the viewer keeps drawing). */
    private static void drawTurntableExport(State state, boolean hdriLoaded) {
        if (!ImGui.collapsingHeader("turntable export")) {
            return;
        }
        if (state.exportProgress >= 0) {
            ImGui.progressBar(state.exportProgress, -1, 0,
                    String.format("%.0f %% of %d frames", 100 * state.exportProgress, state.exportFrames[0]));
            if (ImGui.button("Cancel export")) {
                state.exportCancelRequested = true;
            }
            return;
        }
        ImGui.inputText("file (.mp4) or folder", state.exportPath);
        ImGui.dragInt("frames", state.exportFrames, 1, 1, 10000);
        ImGui.dragInt("fps", state.exportFps, 1, 1, 240);
        ImGui.inputInt2("size", state.exportSize);
        ImGui.sliderInt("quality (QP)", state.exportQuality, 10, 40);
        if (hdriLoaded) {
            ImBoolean light = new ImBoolean(state.exportTurnsLight);
            if (ImGui.checkbox("turn the HDRI (camera still)", light)) {
                state.exportTurnsLight = light.get();
            }
        }
        if (ImGui.button("Export turntable")) {
            state.exportRequested = true;
        }
    }
}
