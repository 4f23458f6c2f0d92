package dev.splatlight.core.splat;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.ComputeKernel;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.GpuImage;
import dev.splatlight.core.gpu.KernelCall;
import dev.splatlight.core.gpu.GpuPhaseTimer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.gpu.SpecializationConstants;
import dev.splatlight.core.gpu.UniformBlock;
import dev.splatlight.shaders.ShaderProgram;

/**
 * The forward tile rasterizer shared by trainer and viewer (docs/rasterizer.md):
 * <ol>
 *   <li>project every Gaussian (EWA covariance, conic, radius, SH colour, tiles touched, depth key);</li>
 *   <li>sort splats front to back by depth; list their tile counts in that order and scan them;</li>
 *   <li>emit one (tile, splat) pair per touched tile in depth order; stable-sort the pairs by tile;</li>
 *   <li>find each tile's range; blend each 16×16 tile front to back into {@link RasterTargets}.</li>
 * </ol>
 * {@link #render} reads the number of intersections back between steps 2 and 3 to size the pair buffers exactly
 * (the trainer: a step's backward and update are recorded behind it and must see the whole frame).
 * {@link #renderSizedOnGpu} records everything in one submission with the count kept on the GPU (tile_total.comp):
 * emit, sort and ranges read it and are sized for the buffers' capacity; after the frame the host checks whether it
 * overflowed, and if so grows the buffers by half again and draws the frame again (the viewer: no device idle between
 * two submissions). The returned targets stay valid until the next render.
 */
public final class SplatRasterizer implements AutoCloseable {
    private static final int GROUP = 256; // local size of the per-splat and per-intersection kernels
    private static final int TILE_SIZE = 16;
    private static final double GROWTH = 1.5;
    /** Specialization constant ids of the blend kernels (rasterize_forward.comp, rasterize_backward.comp). */
    public static final int FEATURE_CHANNELS_CONSTANT = 0;
    public static final int RASTER_MODE_CONSTANT = 7;

    private final Gpu gpu;
    private final int featureChannels;
    private final ResourceScope kernels = new ResourceScope("rasterizer kernels");
    private final ComputeKernel project;
    private final ComputeKernel gather;
    private final ComputeKernel emit;
    private final ComputeKernel ranges;
    private final ComputeKernel total;
    private final ComputeKernel rasterize;
    private final SpecializationConstants blendConstants;
    private ComputeKernel rasterizeOccluded; // made on first use: only scenes with meshes need it
    private final GpuBuffer frameBuffer;
    private final UniformBlock frame;
    private SplatScratch splatScratch;
    private TileScratch tileScratch;
    private RasterTargets targets;
    private long lastIntersections;
    private RenderedFrame lastFrame;
    private GpuPhaseTimer profiler; // times the phases of the next render when set

    /** A rasterizer blending {@code featureChannels} floats per Gaussian besides colour, depth and opacity. */
    public SplatRasterizer(Gpu gpu, int featureChannels) {
        this(gpu, featureChannels, RasterMode.STANDARD);
    }

    public SplatRasterizer(Gpu gpu, int featureChannels, RasterMode mode) {
        if (featureChannels < 1) { // the blend kernels size per-pixel arrays by it, and SPIR-V has no empty arrays
            throw new IllegalArgumentException("a rasterizer blends at least one feature channel, got " + featureChannels);
        }
        this.gpu = gpu;
        this.featureChannels = featureChannels;
        SpecializationConstants smooth = SpecializationConstants.of(RASTER_MODE_CONSTANT, mode.smoothTestModeConstant());
        try {
            project = kernels.own(ComputeKernel.create(gpu, ShaderProgram.SPLAT_PROJECT_FORWARD, smooth));
            gather = kernels.own(ComputeKernel.create(gpu, ShaderProgram.SPLAT_TILE_COUNT_GATHER, SpecializationConstants.none()));
            emit = kernels.own(ComputeKernel.create(gpu, ShaderProgram.SPLAT_TILE_EMIT, smooth));
            ranges = kernels.own(ComputeKernel.create(gpu, ShaderProgram.SPLAT_TILE_RANGES, SpecializationConstants.none()));
            total = kernels.own(ComputeKernel.create(gpu, ShaderProgram.SPLAT_TILE_TOTAL, SpecializationConstants.none()));
            blendConstants = smooth.with(FEATURE_CHANNELS_CONSTANT, featureChannels);
            rasterize = kernels.own(ComputeKernel.create(gpu, ShaderProgram.SPLAT_RASTERIZE_FORWARD, blendConstants));
            frame = new UniformBlock(project.reflection().uniformBlocks().get("SplatFrame"));
            frameBuffer = kernels.own(GpuBuffer.create(gpu, "splat frame uniforms", frame.layout().size(), MemoryKind.UPLOAD));
        } catch (RuntimeException e) {
            kernels.close();
            throw e;
        }
    }

