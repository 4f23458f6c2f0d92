#version 460
// Prefix scan, phase 2: exclusive scan of each block, plus the block's offset (the exclusive scan of the block sums)
// when there is more than one block. In place (data_out == data_in) is allowed: each row is read before it is written.
#extension GL_GOOGLE_include_directive : require
#include "common/workgroup_scan.glsl"

layout(push_constant) uniform ScanPass {
    uint count;            // elements
    uint hasBlockOffsets;  // 1: add block_offsets[block]; 0: a single block, nothing to add
} scan_pass;

layout(std430, binding = 0) readonly buffer DataIn { uint data_in[]; };           // [count] u32
layout(std430, binding = 1) writeonly buffer DataOut { uint data_out[]; };        // [count] u32
layout(std430, binding = 2) readonly buffer BlockOffsets { uint block_offsets[]; }; // [numBlocks] u32, scanned

void main() {
    uint blockStart = gl_WorkGroupID.x * gl_WorkGroupSize.x * ITEMS_PER_INVOCATION;
    uint carry = scan_pass.hasBlockOffsets != 0u ? block_offsets[gl_WorkGroupID.x] : 0u;
    for (uint row = 0u; row < ITEMS_PER_INVOCATION; ++row) {
        uint i = blockStart + row * gl_WorkGroupSize.x + subgroup_ordered_index();
        uint value = i < scan_pass.count ? data_in[i] : 0u;
        uint rowTotal;
        uint before = workgroup_exclusive_add(value, rowTotal);
        if (i < scan_pass.count) {
            data_out[i] = carry + before;
        }
        carry += rowTotal;
    }
}
