package dev.splatlight.trainer.reflection;

import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.ComputeKernel;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.gpu.SpecializationConstants;
import dev.splatlight.core.splat.RasterTargets;
import dev.splatlight.shaders.ShaderProgram;
import dev.splatlight.trainer.backward.PixelGradients;
import java.util.HashMap;
import java.util.Map;

/**
 * The geometry stage's deferred reflection: C = (1 − R)·C_splats + R·E(reflect(d, n)) from a render whose four
 * feature channels are the normal sums and the reflection strength (trainer/mirror_reflection.glsl), and its
 * backward into the render's pixel gradients and the {@link MirrorEnvironment}'s. Given the hits of a
 * {@link MirrorSceneTrace}, E is (1 − S)·E + H: the environment shows only what the reflected ray did not meet.
 */
public final class ReflectionComposite implements AutoCloseable {
    /** Feature channels a render needs: normal sums (3) and reflection strength. */
    public static final int FEATURE_CHANNELS = 4;
    private static final int GROUP = 256;
    private final Gpu gpu;
    private final ResourceScope resources = new ResourceScope("reflection composite");
    private final ComputeKernel forward;
    private final ComputeKernel backward;
    private final Map<Long, GpuBuffer> compositeBySize = new HashMap<>();
    private final GpuBuffer noHits; // bound where no trace ran: the kernels read it only when told to

    public ReflectionComposite(Gpu gpu) {
        this.gpu = gpu;
        try {
            forward = resources.own(ComputeKernel.create(gpu, ShaderProgram.REFLECTION_COMPOSITE, SpecializationConstants.none()));
            backward = resources.own(ComputeKernel.create(gpu, ShaderProgram.REFLECTION_COMPOSITE_BACKWARD,
                    SpecializationConstants.none()));
            noHits = resources.own(GpuBuffer.create(gpu, "reflection composite: no scene hits", 16, MemoryKind.DEVICE));
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /**
     * Records the composite of a render ({@code frameUniforms} its camera) and returns the [3, H, W] image it fills;
     * {@code sceneHits}: a {@link MirrorSceneTrace}'s of this render, or null.
     */
    public GpuBuffer recordForward(CommandRecorder commands, GpuBuffer frameUniforms, RasterTargets targets,
                                   MirrorEnvironment environment, GpuBuffer sceneHits) {
        requireChannels(targets);
        int width = targets.width(), height = targets.height();
        GpuBuffer composite = compositeBySize.computeIfAbsent(((long) width << 32) | height, size -> resources.own(
                GpuBuffer.create(gpu, "reflection composite [3, H, W] f32", 12L * width * height, MemoryKind.DEVICE)));
        commands.dispatch(forward.call().buffer("SplatFrame", frameUniforms).buffer("Color", targets.color)
                .buffer("Features", targets.features).buffer("LogRadiance", environment.logRadiance)
                .buffer("Composite", composite).buffer("Hits", sceneHits != null ? sceneHits : noHits)
                .pushInt(environment.size()).pushInt(sceneHits != null ? 1 : 0), groups(width * height));
        commands.barrier();
        return composite;
    }

    /**
     * Records the backward: {@code gradients.color} holds ∂L/∂composite on entry and ∂L/∂C_splats after; the normal
     * channels of {@code gradients.features} are added to (the reflection's part scaled by {@code normalWeight}), the
     * strength channel written; ∂L/∂θ is added to the environment's gradient. {@code sceneHits} as the forward had.
     */
    public void recordBackward(CommandRecorder commands, GpuBuffer frameUniforms, RasterTargets targets,
                               MirrorEnvironment environment, PixelGradients gradients, float normalWeight,
                               GpuBuffer sceneHits) {
        requireChannels(targets);
        commands.dispatch(backward.call().buffer("SplatFrame", frameUniforms).buffer("Color", targets.color)
                .buffer("Features", targets.features).buffer("LogRadiance", environment.logRadiance)
                .buffer("GradColor", gradients.color).buffer("GradFeatures", gradients.features)
                .buffer("GradLogRadiance", environment.gradient).buffer("Hits", sceneHits != null ? sceneHits : noHits)
                .pushInt(environment.size()).pushFloat(normalWeight).pushInt(sceneHits != null ? 1 : 0),
                groups(targets.width() * targets.height()));
        commands.barrier();
    }

    private static void requireChannels(RasterTargets targets) {
        if (targets.featureChannels() != FEATURE_CHANNELS) {
            throw new IllegalArgumentException("the reflection composite needs a render of " + FEATURE_CHANNELS
                    + " feature channels (normal sums, strength), not " + targets.featureChannels());
        }
    }

    private static int groups(int pixels) {
        return (pixels + GROUP - 1) / GROUP;
    }

    @Override
    public void close() {
        resources.close();
    }
}
