package dev.splatlight.core.render;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.GpuPhaseTimer;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.light.GBufferShader;
import dev.splatlight.core.light.ShadedImage;
import dev.splatlight.core.light.Srgb;
import dev.splatlight.core.splat.RasterSettings;
import dev.splatlight.core.splat.RasterTargets;
import dev.splatlight.core.splat.SplatRasterizer;
import dev.splatlight.core.mesh.PlacedMesh;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.joml.Vector3f;

/**
 * Renders an {@link AssetScene} from a camera under a light: the splats into the material G-buffer, then deferred
 * split-sum shading. Results stay on the GPU until the next render; {@link Frame} reads them back.
 */
public final class SceneRenderer implements AutoCloseable {
    private final Gpu gpu;
    private final ResourceScope resources = new ResourceScope("scene renderer");
    private final SplatRasterizer rasterizer;
    private final GBufferShader shader;
    private final Map<Long, ShadedImage> shadedBySize = new HashMap<>();
    private MeshGBufferPass meshPass; // made when the first mesh is drawn
    private GpuPhaseTimer profiler; // times the phases of the next render when set

    /** A render read back to the host: planar images. */
    /** @param depth the G-buffer's blended camera depth [H, W] (what the shading placed each pixel's surface at) */
    public record Frame(int width, int height, float[] linear, float[] opacity, float[] features, float[] occlusion, float[] indirect,
                        float[] depth) {
        /**
         * sRGB-encoded (or linear, without gamma) colour clipped to [0, 1], as an 8-bit picture stores it, composited on
         * {@code background}, [3, H, W].
         */
        public float[] display(boolean gamma, Vector3f background) {
            int pixels = width * height;
            float[] out = new float[3 * pixels];
            for (int p = 0; p < pixels; p++) {
                for (int c = 0; c < 3; c++) {
                    float v = linear[c * pixels + p];
                    float shown = Math.min(1f, gamma ? (float) Srgb.encode(v) : v);
                    out[c * pixels + p] = shown * opacity[p] + background.get(c) * (1 - opacity[p]);
                }
            }
            return out;
        }

        /** G-buffer channel {@code channel} divided by coverage, [H, W] (0 where uncovered). */
        public float[] material(int channel) {
            int pixels = width * height;
            float[] out = new float[pixels];
            for (int p = 0; p < pixels; p++) {
                out[p] = opacity[p] > 1e-4f ? features[channel * pixels + p] / opacity[p] : 0;
            }
            return out;
        }
    }

    public SceneRenderer(Gpu gpu) {
        this.gpu = gpu;
        try {
            rasterizer = resources.own(new SplatRasterizer(gpu, GBufferShader.GBUFFER_CHANNELS));
            shader = resources.own(new GBufferShader(gpu));
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /** What a render left on the GPU: the G-buffer (and SH colour), its shading, and the shading's uniforms. */
    public record Result(RasterTargets gbuffer, ShadedImage shaded, GpuBuffer shadeFrame) {
    }

    /** Renders and shades; waits for the GPU. */
    public Result render(AssetScene scene, Camera camera, GBufferShader.Light light) {
        return render(scene, camera, light, null);
    }

    /** Renders and shades, then records {@code thenRecord} in the same submission; waits for the GPU. */
    public Result render(AssetScene scene, Camera camera, GBufferShader.Light light,
                         BiConsumer<CommandRecorder, Result> thenRecord) {
        return render(scene, camera, light, GBufferShader.Overrides.NONE, thenRecord);
    }

    /** As above, with material overrides (the viewer's preview). */
    public Result render(AssetScene scene, Camera camera, GBufferShader.Light light, GBufferShader.Overrides overrides,
                         BiConsumer<CommandRecorder, Result> thenRecord) {
        return render(scene, List.of(), camera, light, overrides, thenRecord);
    }

    /**
     * As above, with meshes beside the splats: drawn into the same G-buffer, hiding and hidden by the splats by depth,
     * shaded by the same pass (the overrides apply to them too).
     */
    public Result render(AssetScene scene, List<PlacedMesh> meshes, Camera camera, GBufferShader.Light light,
                         GBufferShader.Overrides overrides, BiConsumer<CommandRecorder, Result> thenRecord) {
        ShadedImage shaded = shadedBySize.computeIfAbsent(((long) camera.width() << 32) | camera.height(),
                size -> resources.own(new ShadedImage(gpu, camera.width(), camera.height())));
        Result[] result = new Result[1];
        GpuPhaseTimer timing = profiler;
        profiler = null;
        if (timing != null) {
            rasterizer.profileNextRender(timing);
        }
        RasterSettings settings = RasterSettings.of(3, new Vector3f());
        SplatRasterizer.Occluder occluder = null;
        if (!meshes.isEmpty()) {
            MeshGBufferPass pass = meshPass();
            occluder = new SplatRasterizer.Occluder(pass.depthFor(camera.width(), camera.height()),
                    commands -> pass.recordDraw(commands, camera, settings.nearPlane(), meshes));
        }
        boolean withMeshes = occluder != null;
        // one submission, the intersection count kept on the GPU; thenRecord runs again if the frame is redrawn
        rasterizer.renderSizedOnGpu(scene.splats(), camera, settings, occluder, commands -> {
            RasterTargets g = rasterizer.lastFrame().targets();
            if (withMeshes) {
                if (timing != null) {
                    timing.mark(commands, "mesh merge");
                }
                meshPass.recordMerge(commands, g, settings.background());
                commands.barrier();
            }
            if (timing != null) {
                timing.mark(commands, "shade");
            }
            shader.record(commands, camera, g.features, g.depth, g.opacity, light, overrides, shaded);
            result[0] = new Result(g, shaded, shader.frameUniforms());
            if (thenRecord != null) {
                commands.barrier();
                thenRecord.accept(commands, result[0]);
            }
        });
        return result[0];
    }

    private MeshGBufferPass meshPass() {
        if (meshPass == null) {
            meshPass = resources.own(new MeshGBufferPass(gpu));
        }
        return meshPass;
    }

    /**
     * Times the next render's phases with {@code timer} (the rasterizer's, then "shade"); a caller recording more
     * work into the same submission marks its own phases and an end mark.
     */
    public void profileNextRender(GpuPhaseTimer timer) {
        this.profiler = timer;
    }

    /** The splat rasterizer's frame uniforms (camera, image size) of the last render, for passes over its G-buffer. */
    public GpuBuffer splatFrameUniforms() {
        return rasterizer.lastFrame().frameUniforms();
    }

    /** The last render, read back. */
    public Frame read(Camera camera) {
        RasterTargets g = rasterizer.lastFrame().targets();
        ShadedImage shaded = shadedBySize.get(((long) camera.width() << 32) | camera.height());
        int pixels = camera.width() * camera.height();
        return new Frame(camera.width(), camera.height(), shaded.color.readFloats(3 * pixels), g.opacity.readFloats(pixels),
                g.features.readFloats(GBufferShader.GBUFFER_CHANNELS * pixels), shaded.occlusion.readFloats(pixels),
                shaded.indirect.readFloats(pixels), g.depth.readFloats(pixels));
    }

    @Override
    public void close() {
        resources.close();
    }
}
