#version 460
// Radix sort, pass part 2: stable scatter of keys and values to their digit's output range.
// 1. Each subgroup ranks its keys in input order with digit matching (radix_match_digit).
// 2. Per digit, subgroup counts are scanned across subgroups, and digit totals across digits (block-local offsets).
// 3. Keys, then values, are staged in shared memory in output order and written out by consecutive invocations, so
//    each run of one digit leaves the block as coalesced stores instead of one scattered store per key.
#extension GL_GOOGLE_include_directive : require
#include "primitives/radix_sort.glsl"
#include "common/workgroup_scan.glsl"

layout(std430, binding = 0) readonly buffer KeysIn { uint keys_in[]; };                // [count] u32
layout(std430, binding = 1) readonly buffer ValuesIn { uint values_in[]; };            // [count] u32
layout(std430, binding = 2) writeonly buffer KeysOut { uint keys_out[]; };             // [count] u32
layout(std430, binding = 3) writeonly buffer ValuesOut { uint values_out[]; };         // [count] u32
layout(std430, binding = 4) readonly buffer DigitOffsets { uint digit_offsets[]; };    // [RADIX, numBlocks] u32, scanned

// [MAX_SUBGROUPS, RADIX]: keys of each digit per subgroup, then the subgroup's first slot within the digit's run.
shared uint subgroup_digit_counts[MAX_SUBGROUPS * RADIX];
shared uint digit_total[RADIX];   // keys of each digit in this block
shared uint local_start[RADIX];   // first slot of each digit in the staged block
shared uint global_start[RADIX];  // first output position of each digit for this block
shared uint staged[gl_WorkGroupSize.x * ITEMS_PER_INVOCATION]; // [block] keys, then values, in output order

void main() {
    if (gl_WorkGroupID.x * gl_WorkGroupSize.x * ITEMS_PER_INVOCATION >= radix_count()) {
        return; // a block past the count (sorts sized for a capacity): the whole workgroup leaves together
    }
    for (uint d = gl_LocalInvocationIndex; d < MAX_SUBGROUPS * RADIX; d += gl_WorkGroupSize.x) {
        subgroup_digit_counts[d] = 0u;
    }
    barrier();

    // 1. Rank: each subgroup walks its rows in input order, keeping a running count per digit.
    uint keys[ITEMS_PER_INVOCATION];
    uint ranks[ITEMS_PER_INVOCATION]; // rank among this subgroup's keys of the same digit
    uint rowBase = gl_SubgroupID * RADIX;
    for (uint row = 0u; row < ITEMS_PER_INVOCATION; ++row) {
        uint i = radix_key_index(row);
        bool isKey = i < radix_count();
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

    // 2a. Per digit: exclusive scan over subgroups (at most MAX_SUBGROUPS steps) and the block's total.
    for (uint d = gl_LocalInvocationIndex; d < RADIX; d += gl_WorkGroupSize.x) {
        uint running = 0u;
        for (uint s = 0u; s < gl_NumSubgroups; ++s) {
            uint subgroupCount = subgroup_digit_counts[s * RADIX + d];
            subgroup_digit_counts[s * RADIX + d] = running;
            running += subgroupCount;
        }
        digit_total[d] = running;
        global_start[d] = digit_offsets[d * radix_pass.numBlocks + gl_WorkGroupID.x];
    }
    barrier();
    // 2b. Exclusive scan of the digit totals: where each digit's run starts in the staged block.
    uint carry = 0u;
    for (uint first = 0u; first < RADIX; first += gl_WorkGroupSize.x) {
        uint d = first + subgroup_ordered_index();
        uint rowTotal;
        uint before = workgroup_exclusive_add(d < RADIX ? digit_total[d] : 0u, rowTotal);
        if (d < RADIX) {
            local_start[d] = carry + before;
        }
        carry += rowTotal;
    }
    barrier();

    // 3. Stage keys in output order, then write them with consecutive invocations.
    uint slots[ITEMS_PER_INVOCATION];
    for (uint row = 0u; row < ITEMS_PER_INVOCATION; ++row) {
        uint digit = radix_digit(keys[row]);
        slots[row] = local_start[digit] + subgroup_digit_counts[rowBase + digit] + ranks[row];
        if (radix_key_index(row) < radix_count()) {
            staged[slots[row]] = keys[row];
        }
    }
    barrier();
    uint blockStart = gl_WorkGroupID.x * gl_WorkGroupSize.x * ITEMS_PER_INVOCATION;
    uint blockKeys = min(gl_WorkGroupSize.x * ITEMS_PER_INVOCATION, radix_count() - blockStart);
    uint destinations[ITEMS_PER_INVOCATION];
    for (uint row = 0u; row < ITEMS_PER_INVOCATION; ++row) {
        uint slot = row * gl_WorkGroupSize.x + gl_LocalInvocationIndex;
        if (slot < blockKeys) {
            uint key = staged[slot];
            uint digit = radix_digit(key);
            destinations[row] = global_start[digit] + slot - local_start[digit];
            keys_out[destinations[row]] = key;
        }
    }
    barrier();
    for (uint row = 0u; row < ITEMS_PER_INVOCATION; ++row) {
        uint i = radix_key_index(row);
        if (i < radix_count()) {
            staged[slots[row]] = values_in[i];
        }
    }
    barrier();
    for (uint row = 0u; row < ITEMS_PER_INVOCATION; ++row) {
        uint slot = row * gl_WorkGroupSize.x + gl_LocalInvocationIndex;
        if (slot < blockKeys) {
            values_out[destinations[row]] = staged[slot];
        }
    }
}