    /** Renders {@code splats} seen by {@code camera}; waits for the GPU. */
    public RasterTargets render(GaussianBuffers splats, Camera camera, RasterSettings settings) {
        return render(splats, camera, settings, null);
    }

    /**
     * Renders, then records {@code thenRecord} into the same submission after a barrier (the training step's losses
     * and backward, which read {@link #lastFrame()}), so the device does not wait for the host in between.
     */
    public RasterTargets render(GaussianBuffers splats, Camera camera, RasterSettings settings,
                                java.util.function.Consumer<CommandRecorder> thenRecord) {
        int n = splats.count();
        int tilesX = (camera.width() + TILE_SIZE - 1) / TILE_SIZE;
        int tilesY = (camera.height() + TILE_SIZE - 1) / TILE_SIZE;
        prepare(splats, camera, settings, tilesX, tilesY);

        GpuPhaseTimer timing = profiler;
        profiler = null;
        gpu.submitAndWait(commands -> {
            if (timing != null) {
                timing.begin(commands);
            }
            projectAndOrder(commands, splats, n, timing);
            if (n > 0) {
                mark(commands, timing, "(host round trip)"); // device idle until the next submission
            }
        });
        long intersections = 0;
        if (n > 0) {
            var total = splatScratch.intersectionTotal.download(8).asIntBuffer();
            intersections = Integer.toUnsignedLong(total.get(0)) + Integer.toUnsignedLong(total.get(1));
        }
        lastIntersections = intersections;
        ensureTileScratch(intersections, tilesX * tilesY);
        long m = intersections;
        lastFrame = new RenderedFrame(frameBuffer, splatScratch.projected, tileScratch.tileRanges,
                tileScratch.splatFromIntersection, targets, n, tilesX, tilesY);
        gpu.submitAndWait(commands -> {
            if (m > 0) {
                commands.fill(tileScratch.binCount, (int) m);
            }
            binAndBlend(commands, splats, n, m, false, tilesX, tilesY, timing, null);
            commands.barrier();
            if (thenRecord != null) {
                thenRecord.accept(commands);
            } else {
                mark(commands, timing, "(end of render)");
            }
        });
        return targets;
    }

    /**
     * An opaque surface in front of which the blend stops (meshes beside the splats): {@code draw} is recorded first in
     * the render's submission and leaves in {@code depth} (r32f, camera z) each pixel's surface depth, huge where none.
     */
    public record Occluder(GpuImage depth, java.util.function.Consumer<CommandRecorder> draw) {
    }

    /**
     * As {@link #render(GaussianBuffers, Camera, RasterSettings, java.util.function.Consumer)} in one submission, the
     * intersection count kept on the GPU. {@code thenRecord} runs again when a frame overflowed the pair buffers and
     * is drawn again, so it must only depend on this frame's targets (shading, compositing).
     */
    public RasterTargets renderSizedOnGpu(GaussianBuffers splats, Camera camera, RasterSettings settings,
                                          java.util.function.Consumer<CommandRecorder> thenRecord) {
        return renderSizedOnGpu(splats, camera, settings, null, thenRecord);
    }

    /** As above, the blend stopped per pixel by {@code occluder} (or not, when null). */
    public RasterTargets renderSizedOnGpu(GaussianBuffers splats, Camera camera, RasterSettings settings, Occluder occluder,
                                          java.util.function.Consumer<CommandRecorder> thenRecord) {
        if (occluder != null && rasterizeOccluded == null) {
            rasterizeOccluded = kernels.own(ComputeKernel.create(gpu, ShaderProgram.SPLAT_RASTERIZE_FORWARD_OCCLUDED, blendConstants));
        }
        int n = splats.count();
        int tilesX = (camera.width() + TILE_SIZE - 1) / TILE_SIZE;
        int tilesY = (camera.height() + TILE_SIZE - 1) / TILE_SIZE;
        prepare(splats, camera, settings, tilesX, tilesY);
        // first frame: room for a few tiles per splat; later frames start from what they last needed
        ensureTileScratch(tileScratch == null ? Math.max(1024, 4L * n) : 1, tilesX * tilesY);
        GpuPhaseTimer timing = profiler;
        profiler = null;
        while (true) {
            TileScratch t = tileScratch;
            long capacity = t.capacity();
            lastFrame = new RenderedFrame(frameBuffer, splatScratch.projected, t.tileRanges, t.splatFromIntersection, targets, n,
                    tilesX, tilesY);
            gpu.submitAndWait(commands -> {
                if (timing != null) {
                    timing.begin(commands);
                }
                if (occluder != null) {
                    mark(commands, timing, "meshes");
                    occluder.draw().accept(commands);
                }
                projectAndOrder(commands, splats, n, timing);
                if (n > 0) {
                    mark(commands, timing, "tile total");
                    commands.dispatch(total.call().buffer("FirstIntersection", splatScratch.firstIntersection)
                            .buffer("CountsByDepth", splatScratch.countsByDepth).buffer("BinCount", t.binCount)
                            .pushInts(n, (int) Math.min(capacity, Integer.MAX_VALUE)), 1);
                    commands.barrier();
                }
                binAndBlend(commands, splats, n, n > 0 ? capacity : 0, true, tilesX, tilesY, timing, occluder);
                commands.barrier();
                if (thenRecord != null) {
                    thenRecord.accept(commands);
                } else {
                    mark(commands, timing, "(end of render)");
                }
            });
            long intersections = 0;
            if (n > 0) {
                var totals = splatScratch.intersectionTotal.download(8).asIntBuffer();
                intersections = Integer.toUnsignedLong(totals.get(0)) + Integer.toUnsignedLong(totals.get(1));
            }
            lastIntersections = intersections;
            if (intersections <= capacity) {
                return targets;
            }
            ensureTileScratch((long) Math.ceil(intersections * GROWTH), tilesX * tilesY); // overflowed: grow, draw again
            // (a timer begins again with the redrawn frame: begin resets it, and thenRecord's marks follow)
        }
    }

