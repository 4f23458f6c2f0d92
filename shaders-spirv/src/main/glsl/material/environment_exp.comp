#version 460
// Level 0 of the learned environment's radiance from its parameter: radiance = exp θ (see environment_tv.comp).
layout(local_size_x = 256) in;

layout(push_constant) uniform EnvironmentExp {
    uint count;  // floats of level 0
} pass;

layout(std430, binding = 0) readonly buffer LogRadiance { float log_radiance[]; };  // [6, size, size, 3]
layout(std430, binding = 1) writeonly buffer Radiance { float radiance[]; };        // level 0 of the chain

void main() {
    uint i = gl_GlobalInvocationID.x;
    if (i < pass.count) {
        radiance[i] = exp(log_radiance[i]);
    }
}
