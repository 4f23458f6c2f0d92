#version 460
// Tile binning, step 3: one (tile, splat) intersection per tile a splat's ellipse reaches (splat/tile_coverage.glsl),
// written in front-to-back order. A stable sort by tile then keeps each tile's list front to back.
#extension GL_GOOGLE_include_directive : require
#define SPLAT_FRAME_BINDING 0
#include "splat/frame.glsl"
#include "splat/projected_splat.glsl"
#include "splat/tile_coverage.glsl"

layout(local_size_x = 256) in;

layout(push_constant) uniform EmitPass {
    uint capacity; // pairs the buffers hold: a GPU-sized frame that overflows writes what fits and is drawn again
} emit_pass;

layout(std430, binding = 1) readonly buffer Projected { ProjectedSplat projected[]; };       // [N]
layout(std430, binding = 2) readonly buffer SplatsByDepth { uint splat_from_rank[]; };       // [N]
layout(std430, binding = 3) readonly buffer FirstIntersection { uint first_intersection[]; }; // [N] scanned counts
layout(std430, binding = 4) writeonly buffer TileKeys { uint tile_keys[]; };                  // [M] tile index
layout(std430, binding = 5) writeonly buffer TileSplats { uint splat_from_intersection[]; };  // [M] splat index
layout(std430, binding = 6) readonly buffer TilesTouched { uint tiles_touched[]; };          // [N] by splat index

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
    CoverageEllipse ellipse = coverage_ellipse(p.centerDepthRadius.xy, p.conicOpacity.xyz, p.conicOpacity.w);
    uint slot = first_intersection[rank];
    uint end = min(slot + tiles_touched[splat], emit_pass.capacity);
    uvec2 rows = coverage_rows(ellipse, frame.tilesY);
    for (uint row = rows.x; row < rows.y; ++row) {
        uvec2 columns = coverage_columns(ellipse, row, frame.tilesX);
        for (uint column = columns.x; column < columns.y && slot < end; ++column) {
            tile_keys[slot] = row * frame.tilesX + column;
            splat_from_intersection[slot] = splat;
            slot++;
        }
    }
    // Projection counted these same tiles; should rounding ever disagree, the spare slots name no tile.
    for (; slot < end; ++slot) {
        tile_keys[slot] = frame.tilesX * frame.tilesY; // sorts after every tile; tile_ranges skips it
        splat_from_intersection[slot] = splat;
    }
}
