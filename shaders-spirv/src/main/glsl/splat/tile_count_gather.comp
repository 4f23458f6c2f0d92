#version 460
// Tile binning, step 2: the tiles each splat touches, listed in front-to-back order, so that the exclusive scan of
// this list gives every splat the first slot of its tile intersections in depth order.
layout(local_size_x = 256) in;

layout(push_constant) uniform GatherPass {
    uint count; // splats
} gather_pass;

layout(std430, binding = 0) readonly buffer TilesTouched { uint tiles_touched[]; };       // [N] by splat index
layout(std430, binding = 1) readonly buffer SplatsByDepth { uint splat_from_rank[]; };     // [N] depth-sorted indices
layout(std430, binding = 2) writeonly buffer CountsByDepth { uint counts_by_depth[]; };    // [N] by depth rank

void main() {
    uint rank = gl_GlobalInvocationID.x;
    if (rank < gather_pass.count) {
        counts_by_depth[rank] = tiles_touched[splat_from_rank[rank]];
    }
}
