#version 460
// Radix sort, pass part 1: per-block digit histogram, written digit-major so that one exclusive scan of the whole
// table gives every (digit, block) its first output position.
#extension GL_GOOGLE_include_directive : require
#include "primitives/radix_sort.glsl"

layout(std430, binding = 0) readonly buffer KeysIn { uint keys_in[]; };                // [count] u32
layout(std430, binding = 1) writeonly buffer DigitCounts { uint digit_counts[]; };     // [RADIX, numBlocks] u32

shared uint block_digit_counts[RADIX];

void main() {
    for (uint d = gl_LocalInvocationIndex; d < RADIX; d += gl_WorkGroupSize.x) {
        block_digit_counts[d] = 0u;
    }
    barrier();
    for (uint row = 0u; row < ITEMS_PER_INVOCATION; ++row) {
        uint i = radix_key_index(row);
        bool isKey = i < radix_count();
        uint digit = radix_digit(isKey ? keys_in[i] : 0u);
        // One atomic per distinct digit in the subgroup: already-sorted input would otherwise serialise on one bin.
        uvec4 peers = radix_match_digit(digit, isKey);
        if (isKey && subgroupBallotFindMSB(peers) == gl_SubgroupInvocationID) {
            atomicAdd(block_digit_counts[digit], subgroupBallotBitCount(peers));
        }
    }
    barrier();
    for (uint d = gl_LocalInvocationIndex; d < RADIX; d += gl_WorkGroupSize.x) {
        digit_counts[d * radix_pass.numBlocks + gl_WorkGroupID.x] = block_digit_counts[d];
    }
}
