#version 460
// Tile binning, step 2b (GPU-sized renders): the number of (tile, splat) intersections, last exclusive prefix plus
// last count, clamped to the pair buffers' capacity. Emit, sort and ranges read it, so the host never waits for it;
// it reads the unclamped total after the frame and, if the frame overflowed, grows the buffers and draws it again.
layout(local_size_x = 1) in;

layout(push_constant) uniform TotalPass {
    uint splats;    // N ≥ 1
    uint capacity;  // intersections the pair buffers hold
} total_pass;

layout(std430, binding = 0) readonly buffer FirstIntersection { uint first_intersection[]; }; // [N] scanned counts
layout(std430, binding = 1) readonly buffer CountsByDepth { uint counts_by_depth[]; };        // [N]
layout(std430, binding = 2) writeonly buffer BinCount { uint bin_count; };                   // [1]

void main() {
    uint last = total_pass.splats - 1u;
    bin_count = min(first_intersection[last] + counts_by_depth[last], total_pass.capacity);
}
