package dev.splatlight.core.splat;

import dev.splatlight.core.gpu.GpuBuffer;

/**
 * What a render leaves on the GPU for the backward pass: the frame uniforms, projected splats, the tile lists, and
 * the per-pixel targets. Valid until the rasterizer's next render.
 *
 * @param frameUniforms the SplatFrame uniform block the render used
 * @param projected [N] ProjectedSplat (48 B)
 * @param tileRanges [tiles] (first, end) into splatFromIntersection
 * @param splatFromIntersection [M] splat index, tile by tile, front to back
 */
public record RenderedFrame(GpuBuffer frameUniforms, GpuBuffer projected, GpuBuffer tileRanges,
                            GpuBuffer splatFromIntersection, RasterTargets targets, int splatCount, int tilesX, int tilesY) {
}
