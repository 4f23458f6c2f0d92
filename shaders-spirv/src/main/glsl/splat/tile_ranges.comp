#version 460
// Tile binning, step 5: for the tile-sorted intersections, each tile's [first, end) range. Tiles no splat touches
// keep the (0, 0) the host filled in.
layout(local_size_x = 256) in;

layout(push_constant) uniform RangePass {
    uint tiles; // keys at or above this name no tile (tile_emit's spare slots)
} range_pass;

layout(std430, binding = 0) readonly buffer TileKeys { uint tile_keys[]; };    // [M] sorted
layout(std430, binding = 1) buffer TileRanges { uvec2 tile_ranges[]; };        // [tiles] (first, end)
layout(std430, binding = 2) readonly buffer BinCount { uint bin_count; };      // [1] intersections (host- or GPU-written)

void main() {
    uint k = gl_GlobalInvocationID.x;
    uint count = bin_count;
    if (k >= count) {
        return;
    }
    uint tile = tile_keys[k];
    if (tile >= range_pass.tiles) {
        return;
    }
    if (k == 0u || tile_keys[k - 1u] != tile) {
        tile_ranges[tile].x = k;
    }
    if (k + 1u == count || tile_keys[k + 1u] != tile) {
        tile_ranges[tile].y = k + 1u;
    }
}
