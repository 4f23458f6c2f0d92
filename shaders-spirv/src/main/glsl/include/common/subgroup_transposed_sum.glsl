// Sixteen sums over a subgroup at once: float values[16] per lane in, and each lane left holding the full sums of
// `held` consecutive values starting at index `first` (one value per lane on subgroups of 16 or more lanes; lanes that
// are not `owner` hold a duplicate). Each halving step swaps half of what a lane holds with the lane `offset` away,
// so the sixteen sums cost 8 + 4 + 2 + 1 shuffles (plus one per further lane bit) instead of 16 × log2(lanes) for
// sixteen subgroupAdd calls. Indices stay compile-time constants, so `values` stays in registers.
#ifndef SPLATLIGHT_SUBGROUP_TRANSPOSED_SUM_GLSL
#define SPLATLIGHT_SUBGROUP_TRANSPOSED_SUM_GLSL

#extension GL_KHR_shader_subgroup_basic : require
#extension GL_KHR_shader_subgroup_shuffle : require

const uint TRANSPOSED_SUM_VALUES = 16u;

// Keeps the lower or upper `half` of the first 2·half values (upper where the lane's `offset` bit is set), adding
// the partner lane's copy of the same half.
#define TRANSPOSED_SUM_HALVE(values, half, offset, lane, first) {                     \
    bool upper = ((lane) & (offset)) != 0u;                                            \
    for (uint k = 0u; k < (half); ++k) {                                               \
        float give = upper ? values[k] : values[k + (half)];                           \
        float keep = upper ? values[k + (half)] : values[k];                           \
        values[k] = keep + subgroupShuffleXor(give, (offset));                         \
    }                                                                                  \
    first += upper ? (half) : 0u;                                                      \
}

void subgroup_transposed_sum(inout float values[TRANSPOSED_SUM_VALUES], out uint first, out uint held, out bool owner) {
    uint lane = gl_SubgroupInvocationID;
    uint offset = gl_SubgroupSize;
    first = 0u;
    held = TRANSPOSED_SUM_VALUES;
    if (offset >= 2u) { offset >>= 1u; TRANSPOSED_SUM_HALVE(values, 8u, offset, lane, first); held = 8u; }
    if (offset >= 2u) { offset >>= 1u; TRANSPOSED_SUM_HALVE(values, 4u, offset, lane, first); held = 4u; }
    if (offset >= 2u) { offset >>= 1u; TRANSPOSED_SUM_HALVE(values, 2u, offset, lane, first); held = 2u; }
    if (offset >= 2u) { offset >>= 1u; TRANSPOSED_SUM_HALVE(values, 1u, offset, lane, first); held = 1u; }
    owner = true;
    while (offset >= 2u) { // subgroups wider than 16 lanes: the lanes holding the same value add up
        offset >>= 1u;
        values[0] += subgroupShuffleXor(values[0], offset);
        owner = owner && (lane & offset) == 0u;
    }
}

#endif
