package dev.splatlight.core.splat;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.primitives.PrefixScan;
import dev.splatlight.core.primitives.RadixSort;

/**
 * Per-splat scratch of one render (graphdeco's GeometryState): the projected splats, their depth order and where
 * each one's tile intersections start. Sized for {@link #capacity()} splats; the rasterizer replaces it when the
 * scene grows.
 */
final class SplatScratch implements AutoCloseable {
    private final long capacity;
    private final ResourceScope resources = new ResourceScope("splat scratch");
    final GpuBuffer projected;          // [N] ProjectedSplat, 48 B
    final GpuBuffer tilesTouched;       // [N] u32
    final GpuBuffer depthKeys;          // [N] u32, sorted in place
    final GpuBuffer splatFromRank;      // [N] u32: splat indices, sorted front to back
    final GpuBuffer countsByDepth;      // [N] u32
    final GpuBuffer firstIntersection;  // [N] u32: exclusive scan of countsByDepth
    final GpuBuffer intersectionTotal;  // [2] u32 readback: last first-intersection and last count
    final RadixSort depthSort;
    final PrefixScan countScan;

    SplatScratch(Gpu gpu, long capacity) {
        this.capacity = capacity;
        try {
            projected = resources.own(GpuBuffer.create(gpu, "projected splats [N] 48 B", capacity * 48, MemoryKind.DEVICE));
            tilesTouched = resources.own(GpuBuffer.create(gpu, "tiles touched [N] u32", capacity * 4, MemoryKind.DEVICE));
            depthKeys = resources.own(GpuBuffer.create(gpu, "depth keys [N] u32", capacity * 4, MemoryKind.DEVICE));
            splatFromRank = resources.own(GpuBuffer.create(gpu, "splat from depth rank [N] u32", capacity * 4, MemoryKind.DEVICE));
            countsByDepth = resources.own(GpuBuffer.create(gpu, "tile counts by depth rank [N] u32", capacity * 4, MemoryKind.DEVICE));
            firstIntersection = resources.own(GpuBuffer.create(gpu, "first intersection [N] u32", capacity * 4, MemoryKind.DEVICE));
            intersectionTotal = resources.own(GpuBuffer.create(gpu, "intersection total readback", 16, MemoryKind.READBACK));
            depthSort = resources.own(new RadixSort(gpu, capacity));
            countScan = resources.own(new PrefixScan(gpu, capacity));
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    long capacity() {
        return capacity;
    }

    @Override
    public void close() {
        resources.close();
    }
}
