package dev.splatlight.viewer.render;

import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.ComputeKernel;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.gpu.SpecializationConstants;
import dev.splatlight.core.light.EnvironmentLight;
import dev.splatlight.core.render.SceneRenderer;
import dev.splatlight.shaders.ShaderProgram;
import java.util.HashMap;
import java.util.Map;

/** The final pass shared by the viewer and headless rendering (viewer/composite.comp): a view mode over a background, tone mapped, RGBA8. */
public final class Compositor implements AutoCloseable {
    private final Gpu gpu;
    private final ResourceScope resources = new ResourceScope("compositor");
    private final ComputeKernel kernel;
    private final Map<Long, GpuBuffer> displayBySize = new HashMap<>();

    public Compositor(Gpu gpu) {
        this.gpu = gpu;
        try {
            kernel = resources.own(ComputeKernel.create(gpu, ShaderProgram.VIEWER_COMPOSITE, SpecializationConstants.none()));
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /** Records the composite of {@code frame} into the [H, W] RGBA8 buffer it returns. */
    public GpuBuffer record(CommandRecorder commands, SceneRenderer.Result frame, EnvironmentLight environment,
                            DisplaySettings settings, float depthFar) {
        return record(commands, frame, environment, settings, depthFar, false);
    }

    /** @param bgra pack bytes in B, G, R, A order (a window's swapchain that wants them so) */
    public GpuBuffer record(CommandRecorder commands, SceneRenderer.Result frame, EnvironmentLight environment,
                            DisplaySettings settings, float depthFar, boolean bgra) {
        int w = frame.shaded().width(), h = frame.shaded().height();
        GpuBuffer display = displayBySize.computeIfAbsent(((long) w << 32) | h,
                size -> resources.own(GpuBuffer.create(gpu, "display [H, W] RGBA8", 4L * w * h, MemoryKind.DEVICE)));
        boolean environmentBackground = settings.background() == null;
        float r = environmentBackground ? 0 : settings.background().x(), g = environmentBackground ? 0 : settings.background().y();
        float b = environmentBackground ? 0 : settings.background().z();
        commands.dispatch(kernel.call().buffer("ShadeFrame", frame.shadeFrame()).buffer("Shaded", frame.shaded().color)
                .buffer("Features", frame.gbuffer().features).buffer("PixelOpacity", frame.gbuffer().opacity)
                .buffer("PixelDepth", frame.gbuffer().depth).buffer("Occlusion", frame.shaded().occlusion)
                .buffer("Indirect", frame.shaded().indirect).buffer("RadianceColor", frame.gbuffer().color)
                .buffer("Environment", environment.radiance()).buffer("Display", display)
                .pushInts(settings.mode().ordinal(), settings.aces() ? 1 : 0).pushFloat((float) Math.pow(2, settings.exposure()))
                .pushInt(environmentBackground ? 1 : 0).pushFloat(r).pushFloat(g).pushFloat(b)
                .pushFloat(settings.blurLevel()).pushFloat(depthFar).pushInt(bgra ? 1 : 0), (w + 15) / 16, (h + 15) / 16);
        return display;
    }

    @Override
    public void close() {
        resources.close();
    }
}
