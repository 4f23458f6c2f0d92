// Workgroup-wide sum and exclusive prefix sum of one u32 per invocation, in subgroup_ordered_index() order.
// Two barriers per call; subgroup arithmetic does the lanes, shared memory the (at most MAX_SUBGROUPS) subgroups.
#ifndef SPLATLIGHT_WORKGROUP_SCAN_GLSL
#define SPLATLIGHT_WORKGROUP_SCAN_GLSL

#extension GL_KHR_shader_subgroup_arithmetic : require
#include "common/workgroup.glsl"

shared uint workgroup_scan_partials[MAX_SUBGROUPS + 1]; // [subgroup] exclusive offsets, then the total

// Returns the exclusive prefix sum of value over earlier invocations; total receives the workgroup's sum.
// Must be reached by every invocation of the workgroup (it contains barriers).
uint workgroup_exclusive_add(uint value, out uint total) {
    uint inclusive = subgroupInclusiveAdd(value);
    if (gl_SubgroupInvocationID == gl_SubgroupSize - 1u) {
        workgroup_scan_partials[gl_SubgroupID] = inclusive;
    }
    barrier();
    if (gl_LocalInvocationIndex == 0u) {
        uint running = 0u;
        for (uint s = 0u; s < gl_NumSubgroups; ++s) {
            uint subgroupTotal = workgroup_scan_partials[s];
            workgroup_scan_partials[s] = running;
            running += subgroupTotal;
        }
        workgroup_scan_partials[MAX_SUBGROUPS] = running;
    }
    barrier();
    uint result = workgroup_scan_partials[gl_SubgroupID] + inclusive - value;
    total = workgroup_scan_partials[MAX_SUBGROUPS];
    barrier(); // the next call may overwrite the partials
    return result;
}

uint workgroup_add(uint value) {
    uint total;
    workgroup_exclusive_add(value, total);
    return total;
}

#endif
