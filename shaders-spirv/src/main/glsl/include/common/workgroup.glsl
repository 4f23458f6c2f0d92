// Workgroup shape contract shared by the primitive kernels. The host sets all three specialization constants
// (dev.splatlight.core.gpu.WorkgroupShape): size = subgroups × subgroup size, so kernels never assume 32 lanes.
#ifndef SPLATLIGHT_WORKGROUP_GLSL
#define SPLATLIGHT_WORKGROUP_GLSL

#extension GL_KHR_shader_subgroup_basic : require

layout(local_size_x_id = 0) in;
// Upper bound of gl_NumSubgroups, for sizing shared arrays (workgroup size / minimum subgroup size).
layout(constant_id = 1) const uint MAX_SUBGROUPS = 8;
// Elements each invocation handles per workgroup "block".
layout(constant_id = 2) const uint ITEMS_PER_INVOCATION = 16;

// Invocation order by subgroup, then lane. Work is assigned in this order, never by gl_LocalInvocationIndex, so that
// "earlier subgroup, earlier lane" means "earlier element" whatever way the driver packs invocations into subgroups.
uint subgroup_ordered_index() {
    return gl_SubgroupID * gl_SubgroupSize + gl_SubgroupInvocationID;
}

#endif
