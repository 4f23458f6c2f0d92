#version 460
// Writes each Gaussian's activated material into its G-buffer features (columns 3..7 of [N, 8]); when the stage
// learns normals, also its unit normal (columns 0..2) from the normal parameters, else columns 0..2 are left as the
// geometry stage's. Backward: material_activate_backward.comp.
#extension GL_GOOGLE_include_directive : require
#include "trainer/material_parameters.glsl"
layout(local_size_x = 256) in;

layout(push_constant) uniform MaterialActivate {
    uint count;         // Gaussians
    uint learnNormals;  // 1: write normalize(normal parameters) into columns 0..2
} pass;

layout(std430, binding = 0) readonly buffer MaterialLogits { float logits[]; };  // [N, 5]
layout(std430, binding = 1) buffer Features { float features[]; };               // [N, 8]
layout(std430, binding = 2) readonly buffer Normals { float normals[]; };        // [N, 3] unnormalised

void main() {
    uint i = gl_GlobalInvocationID.x;
    if (i >= pass.count) {
        return;
    }
    for (uint k = 0u; k < MATERIAL_PARAMETERS; ++k) {
        float unused;
        features[8u * i + 3u + k] = material_activate(k, logits[MATERIAL_PARAMETERS * i + k], unused);
    }
    if (pass.learnNormals != 0u) {
        vec3 n = vec3(normals[3u * i], normals[3u * i + 1u], normals[3u * i + 2u]);
        n = dot(n, n) > 1e-20 ? normalize(n) : vec3(0.0, 0.0, 1.0);
        features[8u * i] = n.x;
        features[8u * i + 1u] = n.y;
        features[8u * i + 2u] = n.z;
    }
}
