#version 460
// Radix sort, pass part 2: stable scatter of keys and values to their digit's output range. Each subgroup ranks its
// keys in input order with digit matching; subgroup counts are then scanned across subgroups per digit.
#extension GL_GOOGLE_include_directive : require
#include "primitives/radix_sort.glsl"

layout(std430, binding = 0) readonly buffer KeysIn { uint keys_in[]; };                // [count] u32
layout(std430, binding = 1) readonly buffer ValuesIn { uint values_in[]; };            // [count] u32
layout(std430, binding = 2) writeonly buffer KeysOut { uint keys_out[]; };             // [count] u32
layout(std430, binding = 3) writeonly buffer ValuesOut { uint values_out[]; };         // [count] u32
layout(std430, binding = 4) readonly buffer DigitOffsets { uint digit_offsets[]; };    // [RADIX, numBlocks] u32, scanned

// [MAX_SUBGROUPS, RADIX]: first keys of each digit in each subgroup, then (after the scan) output positions.
shared uint subgroup_digit_counts[MAX_SUBGROUPS * RADIX];

void main() {
    for (uint d = gl_LocalInvocationIndex; d < MAX_SUBGROUPS * RADIX; d += gl_WorkGroupSize.x) {
        subgroup_digit_counts[d] = 0u;
    }
    barrier();

    uint keys[ITEMS_PER_INVOCATION];
    uint ranks[ITEMS_PER_INVOCATION]; // rank among this subgroup's keys of the same digit
    uint rowBase = gl_SubgroupID * RADIX;
    for (uint row = 0u; row < ITEMS_PER_INVOCATION; ++row) {
        uint i = radix_key_index(row);
        bool isKey = i < radix_pass.count;
        keys[row] = isKey ? keys_in[i] : 0u;
        uint digit = radix_digit(keys[row]);
        uvec4 peers = radix_match_digit(digit, isKey);
        uint earlier = subgroup_digit_counts[rowBase + digit];
        ranks[row] = earlier + subgroupBallotExclusiveBitCount(peers);
        // Everyone has read the counter before the leader (last peer) advances it.
        subgroupMemoryBarrierShared();
        subgroupBarrier();
        if (isKey && subgroupBallotFindMSB(peers) == gl_SubgroupInvocationID) {
            subgroup_digit_counts[rowBase + digit] = earlier + subgroupBallotBitCount(peers);
        }
        subgroupMemoryBarrierShared();
        subgroupBarrier();
    }
    barrier();

    // Per digit: the block's global start, then exclusive scan over subgroups (at most MAX_SUBGROUPS steps).
    for (uint d = gl_LocalInvocationIndex; d < RADIX; d += gl_WorkGroupSize.x) {
        uint position = digit_offsets[d * radix_pass.numBlocks + gl_WorkGroupID.x];
        for (uint s = 0u; s < gl_NumSubgroups; ++s) {
            uint subgroupCount = subgroup_digit_counts[s * RADIX + d];
            subgroup_digit_counts[s * RADIX + d] = position;
            position += subgroupCount;
        }
    }
    barrier();

    for (uint row = 0u; row < ITEMS_PER_INVOCATION; ++row) {
        uint i = radix_key_index(row);
        if (i < radix_pass.count) {
            uint destination = subgroup_digit_counts[rowBase + radix_digit(keys[row])] + ranks[row];
            keys_out[destination] = keys[row];
            values_out[destination] = values_in[i];
        }
    }
}
