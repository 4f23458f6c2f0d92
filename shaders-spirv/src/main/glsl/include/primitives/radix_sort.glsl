// Shared by the two radix-sort passes: digit width, block layout and subgroup digit matching.
#ifndef SPLATLIGHT_RADIX_SORT_GLSL
#define SPLATLIGHT_RADIX_SORT_GLSL

#extension GL_KHR_shader_subgroup_ballot : require
#include "common/workgroup.glsl"

const uint RADIX_BITS = 8u;
const uint RADIX = 1u << RADIX_BITS; // digits per pass

layout(push_constant) uniform RadixPass {
    uint shift;      // bit offset of this pass's digit
    uint numBlocks;  // workgroups, each sorting one block of gl_WorkGroupSize.x × ITEMS_PER_INVOCATION keys
} radix_pass;

// The number of keys to sort is read from a buffer, so that a GPU pass can produce it (the rasterizer sizes its tile
// sort on the GPU, with no read-back); sorts the host sizes fill it with vkCmdFillBuffer. Blocks past the count find
// no keys: the counting pass writes zeros for them, the scattering pass returns.
layout(std430, binding = 5) readonly buffer SortCount { uint sort_count; };

uint radix_count() {
    return sort_count;
}

uint radix_digit(uint key) {
    return (key >> radix_pass.shift) & (RADIX - 1u);
}

// Index of the r-th key of this invocation. Each subgroup owns a contiguous run of ITEMS_PER_INVOCATION rows of
// gl_SubgroupSize keys, so the ranking pass can walk its keys in input order (the sort must be stable).
uint radix_key_index(uint row) {
    uint blockStart = gl_WorkGroupID.x * gl_WorkGroupSize.x * ITEMS_PER_INVOCATION;
    return blockStart + (gl_SubgroupID * ITEMS_PER_INVOCATION + row) * gl_SubgroupSize + gl_SubgroupInvocationID;
}

// The lanes of this subgroup that hold a key and hold the same digit (a "match" built from RADIX_BITS ballots,
// as in Onesweep's warp-level multisplit). Must be reached by the whole subgroup.
uvec4 radix_match_digit(uint digit, bool isKey) {
    uvec4 peers = subgroupBallot(isKey);
    for (uint b = 0u; b < RADIX_BITS; ++b) {
        bool bitSet = ((digit >> b) & 1u) != 0u;
        uvec4 lanesWithBit = subgroupBallot(bitSet);
        peers &= bitSet ? lanesWithBit : ~lanesWithBit;
    }
    return peers;
}

#endif
