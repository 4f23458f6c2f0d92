#version 460
// Writes each Gaussian's activated material into its G-buffer features (columns 3..7 of [N, 8]); the normals in
// columns 0..2 are left as they are. Backward: material_activate_backward.comp.
#extension GL_GOOGLE_include_directive : require
#include "trainer/material_parameters.glsl"
layout(local_size_x = 256) in;

layout(push_constant) uniform MaterialActivate {
    uint count;  // Gaussians
} pass;

layout(std430, binding = 0) readonly buffer MaterialLogits { float logits[]; };  // [N, 5]
layout(std430, binding = 1) buffer Features { float features[]; };               // [N, 8]

void main() {
    uint i = gl_GlobalInvocationID.x;
    if (i >= pass.count) {
        return;
    }
    for (uint k = 0u; k < MATERIAL_PARAMETERS; ++k) {
        float unused;
        features[8u * i + 3u + k] = material_activate(k, logits[MATERIAL_PARAMETERS * i + k], unused);
    }
}