    /** Checks the splats fit this rasterizer, sizes the per-splat scratch and the targets, uploads the frame's uniforms. */
    private void prepare(GaussianBuffers splats, Camera camera, RasterSettings settings, int tilesX, int tilesY) {
        if (splats.featureChannels() != featureChannels && splats.count() > 0) {
            throw new IllegalArgumentException("splats carry " + splats.featureChannels() + " feature channels; this rasterizer blends "
                    + featureChannels);
        }
        ensureSplatScratch(splats.count());
        ensureTargets(camera.width(), camera.height());
        writeFrame(camera, settings, splats.count(), tilesX, tilesY);
    }

    /** Times the phases of the next render into {@code timer} (which the caller reads after its own marks). */
    public void profileNextRender(GpuPhaseTimer timer) {
        this.profiler = timer;
    }

    private static void mark(CommandRecorder commands, GpuPhaseTimer timing, String phase) {
        if (timing != null) {
            timing.mark(commands, phase);
        }
    }

    private void projectAndOrder(CommandRecorder commands, GaussianBuffers splats, int n, GpuPhaseTimer timing) {
        if (n == 0) {
            return;
        }
        SplatScratch s = splatScratch;
        mark(commands, timing, "project");
        commands.dispatch(project.call().buffer("SplatFrame", frameBuffer)
                .buffer("Means", splats.means).buffer("LogScales", splats.logScales).buffer("Rotations", splats.rotations)
                .buffer("OpacityLogits", splats.opacityLogits).buffer("ShCoefficients", splats.sh)
                .buffer("Projected", s.projected).buffer("TilesTouched", s.tilesTouched)
                .buffer("DepthKeys", s.depthKeys).buffer("SplatIndices", s.splatFromRank), groups(n));
        commands.barrier();
        mark(commands, timing, "depth sort");
        s.depthSort.record(commands, s.depthKeys, s.splatFromRank, n, 32);
        commands.barrier();
        mark(commands, timing, "tile counts + scan");
        commands.dispatch(gather.call().buffer("TilesTouched", s.tilesTouched).buffer("SplatsByDepth", s.splatFromRank)
                .buffer("CountsByDepth", s.countsByDepth).pushInt(n), groups(n));
        commands.barrier();
        s.countScan.record(commands, s.countsByDepth, s.firstIntersection, n);
        commands.barrier();
        commands.copy(s.firstIntersection, (n - 1) * 4L, s.intersectionTotal, 0, 4);
        commands.copy(s.countsByDepth, (n - 1) * 4L, s.intersectionTotal, 4, 4);
    }

