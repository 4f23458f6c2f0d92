#version 460
// Device-to-device copy of u32 elements in 16-byte words, grid-stride. On the H200 this moves ~3.9 TB/s where
// vkCmdCopyBuffer managed under 1 TB/s (design.md §4), so buffer growth and benchmarks copy with this kernel.
#extension GL_GOOGLE_include_directive : require
#include "common/workgroup.glsl"

layout(push_constant) uniform CopyPass {
    uint count; // u32 elements to copy; both buffers hold whole 16-byte words
} copy_pass;

layout(std430, binding = 0) readonly buffer Source { uvec4 source[]; };  // [ceil(count / 4)] 16 B
layout(std430, binding = 1) buffer Destination { uvec4 destination[]; }; // [ceil(count / 4)] 16 B

void main() {
    uint fullWords = copy_pass.count / 4u;
    uint tail = copy_pass.count % 4u;
    uint stride = gl_NumWorkGroups.x * gl_WorkGroupSize.x;
    for (uint i = gl_GlobalInvocationID.x; i < fullWords; i += stride) {
        destination[i] = source[i];
    }
    // The last, partial word keeps the destination's elements past count.
    if (tail != 0u && gl_GlobalInvocationID.x == 0u) {
        uvec4 merged = destination[fullWords];
        uvec4 from = source[fullWords];
        for (uint c = 0u; c < tail; ++c) {
            merged[c] = from[c];
        }
        destination[fullWords] = merged;
    }
}
