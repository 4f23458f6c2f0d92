package dev.splatlight.viewer.render;

import dev.splatlight.core.asset.RelightableAsset;
import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.GpuPhaseTimer;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.light.CubeChain;
import dev.splatlight.core.light.EnvironmentLight;
import dev.splatlight.core.light.GBufferShader;
import dev.splatlight.core.light.ReflectionGrid;
import dev.splatlight.core.light.io.HdrImage;
import dev.splatlight.core.light.io.HdrImageReader;
import dev.splatlight.core.render.AssetScene;
import dev.splatlight.core.render.SceneRenderer;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.viewer.camera.OrbitCamera;
import dev.splatlight.core.mesh.MeshPlacement;
import dev.splatlight.core.mesh.PlacedMesh;
import dev.splatlight.core.mesh.TriangleMesh;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.joml.Matrix4f;
import org.joml.Vector3f;

/**
 * Renders an asset without a window, through the same passes as the viewer: splats → G-buffer → split-sum shading →
 * composite. Keeps its GPU state between frames (for turntables).
 */
public final class HeadlessRenderer implements AutoCloseable {
    /** Face size HDRIs are converted to (a 1024-wide HDRI spans 256 pixels per face). */
    /** Cube face sizes for HDRIs: as sharp as the image (an equirect's width spans 4 faces), within GPU memory. */
    public static final int HDRI_CUBE_MIN = 64, HDRI_CUBE_MAX = 512;

    private final Gpu gpu;
    private final ResourceScope resources = new ResourceScope("headless renderer");
    private final AssetScene scene;
    private final SceneRenderer renderer;
    private final Compositor compositor;
    private EnvironmentLight light;
    /** The HDRI the light was made from (intensity applied), or null under the learned light. */
    private HdrImage hdriImage;
    /** {@link #hdriImage} on the GPU while the light turns frame by frame ({@link #turnHdri}); null otherwise. */
    private GpuBuffer hdriPixels;
    private final GpuPhaseTimer timer;
    private SceneRenderer.Result lastFrame;
    private GBufferShader.Overrides overrides = GBufferShader.Overrides.NONE;
    private boolean tracedReflections; // off by default: +5.3–5.4 ms per 1080p frame on an H200 (docs/reflections.md)
    private boolean profileNext;
    private Map<String, Double> lastPhases = Map.of();
    private final List<SceneMesh> meshes = new ArrayList<>();