    /**
     * Emit, sort, ranges and blend. {@code counted}: the intersection count is in {@code binCount} on the GPU and
     * {@code m} is only the capacity the passes are sized for; else {@code m} is the exact count.
     */
    private void binAndBlend(CommandRecorder commands, GaussianBuffers splats, int n, long m, boolean counted, int tilesX,
                             int tilesY, GpuPhaseTimer timing, Occluder occluder) {
        SplatScratch s = splatScratch;
        TileScratch t = tileScratch;
        mark(commands, timing, "tile emit");
        commands.fill(t.tileRanges, 0);
        commands.barrier();
        if (m > 0) {
            commands.dispatch(emit.call().buffer("SplatFrame", frameBuffer).buffer("Projected", s.projected)
                    .buffer("SplatsByDepth", s.splatFromRank).buffer("FirstIntersection", s.firstIntersection)
                    .buffer("TileKeys", t.tileKeys).buffer("TileSplats", t.splatFromIntersection)
                    .buffer("TilesTouched", s.tilesTouched).pushInts((int) Math.min(t.capacity(), Integer.MAX_VALUE)), groups(n));
            commands.barrier();
            mark(commands, timing, "tile sort");
            int tileBits = 32 - Integer.numberOfLeadingZeros(tilesX * tilesY); // tiles, and the key tilesX·tilesY of no tile
            if (counted) {
                t.tileSort.recordCounted(commands, t.tileKeys, t.splatFromIntersection, t.binCount, tileBits);
            } else {
                t.tileSort.record(commands, t.tileKeys, t.splatFromIntersection, m, tileBits);
            }
            commands.barrier();
            mark(commands, timing, "tile ranges");
            commands.dispatch(ranges.call().buffer("TileKeys", t.tileKeys).buffer("TileRanges", t.tileRanges)
                    .buffer("BinCount", t.binCount).pushInts(tilesX * tilesY), groups(m));
            commands.barrier();
        }
        RasterTargets r = targets;
        mark(commands, timing, "rasterize forward");
        KernelCall blend = (occluder == null ? rasterize : rasterizeOccluded).call().buffer("SplatFrame", frameBuffer)
                .buffer("Projected", s.projected).buffer("TileRanges", t.tileRanges).buffer("TileSplats", t.splatFromIntersection)
                .buffer("Features", splats.features).buffer("OutColor", r.color).buffer("OutOpacity", r.opacity)
                .buffer("OutDepth", r.depth).buffer("OutFeatures", r.features).buffer("OutTransmittance", r.transmittance)
                .buffer("OutLastContributor", r.lastContributor);
        if (occluder != null) {
            blend.storageImage("OccluderDepth", occluder.depth());
        }
        commands.dispatch(blend, tilesX, tilesY);
    }

    private void writeFrame(Camera camera, RasterSettings settings, int n, int tilesX, int tilesY) {
        frame.putMat4("viewFromWorld", camera.viewFromWorld()).putVec3("cameraPosition", camera.position())
                .putFloat("fx", camera.fx()).putFloat("fy", camera.fy()).putFloat("cx", camera.cx()).putFloat("cy", camera.cy())
                .putFloat("tanHalfFovX", camera.tanHalfFovX()).putFloat("tanHalfFovY", camera.tanHalfFovY())
                .putInt("width", camera.width()).putInt("height", camera.height())
                .putInt("tilesX", tilesX).putInt("tilesY", tilesY).putInt("splatCount", n)
                .putInt("shDegree", settings.shDegree()).putFloat("nearPlane", settings.nearPlane())
                .putVec3("background", settings.background());
        frameBuffer.upload(frame.bytes());
    }

    private static int groups(long count) {
        return (int) ((count + GROUP - 1) / GROUP);
    }

    private void ensureSplatScratch(int n) {
        if (splatScratch == null || splatScratch.capacity() < n) {
            long capacity = Math.max(n, splatScratch == null ? 1 : (long) (splatScratch.capacity() * GROWTH));
            if (splatScratch != null) {
                splatScratch.close();
            }
            splatScratch = new SplatScratch(gpu, Math.max(1, capacity));
        }
    }

    private void ensureTileScratch(long intersections, int tiles) {
        if (tileScratch == null || !tileScratch.fits(intersections, tiles)) {
            long capacity = Math.max(intersections, tileScratch == null ? 1 : (long) (tileScratch.capacity() * GROWTH));
            if (tileScratch != null) {
                tileScratch.close();
            }
            tileScratch = new TileScratch(gpu, Math.max(1, capacity), tiles);
        }
    }

    private void ensureTargets(int width, int height) {
        if (targets == null || !targets.fits(width, height, featureChannels)) {
            if (targets != null) {
                targets.close();
            }
            targets = new RasterTargets(gpu, width, height, featureChannels);
        }
    }

    /** The last render's projected splats ([N] × 48 B). */
    GpuBuffer projectedSplats() {
        return splatScratch.projected;
    }

    /** What the last render left for the backward pass; valid until the next render. */
    public RenderedFrame lastFrame() {
        if (lastFrame == null) {
            throw new IllegalStateException("nothing rendered yet");
        }
        return lastFrame;
    }

    /** Tile intersections of the last render (for statistics and benchmarks). */
    public long lastIntersections() {
        return lastIntersections;
    }

    public int featureChannels() {
        return featureChannels;
    }

    @Override
    public void close() {
        if (targets != null) {
            targets.close();
        }
        if (tileScratch != null) {
            tileScratch.close();
        }
        if (splatScratch != null) {
            splatScratch.close();
        }
        kernels.close();
    }
}
