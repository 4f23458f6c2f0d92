#version 460
// Prefix scan, phase 1 of reduce-then-scan: the sum of each block of gl_WorkGroupSize.x × ITEMS_PER_INVOCATION
// elements. The host scans these sums (recursively) and prefix_scan_apply adds them back.
#extension GL_GOOGLE_include_directive : require
#include "common/workgroup_scan.glsl"

layout(push_constant) uniform ScanPass {
    uint count;            // elements in data_in
    uint hasBlockOffsets;  // unused here; shares the apply pass's push-constant layout
} scan_pass;

layout(std430, binding = 0) readonly buffer DataIn { uint data_in[]; };       // [count] u32
layout(std430, binding = 1) writeonly buffer BlockSums { uint block_sums[]; }; // [numBlocks] u32

void main() {
    uint blockStart = gl_WorkGroupID.x * gl_WorkGroupSize.x * ITEMS_PER_INVOCATION;
    uint sum = 0u;
    for (uint row = 0u; row < ITEMS_PER_INVOCATION; ++row) {
        uint i = blockStart + row * gl_WorkGroupSize.x + subgroup_ordered_index(); // coalesced rows
        sum += i < scan_pass.count ? data_in[i] : 0u;
    }
    uint blockSum = workgroup_add(sum);
    if (gl_LocalInvocationIndex == 0u) {
        block_sums[gl_WorkGroupID.x] = blockSum;
    }
}
