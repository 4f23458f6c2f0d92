#version 460
// Tile binning, step 3: one (tile, splat) intersection per tile a splat's bounding square touches, written in
// front-to-back order. A stable sort by tile then keeps each tile's list front to back.
#extension GL_GOOGLE_include_directive : require
#define SPLAT_FRAME_BINDING 0
#include "splat/frame.glsl"
#include "splat/projected_splat.glsl"

layout(local_size_x = 256) in;

layout(std430, binding = 1) readonly buffer Projected { ProjectedSplat projected[]; };       // [N]
layout(std430, binding = 2) readonly buffer SplatsByDepth { uint splat_from_rank[]; };       // [N]
layout(std430, binding = 3) readonly buffer FirstIntersection { uint first_intersection[]; }; // [N] scanned counts
layout(std430, binding = 4) writeonly buffer TileKeys { uint tile_keys[]; };                  // [M] tile index
layout(std430, binding = 5) writeonly buffer TileSplats { uint splat_from_intersection[]; };  // [M] splat index

void main() {
    uint rank = gl_GlobalInvocationID.x;
    if (rank >= frame.splatCount) {
        return;
    }
    uint splat = splat_from_rank[rank];
    ProjectedSplat p = projected[splat];
    if (p.centerDepthRadius.w <= 0.0) {
        return; // culled: touches no tile
    }
    uvec2 minTile, maxTile;
    splat_tile_rect(p.centerDepthRadius.xy, p.centerDepthRadius.w, uvec2(frame.tilesX, frame.tilesY), minTile, maxTile);
    uint slot = first_intersection[rank];
    for (uint y = minTile.y; y < maxTile.y; ++y) {
        for (uint x = minTile.x; x < maxTile.x; ++x) {
            tile_keys[slot] = y * frame.tilesX + x;
            splat_from_intersection[slot] = splat;
            slot++;
        }
    }
}
