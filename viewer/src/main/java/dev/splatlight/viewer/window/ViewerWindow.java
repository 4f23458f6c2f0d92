package dev.splatlight.viewer.window;

import static org.lwjgl.glfw.GLFW.*;

import dev.splatlight.core.asset.AssetCameras;
import dev.splatlight.core.asset.PngFiles;
import dev.splatlight.core.asset.RelightableAsset;
import dev.splatlight.core.cli.StopRequest;
import dev.splatlight.core.gpu.DeviceSelection;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.GpuOptions;
import dev.splatlight.core.gpu.Swapchain;
import dev.splatlight.core.light.io.HdrImage;
import dev.splatlight.core.mesh.MeshPlacement;
import dev.splatlight.core.mesh.TriangleMesh;
import dev.splatlight.viewer.camera.OrbitCamera;
import dev.splatlight.viewer.render.DisplaySettings;
import dev.splatlight.viewer.render.HeadlessRenderer;
import dev.splatlight.viewer.render.ViewMode;
import dev.splatlight.viewer.scene.SceneDescription;
import dev.splatlight.viewer.ui.ControlPanel;
import dev.splatlight.viewer.ui.ImGuiOverlay;
import java.io.IOException;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.joml.Vector3f;
import org.lwjgl.PointerBuffer;
import org.lwjgl.glfw.GLFWDropCallback;
import org.lwjgl.glfw.GLFWErrorCallback;
import org.lwjgl.glfw.GLFWVulkan;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;
import org.lwjgl.system.Platform;
import org.lwjgl.util.tinyfd.TinyFileDialogs;

/**
 * The viewer's window: GLFW with a Vulkan swapchain, the asset relit every frame through the same passes as headless
 * rendering, an orbit camera on the mouse (left drag orbits, right or middle drag pans, wheel zooms, F frames the
 * asset), keys for the display (M next view mode, + and − exposure, B environment or black background, [ and ] turn
 * the HDRI, V vsync), HDRIs dropped on the window decoded off the render thread. Frame time in the title.
 */
