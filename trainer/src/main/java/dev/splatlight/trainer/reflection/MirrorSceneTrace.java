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
 * <p>
 * Each training view is traced once per snapshot and its hits kept until the next ({@link #record} with the view's
 * index): a view comes back every hundred or so iterations, so between refreshes every 1000 it would otherwise be
 * traced ten times against the same snapshot, and on trio (H200) the trace cost more than the rest of the step. What
 * the cache gives up is the pixel's newest normal and depth for the ray, which between visits move much less than the
 * snapshot's Gaussians already have. Views whose hits would pass {@code cacheBytes} are traced on every visit.
 */
public final class MirrorSceneTrace implements AutoCloseable {
    /** Channels per pixel of the hits: Σ w·colour (3), coverage 1 − T. */
    public static final int HIT_CHANNELS = 4;
    /** Pixels whose blended reflection strength is below this are not traced: the reflection hardly shows there. */
    public static final float MIN_STRENGTH = 0.05f;
    private static final int COLOUR_STRIDE = 6;
    private static final int MAX_WORKGROUPS = 16384;

    /** Views traced on every visit: tests, and callers without views. */
    public static final int UNCACHED = -1;
    /**
     * The most {@link #MirrorSceneTrace(Gpu)} lets kept hits take, and never more than {@link #CACHE_SHARE_OF_MEMORY}
     * of the GPU's memory: trio's 100 views of 400² take 256 MiB.
     */
    public static final long MAX_CACHE_BYTES = 2L << 30;
    /** The share of the GPU's largest device-local heap kept hits may take at most (a 8 GiB card: 1 GiB). */
    static final int CACHE_SHARE_OF_MEMORY = 8;

    private final Gpu gpu;
    private final ResourceScope resources = new ResourceScope("mirror scene trace");
    private final ComputeKernel kernel;
    private final long cacheBytes;
    private final int maxWorkgroups;
    private final Map<Long, GpuBuffer> hitsBySize = new HashMap<>();   // views traced on every visit
    private final Map<Integer, KeptHits> hitsByView = new HashMap<>();
    private long keptBytes;
    private GaussianRayGrid snapshot;  // null until the first refresh
    private GpuBuffer colours;
    private int generation;            // counts refreshes: kept hits of an older one are traced again
    private long traces;
    private long reuses;

    /** One view's hits, traced from snapshot {@code generation}. */
    private static final class KeptHits {
        final GpuBuffer hits;
        final int width, height;
        int generation = -1;

        KeptHits(GpuBuffer hits, int width, int height) {
            this.hits = hits;
            this.width = width;
            this.height = height;
        }
    }

    public MirrorSceneTrace(Gpu gpu) {
        this(gpu, cacheBytesFor(gpu.info().largestDeviceLocalHeap()));
    }

    /** Kept hits' budget on a GPU whose largest device-local heap is {@code heapBytes}. */
    static long cacheBytesFor(long heapBytes) {
        return Math.min(MAX_CACHE_BYTES, heapBytes / CACHE_SHARE_OF_MEMORY);
    }

    /** {@code cacheBytes}: at most this much memory for views' kept hits; 0 traces every render. */
    public MirrorSceneTrace(Gpu gpu, long cacheBytes) {
        this(gpu, cacheBytes, MAX_WORKGROUPS);
    }

    /** {@code maxWorkgroups}: the most workgroups one trace dispatches (tests make each subgroup take many pixels). */
    MirrorSceneTrace(Gpu gpu, long cacheBytes, int maxWorkgroups) {
        this.gpu = gpu;
        this.cacheBytes = cacheBytes;
        this.maxWorkgroups = maxWorkgroups;
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
        generation++;
    }

    public boolean ready() {
        return snapshot != null;
    }

    /**
     * The [{@link #HIT_CHANNELS}, H, W] hits of a render's reflecting pixels ({@code targets}: the geometry stage's four
     * feature channels, its depth; {@code frameUniforms} its camera), recording their trace unless training view
     * {@code view} was traced since the last refresh ({@link #UNCACHED}: always traced).
     */
    public GpuBuffer record(CommandRecorder commands, GpuBuffer frameUniforms, RasterTargets targets, int view) {
        if (snapshot == null) {
            throw new IllegalStateException("mirror scene trace recorded before its first refresh");
        }
        int width = targets.width(), height = targets.height();
        KeptHits kept = view == UNCACHED ? null : keptHitsOf(view, width, height);
        if (kept != null && kept.generation == generation) {
            reuses++;
            return kept.hits;
        }
        GpuBuffer hits = kept != null ? kept.hits : hitsBySize.computeIfAbsent(((long) width << 32) | height,
                size -> resources.own(hitBuffer(width, height)));
        commands.dispatch(snapshot.bind(kernel.call().buffer("SplatFrame", frameUniforms).buffer("Features", targets.features)
                        .buffer("PixelDepth", targets.depth).buffer("Colours", colours).buffer("Hits", hits))
                        .pushFloat(MIN_STRENGTH),
                workgroupsFor(width * height), 1);
        commands.barrier();
        if (kept != null) {
            kept.generation = generation;
        }
        traces++;
        return hits;
    }

    /**
     * A subgroup per pixel at a time (the kernel loops over the pixels it is given): one pass over the image where that
     * takes at most {@code maxWorkgroups} workgroups.
     */
    private int workgroupsFor(int pixels) {
        int subgroupsPerWorkgroup = Math.max(1, gpu.workgroupShape().size() / gpu.info().subgroupSize());
        return (int) Math.max(1, Math.min(maxWorkgroups, (pixels + subgroupsPerWorkgroup - 1L) / subgroupsPerWorkgroup));
    }

    /** Renders traced so far (each dispatched the kernel once). */
    public long traces() {
        return traces;
    }

    /** Renders that took a view's kept hits instead of tracing. */
    public long reuses() {
        return reuses;
    }

    /** The view's kept hits, made on its first visit; null where they would pass the cache's budget. */
    private KeptHits keptHitsOf(int view, int width, int height) {
        KeptHits kept = hitsByView.get(view);
        if (kept != null && kept.width == width && kept.height == height) {
            return kept;
        }
        long bytes = hitBytes(width, height);
        if (kept != null || keptBytes + bytes > cacheBytes) {
            return null; // a view whose size changed, or one past the budget: traced every visit
        }
        kept = new KeptHits(resources.own(hitBuffer(width, height)), width, height);
        keptBytes += bytes;
        hitsByView.put(view, kept);
        return kept;
    }

    private GpuBuffer hitBuffer(int width, int height) {
        return GpuBuffer.create(gpu, "mirror scene hits [4, H, W] f32", hitBytes(width, height), MemoryKind.DEVICE);
    }

    private static long hitBytes(int width, int height) {
        return 4L * HIT_CHANNELS * width * height;
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