    /** @param hdri the environment to light with, or null for the asset's learned light */
    public HeadlessRenderer(Gpu gpu, RelightableAsset asset, HdrImage hdri, float hdriRotationDegrees) {
        this.gpu = gpu;
        try {
            scene = resources.own(new AssetScene(gpu, asset));
            renderer = resources.own(new SceneRenderer(gpu));
            compositor = resources.own(new Compositor(gpu));
            timer = resources.own(new GpuPhaseTimer(gpu, 32));
            if (hdri != null) {
                light = lightFrom(hdri, hdriRotationDegrees);
                hdriImage = hdri;
            } else if (scene.learnedLight() != null) {
                light = scene.learnedLight();
            } else { // a plain 3DGS file: the bundled studio HDRI
                light = lightFrom(HdrImageReader.read(BundledAssets.studioHdri()), 0);
            }
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /**
     * The cube face size that keeps an equirect HDRI's sharpness: a quarter of its width, rounded up to a power of two,
     * within [{@value #HDRI_CUBE_MIN}, {@value #HDRI_CUBE_MAX}] (a 512² chain and its prefiltered copy take 50 MB).
     */
    public static int cubeSizeFor(HdrImage hdri) {
        int quarter = Math.max(1, (hdri.width() + 3) / 4);
        int size = Integer.highestOneBit(quarter) == quarter ? quarter : Integer.highestOneBit(quarter) << 1;
        return Math.max(HDRI_CUBE_MIN, Math.min(HDRI_CUBE_MAX, size));
    }

    /** The first view of an asset (and `render`'s defaults): from 45° about +Z, 20° above the horizon, 40° field of view. */
    public static OrbitCamera framing(GaussianCloud cloud) {
        return framing(cloud, 45, 20, 40);
    }

    /** A camera framing the asset: its pivot at the centre of the Gaussians, the nearest 95 % of them in view. */
    public static OrbitCamera framing(GaussianCloud cloud, float yaw, float pitch, float fovY) {
        int n = cloud.count();
        Vector3f centre = cloud.centroid();
        float[] distances = new float[n];
        for (int i = 0; i < n; i++) {
            distances[i] = centre.distance(cloud.means[3 * i], cloud.means[3 * i + 1], cloud.means[3 * i + 2]);
        }
        Arrays.sort(distances);
        float radius = n == 0 ? 1 : Math.max(1e-3f, distances[(int) (0.95 * (n - 1))]);
        float distance = (float) (1.15 * radius / Math.sin(Math.toRadians(fovY) / 2));
        return new OrbitCamera(centre, yaw, pitch, distance, fovY);
    }

    /** Renders one frame; [H, W] RGBA8 bytes, row 0 at the top. */
    public byte[] render(OrbitCamera orbit, int width, int height, DisplaySettings settings) {
        byte[] rgba = new byte[4 * width * height];
        renderInto(orbit, width, height, settings, rgba);
        return rgba;
    }

    /** Renders one frame into {@code rgba} ([H, W] RGBA8, row 0 at the top): no allocation per frame, for exports. */
    public void renderInto(OrbitCamera orbit, int width, int height, DisplaySettings settings, byte[] rgba) {
        if (rgba.length != 4 * width * height) {
            throw new IllegalArgumentException("pixel array of " + rgba.length + " bytes for a " + width + "x" + height + " frame");
        }
        GpuBuffer display = renderToBuffer(orbit, width, height, settings, false);
        display.download(rgba.length).get(rgba);
    }

    /** Renders one frame from any camera (a dataset's, say) at its own size; [H, W] RGBA8 bytes, row 0 at the top. */
    public byte[] render(Camera camera, float backgroundDistance, DisplaySettings settings) {
        GpuBuffer display = renderToBuffer(camera, backgroundDistance, settings, false);
        byte[] rgba = new byte[4 * camera.width() * camera.height()];
        display.download(rgba.length).get(rgba);
        return rgba;
    }

    /** Renders one frame into a GPU buffer of packed 8-bit pixels (valid until the next frame); waits for the GPU. */
    public GpuBuffer renderToBuffer(OrbitCamera orbit, int width, int height, DisplaySettings settings, boolean bgra) {
        return renderToBuffer(orbit.toCamera(width, height), orbit.distance(), settings, bgra);
    }

    /**
     * @param backgroundDistance how far the scene's content lies from the camera, roughly: the environment background
     *                           sits beyond twice that
     */
    public GpuBuffer renderToBuffer(Camera camera, float backgroundDistance, DisplaySettings settings,
                                    boolean bgra) {
        boolean indirect = light == scene.learnedLight(); // indirect light was learned under the learned light only
        GpuBuffer[] display = new GpuBuffer[1];
        boolean profiling = profileNext;
        profileNext = false;
        if (profiling) {
            renderer.profileNextRender(timer);
        }
        List<PlacedMesh> placed = meshes.stream().map(SceneMesh::placed).toList();
        renderer.render(scene, placed, camera, scene.light(light, indirect, tracedReflections), overrides, (commands, frame) -> {
            if (profiling) {
                timer.mark(commands, "composite");
            }
            lastFrame = frame;
            display[0] = compositor.record(commands, frame, light, settings, 2 * backgroundDistance, bgra);
            if (profiling) {
                timer.mark(commands, "end");
            }
        });
        if (profiling) {
            lastPhases = timer.millis();
        }
        return display[0];
    }

    /**
     * The world point the last frame shows at pixel (x, y) of a width × height view from {@code orbit}: its blended
     * depth back-projected, or null where nothing covers the pixel.
     */
    public Vector3f surfacePoint(OrbitCamera orbit, int width, int height, int x, int y) {
        if (lastFrame == null || x < 0 || y < 0 || x >= width || y >= height) {
            return null;
        }
        int p = y * width + x;
        float opacity = lastFrame.gbuffer().opacity.readFloats(p + 1)[p];
        if (opacity < 0.5f) {
            return null;
        }
        float depth = lastFrame.gbuffer().depth.readFloats(p + 1)[p];
        var camera = orbit.toCamera(width, height);
        Vector3f inView = new Vector3f((x + 0.5f - camera.cx()) / camera.fx() * depth, (y + 0.5f - camera.cy()) / camera.fy() * depth, depth);
        return new Matrix4f(camera.viewFromWorld()).invertAffine().transformPosition(inView);
    }

    /** Adds a mesh beside the splats (uploaded now), drawn in every frame from now on. */
    public SceneMesh addMesh(Path source, TriangleMesh mesh, MeshPlacement placement) {
        SceneMesh added = new SceneMesh(gpu, source, mesh, placement);
        meshes.add(added);
        return added;
    }

    /** The meshes beside the splats, in the order they were added. */
    public List<SceneMesh> meshes() {
        return Collections.unmodifiableList(meshes);
    }

    /** Removes a mesh and frees its GPU data (waits for the GPU, so no frame in flight still reads it). */
    public void removeMesh(SceneMesh mesh) {
        if (meshes.remove(mesh)) {
            gpu.waitIdle();
            mesh.close();
        }
    }

    /** Material values that replace the asset's in the frames from now on (a preview); {@code Overrides.NONE} for none. */
    public void setOverrides(GBufferShader.Overrides overrides) {
        this.overrides = overrides;
    }

    /**
     * Whether glossy surfaces show the scene's own reflections, traced through the Gaussians (docs/reflections.md;
     * off by default), or only the environment's.
     */
    public void setTracedReflections(boolean traced) {
        this.tracedReflections = traced;
    }

    /**
     * The asset's Gaussians gridded for traced reflections, built now if they were not yet: what the first traced
     * frame waits for.
     */
    public ReflectionGrid reflectionGrid() {
        return scene.reflections().grid();
    }

    /** Times the phases of the next frame on the GPU (see {@link #lastPhases}). */
    public void profileNextFrame() {
        profileNext = true;
    }

    /** GPU milliseconds per phase of the last profiled frame. */
    public Map<String, Double> lastPhases() {
        return lastPhases;
    }

    /**
     * Lights the asset with another HDRI from now on (decoded by the caller, converted and prefiltered here), turned
     * about +Z and brightened by {@code intensityStops} (2^stops).
     */
    public void useHdri(HdrImage hdri, float rotationDegrees, float intensityStops) {
        HdrImage brightened = hdri.brightenedBy(intensityStops);
        EnvironmentLight next = lightFrom(brightened, rotationDegrees);
        if (light != scene.learnedLight()) {
            light.close();
        }
        light = next;
        hdriImage = brightened;
        releaseHdriPixels();
    }

    /** Whether the light is an HDRI (which {@link #turnHdri} can turn) rather than the asset's learned light. */
    public boolean litByHdri() {
        return hdriImage != null;
    }

    /**
     * Turns the current HDRI to {@code rotationDegrees} about +Z in place: conversion, mips and prefiltering again on
     * the GPU, from a copy of the image kept there after the first call (a turning-light turntable does this per frame).
     */
    public void turnHdri(float rotationDegrees) {
        if (hdriImage == null) {
            throw new IllegalStateException("the learned light cannot be turned; light with an HDRI");
        }
        if (hdriPixels == null) {
            hdriPixels = GpuBuffer.withFloats(gpu, "turning HDRI " + hdriImage.width() + "x" + hdriImage.height()
                    + " [h, w, 3] f32", hdriImage.rgb());
        }
        scene.builder().load(hdriPixels, hdriImage.width(), hdriImage.height(), (float) Math.toRadians(rotationDegrees), light);
    }

    private void releaseHdriPixels() {
        if (hdriPixels != null) {
            hdriPixels.close();
            hdriPixels = null;
        }
    }

    /** An HDRI converted, mipmapped and prefiltered on the GPU into a light of its own size (see {@link #cubeSizeFor}). */
    private EnvironmentLight lightFrom(HdrImage hdri, float rotationDegrees) {
        // owned by the renderer's light field, not the scope: a viewer switching HDRIs for hours would otherwise keep
        // every switched-out light's (closed) handle in the scope's list
        EnvironmentLight made = new EnvironmentLight(gpu, "HDRI", CubeChain.standard(cubeSizeFor(hdri)));
        try {
            scene.builder().load(hdri, (float) Math.toRadians(rotationDegrees), made);
        } catch (RuntimeException e) {
            made.close();
            throw e;
        }
        return made;
    }

    @Override
    public void close() {
        for (int i = meshes.size() - 1; i >= 0; i--) {
            meshes.get(i).close();
        }
        meshes.clear();
        releaseHdriPixels();
        if (light != null && light != scene.learnedLight()) {
            light.close(); // made last, closed first
        }
        resources.close();
    }
}