public final class ViewerWindow implements AutoCloseable {
    /** GLFW could not start (no display, no window system): the message says why. */
    public static final class NoDisplayException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoDisplayException(String message) {
            super(message);
        }
    }

    private final long window;
    private final String title;
    private final Gpu gpu;
    private final HeadlessRenderer renderer;
    private final RelightableAsset asset;
    private Swapchain swapchain;
    private OrbitCamera camera;
    private final ControlPanel.State state = new ControlPanel.State();
    private final ControlPanel panel = new ControlPanel();
    private ImGuiOverlay overlay;
    private boolean vsync = true;
    private double lastX, lastY;
    private long lastClickNanos;
    private final WindowLight light;
    private List<AssetCameras.Named> datasetCameras = List.of();
    private final WindowExport export = new WindowExport(state);
    private final SceneEditor scene;
    private Path assetPath;            // what a saved scene names

    /** Opens a window on the current display; {@link NoDisplayException} when there is none. */
    public ViewerWindow(RelightableAsset asset, HdrImage hdri, String title, int width, int height, String gpuChoice) {
        this.asset = asset;
        this.title = title;
        this.light = new WindowLight(state, hdri);
        StringBuilder error = new StringBuilder();
        GLFWErrorCallback previous = glfwSetErrorCallback((code, description) -> error.append(GLFWErrorCallback.getDescription(description)));
        if (previous != null) {
            previous.free();
        }
        String wayland = System.getenv("WAYLAND_DISPLAY");
        if (Platform.get() == Platform.LINUX && (wayland == null || wayland.isEmpty())) {
            // no Wayland session: probing for one only makes libwayland print an XDG_RUNTIME_DIR complaint
            org.lwjgl.glfw.GLFW.glfwInitHint(org.lwjgl.glfw.GLFW.GLFW_PLATFORM, org.lwjgl.glfw.GLFW.GLFW_PLATFORM_X11);
        }
        if (!glfwInit()) {
            throw new NoDisplayException(error.length() > 0 ? error.toString() : "GLFW could not start a window system");
        }
        if (!GLFWVulkan.glfwVulkanSupported()) {
            glfwTerminate();
            throw new NoDisplayException("the window system offers no Vulkan surfaces");
        }
        glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
        glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
        window = glfwCreateWindow(width, height, title, MemoryUtil.NULL, MemoryUtil.NULL);
        if (window == MemoryUtil.NULL) {
            glfwTerminate();
            throw new NoDisplayException("GLFW could not create a window (" + error + ")");
        }
        Gpu opened = null;
        HeadlessRenderer made = null;
        try {
            PointerBuffer required = GLFWVulkan.glfwGetRequiredInstanceExtensions();
            List<String> extensions = new ArrayList<>();
            for (int i = 0; required != null && i < required.capacity(); i++) {
                extensions.add(required.getStringUTF8(i));
            }
            opened = Gpu.openForWindow(GpuOptions.forProgram(DeviceSelection.fromOptionOrEnvironment(gpuChoice)), extensions,
                    instance -> {
                        try (MemoryStack stack = MemoryStack.stackPush()) {
                            LongBuffer surface = stack.mallocLong(1);
                            int result = GLFWVulkan.glfwCreateWindowSurface(instance, window, null, surface);
                            if (result != 0) {
                                throw new NoDisplayException("could not make a Vulkan surface for the window (VkResult " + result + ")");
                            }
                            return surface.get(0);
                        }
                    });
            made = new HeadlessRenderer(opened, asset, hdri, 0);
        } catch (RuntimeException e) {
            if (made != null) {
                made.close();
            }
            if (opened != null) {
                opened.close();
            }
            glfwDestroyWindow(window);
            glfwTerminate();
            throw e;
        }
        gpu = opened;
        renderer = made;
        scene = new SceneEditor(renderer, state, this::sceneNow);
        camera = HeadlessRenderer.framing(asset.gaussians());
        state.mode = asset.material() == null ? ViewMode.RADIANCE : ViewMode.SHADED; // a plain 3DGS file has only its colours
        state.assetLearnedTraced = asset.tracedReflections();
        installCallbacks();
        swapchain = makeSwapchain();
        try {
            overlay = new ImGuiOverlay(gpu, window, swapchain.format()); // chains the callbacks installed above
        } catch (RuntimeException e) {
            swapchain.close();
            renderer.close();
            gpu.close();
            glfwDestroyWindow(window);
            glfwTerminate();
            throw e;
        }
    }

    private Swapchain makeSwapchain() {
        int[] size = framebufferSize();
        return Swapchain.create(gpu, Math.max(1, size[0]), Math.max(1, size[1]), vsync);
    }

    /** The framebuffer's size in pixels (not screen coordinates: HiDPI displays differ). */
    private int[] framebufferSize() {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer w = stack.mallocInt(1), h = stack.mallocInt(1);
            glfwGetFramebufferSize(window, w, h);
            return new int[] {w.get(0), h.get(0)};
        }
    }

    private void installCallbacks() {
        glfwSetCursorPosCallback(window, (handle, x, y) -> {
            double dx = x - lastX, dy = y - lastY;
            lastX = x;
            lastY = y;
            if (overlay != null && overlay.wantsMouse()) {
                return; // the panel has the mouse
            }
            if (glfwGetMouseButton(handle, GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS) {
                camera = camera.orbit((float) (-0.3 * dx), (float) (0.3 * dy));
            } else if (glfwGetMouseButton(handle, GLFW_MOUSE_BUTTON_RIGHT) == GLFW_PRESS
                    || glfwGetMouseButton(handle, GLFW_MOUSE_BUTTON_MIDDLE) == GLFW_PRESS) {
                float height = Math.max(1, swapchain.height());
                camera = camera.pan((float) (-dx / height), (float) (dy / height));
            }
        });
        glfwSetMouseButtonCallback(window, (handle, button, action, mods) -> {
            if (button != GLFW_MOUSE_BUTTON_LEFT || action != GLFW_PRESS || (overlay != null && overlay.wantsMouse())) {
                return;
            }
            long now = System.nanoTime();
            if (now - lastClickNanos < 350_000_000L) { // a double click: pivot on the surface under the cursor
                pivotAtCursor();
            }
            lastClickNanos = now;
        });
        glfwSetScrollCallback(window, (handle, dx, dy) -> {
            if (overlay == null || !overlay.wantsMouse()) {
                camera = camera.zoom((float) Math.pow(0.9, dy));
            }
        });
        glfwSetKeyCallback(window, (handle, key, scancode, action, mods) -> {
            if (action != GLFW_PRESS) {
                return;
            }
            if (key == GLFW_KEY_F) {
                camera = HeadlessRenderer.framing(asset.gaussians(), camera.yawDegrees(), camera.pitchDegrees(), camera.fovYDegrees());
            } else if (key == GLFW_KEY_V) {
                vsync = !vsync;
                rebuildSwapchain();
            } else if (key == GLFW_KEY_M) {
                state.mode = ViewMode.values()[(state.mode.ordinal() + 1) % ViewMode.values().length];
            } else if (key == GLFW_KEY_EQUAL || key == GLFW_KEY_KP_ADD) {
                state.exposure += 0.5f;
            } else if (key == GLFW_KEY_MINUS || key == GLFW_KEY_KP_SUBTRACT) {
                state.exposure -= 0.5f;
            } else if (key == GLFW_KEY_B) {
                state.environmentBackground = !state.environmentBackground;
            } else if ((key == GLFW_KEY_LEFT_BRACKET || key == GLFW_KEY_RIGHT_BRACKET) && light.image() != null) {
                state.hdriRotation += key == GLFW_KEY_LEFT_BRACKET ? -15 : 15;
                state.lightChangeRequested = true;
            } else if (key == GLFW_KEY_ESCAPE) {
                glfwSetWindowShouldClose(handle, true);
            }
        });
        glfwSetDropCallback(window, (handle, count, names) -> {
            for (int i = 0; i < count; i++) { // meshes are placed beside the splats; anything else is tried as an HDRI
                Path dropped = Path.of(GLFWDropCallback.getName(names, i));
                if (SceneEditor.isMesh(dropped)) {
                    scene.addMesh(dropped, MeshPlacement.Y_UP_TO_Z_UP);
                } else {
                    light.load(dropped);
                }
            }
        });
    }

    /** Moves the pivot to the surface under the cursor, keeping the view direction; nothing there, nothing moves. */
    private void pivotAtCursor() {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer windowWidth = stack.mallocInt(1), windowHeight = stack.mallocInt(1);
            glfwGetWindowSize(window, windowWidth, windowHeight);
            int x = (int) (lastX * swapchain.width() / Math.max(1, windowWidth.get(0)));
            int y = (int) (lastY * swapchain.height() / Math.max(1, windowHeight.get(0)));
            Vector3f point = renderer.surfacePoint(camera, swapchain.width(), swapchain.height(), x, y);
            if (point != null) {
                camera = new OrbitCamera(point, camera.yawDegrees(), camera.pitchDegrees(),
                        camera.eye().distance(point), camera.fovYDegrees());
            }
        }
    }

    /**
     * Starts from a scene file's state: its camera (unless null), view, the HDRI's turn and intensity, meshes (read
     * now: a bad file is the caller's error to report), and the files a saved scene names.
     */
    public void applyScene(Path asset, Path hdriFile, SceneDescription description) {
        assetPath = asset;
        light.setFile(hdriFile);
        if (description == null) {
            return;
        }
        if (description.camera() != null) {
            camera = description.camera();
        }
        DisplaySettings d = description.display();
        state.mode = d.mode();
        state.exposure = d.exposure();
        state.aces = d.aces();
        state.environmentBackground = d.background() == null;
        state.blur = d.blurLevel();
        if (light.image() != null && hdriFile != null && hdriFile.equals(description.hdri())) {
            state.hdriRotation = description.hdriRotationDegrees();
            state.hdriIntensity = description.hdriIntensityStops();
            renderer.useHdri(light.image(), state.hdriRotation, state.hdriIntensity);
        }
    }

    /** Places a mesh beside the splats now (at start-up; the panel and drops read them off the render thread). */
    public void addMeshNow(Path file, TriangleMesh mesh, MeshPlacement placement) {
        renderer.addMesh(file, mesh, placement);
    }

    /** The scene as it stands, for Save scene…. */
    private SceneDescription sceneNow() {
        return new SceneDescription(assetPath, List.of(), light.file(), state.hdriRotation,
                state.hdriIntensity, camera, state.display());
    }

    /** Offers the asset's dataset cameras in the panel: choosing one moves the orbit to that photo's viewpoint. */
    public void offerDatasetCameras(List<AssetCameras.Named> cameras) {
        datasetCameras = List.copyOf(cameras);
        state.datasetCameras = cameras.stream().map(c -> c.name() + " (" + c.split() + ")").toArray(String[]::new);
    }

    /** Acts on what the panel asked for this frame. */
    private void handleRequests(GpuBuffer pixels) {
        if (state.datasetCameraRequested >= 0) {
            camera = OrbitCamera.matching(datasetCameras.get(state.datasetCameraRequested).camera(),
                    asset.gaussians().centroid());
            state.datasetCameraRequested = -1;
        }
        if (state.lightChangeRequested && light.image() != null) {
            renderer.useHdri(light.image(), state.hdriRotation, state.hdriIntensity);
        }
        state.lightChangeRequested = false;
        if (state.openRequested) {
            state.openRequested = false;
            String chosen = TinyFileDialogs.tinyfd_openFileDialog("Open an HDRI", "", null, "HDRI (.hdr, .exr)", false);
            if (chosen != null) {
                light.load(Path.of(chosen));
            }
        }
        if (state.exportRequested) {
            state.exportRequested = false;
            export.start(gpu, asset, renderer.meshes(),
                    light.image() == null ? null : light.image().brightenedBy(state.hdriIntensity), camera);
        }
        if (state.exportCancelRequested) {
            export.cancel();
        }
        state.exportCancelRequested = false;
        if (state.screenshotRequested) {
            state.screenshotRequested = false;
            Path file = Path.of("splatlight-screenshot-" + System.currentTimeMillis() + ".png");
            try {
                PngFiles.write(file, frameBytes(pixels), swapchain.width(), swapchain.height(), 4);
                state.status = "wrote " + file.toAbsolutePath();
            } catch (IOException | RuntimeException e) {
                state.status = "screenshot failed: " + e.getMessage();
            }
        }
    }

    private byte[] frameBytes(GpuBuffer pixels) {
        byte[] raw = new byte[4 * swapchain.width() * swapchain.height()];
        pixels.download(raw.length).get(raw);
        return swapchain.bgra() ? swizzle(raw) : raw;
    }

    private void rebuildSwapchain() {
        swapchain.close();
        swapchain = makeSwapchain();
    }

    /**
     * Draws until the window closes, {@code stop} is set (Ctrl-C in the terminal: the window then closes as if its
     * close button was pressed, tearing the device down), or {@code maxFrames} frames (0: unbounded); the last frame's
     * pixels, RGBA.
     */
    public byte[] run(int maxFrames, StopRequest stop) {
        double smoothedMillis = 0;
        byte[] last = null;
        for (int frame = 0; !glfwWindowShouldClose(window) && !stop.requested() && (maxFrames == 0 || frame < maxFrames); frame++) {
            glfwPollEvents();
            int[] framebuffer = framebufferSize();
            if (framebuffer[0] == 0 || framebuffer[1] == 0) { // minimised: nothing to draw into until restored
                glfwWaitEvents();
                frame--;
                continue;
            }
            if (framebuffer[0] != swapchain.width() || framebuffer[1] != swapchain.height()) {
                rebuildSwapchain(); // resized (some window systems never report the old swapchain out of date)
            }
            light.takeFinished(renderer);
            long begin = System.nanoTime();
            export.step();
            if (frame % 30 == 0) {
                renderer.profileNextFrame(); // GPU timestamps every 30 frames, for the panel
            }
            renderer.setOverrides(state.overrides());
            renderer.setTracedReflections(state.tracedReflections);
            GpuBuffer pixels = renderer.renderToBuffer(camera, swapchain.width(), swapchain.height(), state.display(),
                    swapchain.bgra());
            overlay.newFrame();
            scene.beforePanel();
            panel.draw(state, smoothedMillis, asset.gaussians().count(), gpu.info().name(), light.image() != null, renderer.lastPhases());
            if (!swapchain.present(pixels, overlay::record)) {
                rebuildSwapchain();
                continue;
            }
            handleRequests(pixels);
            scene.afterPanel();
            double millis = (System.nanoTime() - begin) / 1e6;
            smoothedMillis = frame == 0 ? millis : 0.9 * smoothedMillis + 0.1 * millis;
            glfwSetWindowTitle(window, String.format("%s — %.1f ms (%.0f FPS)", title, smoothedMillis, 1000 / smoothedMillis));
            if (maxFrames != 0 && frame == maxFrames - 1) {
                last = frameBytes(pixels);
            }
        }
        return last;
    }

    /** Frame size of the last frame (for a screenshot). */
    public int[] size() {
        return new int[] {swapchain.width(), swapchain.height()};
    }

    private static byte[] swizzle(byte[] bgra) {
        byte[] rgba = bgra.clone();
        for (int i = 0; i < rgba.length; i += 4) {
            rgba[i] = bgra[i + 2];
            rgba[i + 2] = bgra[i];
        }
        return rgba;
    }

    @Override
    public void close() {
        export.close();
        overlay.close();
        swapchain.close();
        renderer.close();
        gpu.close(); // device and instance before the JVM exits
        glfwDestroyWindow(window);
        glfwTerminate();
    }
}
