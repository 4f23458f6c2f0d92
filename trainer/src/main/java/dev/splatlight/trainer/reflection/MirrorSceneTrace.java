package dev.splatlight.trainer.reflection;

import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.ComputeKernel;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.light.GaussianRayGrid;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.splat.RasterTargets;
import dev.splatlight.shaders.ShaderProgram;
import java.util.HashMap;
import java.util.Map;

/**
 * What the geometry stage's mirrors show of the scene itself (trainer/trace_mirror_scene.comp, {@code
 * --reflection-trace-every}): each reflecting pixel's reflected ray marched through a snapshot of the Gaussians, each with
 * its colour (the SH's constant term) and normal. {@link ReflectionComposite} then lets the learned environment stand
 * only for what the ray did not meet. The snapshot is taken by {@link #refresh}, every so many iterations: between
 * refreshes the Gaussians move little, and a rebuild needs them on the host.
 */
public final class MirrorSceneTrace implements AutoCloseable {
    /** Channels per pixel of the hits: Σ w·colour (3), coverage 1 − T. */
    public static final int HIT_CHANNELS = 4;
    /** Pixels whose blended reflection strength is below this are not traced: the reflection hardly shows there. */
    public static final float MIN_STRENGTH = 0.05f;
    private static final int COLOUR_STRIDE = 6;

    private final Gpu gpu;
    private final ResourceScope resources = new ResourceScope("mirror scene trace");
    private final ComputeKernel kernel;
    private final Map<Long, GpuBuffer> hitsBySize = new HashMap<>();
    private GaussianRayGrid snapshot;  // null until the first refresh
    private GpuBuffer colours;

    public MirrorSceneTrace(Gpu gpu) {
        this.gpu = gpu;
        kernel = resources.own(ComputeKernel.create(gpu, ShaderProgram.TRACE_MIRROR_SCENE));
    }

    /** Replaces the snapshot by {@code cloud}'s Gaussians, in a grid over [−bound, bound]³ (waits for the GPU). */
    public void refresh(GaussianCloud cloud, float bound, int cellsPerAxis) {
        gpu.waitIdle(); // the last submission may still read the old snapshot
        closeSnapshot();
        GaussianRayGrid grid = new GaussianRayGrid(gpu, cloud, bound, cellsPerAxis);
        try {
            colours = GpuBuffer.withFloats(gpu, "mirror scene trace: normal, colour [G, 6] f32", coloursOf(cloud));
        } catch (RuntimeException e) {
            grid.close();
            throw e;
        }
        snapshot = grid;
    }

    public boolean ready() {
        return snapshot != null;
    }

    /**
     * Records the trace of a render's reflecting pixels ({@code targets}: the geometry stage's four feature channels,
     * its depth; {@code frameUniforms} its camera) and returns the [{@link #HIT_CHANNELS}, H, W] hits it fills.
     */
    public GpuBuffer record(CommandRecorder commands, GpuBuffer frameUniforms, RasterTargets targets) {
        if (snapshot == null) {
            throw new IllegalStateException("mirror scene trace recorded before its first refresh");
        }
        int width = targets.width(), height = targets.height();
        GpuBuffer hits = hitsBySize.computeIfAbsent(((long) width << 32) | height, size -> resources.own(GpuBuffer.create(gpu,
                "mirror scene hits [4, H, W] f32", 4L * HIT_CHANNELS * width * height, MemoryKind.DEVICE)));
        commands.dispatch(snapshot.bind(kernel.call().buffer("SplatFrame", frameUniforms).buffer("Features", targets.features)
                        .buffer("PixelDepth", targets.depth).buffer("Colours", colours).buffer("Hits", hits))
                        .pushFloat(MIN_STRENGTH),
                (width + 7) / 8, (height + 7) / 8);
        commands.barrier();
        return hits;
    }

    /** [G, 6]: each Gaussian's normal and its colour as the splats show it ({@link GaussianCloud#baseColour}), clamped at 0. */
    static float[] coloursOf(GaussianCloud cloud) {
        float[] out = new float[Math.max(1, COLOUR_STRIDE * cloud.count())];
        for (int i = 0; i < cloud.count(); i++) {
            System.arraycopy(cloud.normals, 3 * i, out, COLOUR_STRIDE * i, 3);
            for (int c = 0; c < 3; c++) {
                out[COLOUR_STRIDE * i + 3 + c] = (float) Math.max(0, cloud.baseColour(i, c));
            }
        }
        return out;
    }

    private void closeSnapshot() {
        if (colours != null) {
            colours.close();
            colours = null;
        }
        if (snapshot != null) {
            snapshot.close();
            snapshot = null;
        }
    }

    @Override
    public void close() {
        closeSnapshot();
        resources.close();
    }
}
