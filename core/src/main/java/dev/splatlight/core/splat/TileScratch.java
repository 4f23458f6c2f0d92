package dev.splatlight.core.splat;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.primitives.RadixSort;

/**
 * Per-intersection scratch of one render (graphdeco's BinningState): (tile, splat) pairs sorted by tile, sized for
 * {@link #capacity()} intersections, and each tile's range in them.
 */
final class TileScratch implements AutoCloseable {
    private final long capacity;
    private final int tiles;
    private final ResourceScope resources = new ResourceScope("tile scratch");
    final GpuBuffer tileKeys;             // [M] u32 tile index, sorted in place
    final GpuBuffer splatFromIntersection; // [M] u32
    final GpuBuffer tileRanges;           // [tiles] (first, end) u32
    final RadixSort tileSort;
    final GpuBuffer binCount;             // [1] u32 intersections: filled by the host or written by tile_total.comp

    TileScratch(Gpu gpu, long capacity, int tiles) {
        this.capacity = capacity;
        this.tiles = tiles;
        try {
            tileKeys = resources.own(GpuBuffer.create(gpu, "tile keys [M] u32", capacity * 4, MemoryKind.DEVICE));
            splatFromIntersection = resources.own(GpuBuffer.create(gpu, "splat from intersection [M] u32", capacity * 4, MemoryKind.DEVICE));
            tileRanges = resources.own(GpuBuffer.create(gpu, "tile ranges [tiles, 2] u32", tiles * 8L, MemoryKind.DEVICE));
            tileSort = resources.own(new RadixSort(gpu, capacity));
            binCount = resources.own(GpuBuffer.create(gpu, "intersection count [1] u32", 4, MemoryKind.DEVICE));
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    boolean fits(long intersections, int tiles) {
        return intersections <= capacity && tiles <= this.tiles;
    }

    long capacity() {
        return capacity;
    }

    @Override
    public void close() {
        resources.close();
    }
}
