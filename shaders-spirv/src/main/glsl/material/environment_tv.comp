#version 460
// Smoothness of the learned environment (design.md §1.3): λ · mean over neighbouring texel pairs (right and down,
// within a face) and channels of |L(q) − L(p)| on level 0; its gradient gathered per texel and added.
#extension GL_GOOGLE_include_directive : require
#include "trainer/loss_terms.glsl"
layout(local_size_x = 64) in;

layout(push_constant) uniform EnvironmentTv {
    uint size;      // level-0 face size
    float weight;   // λ
} pass;

layout(std430, binding = 0) readonly buffer Radiance { float radiance[]; };  // [6, size, size, 3] level 0
layout(std430, binding = 1) buffer GradChain { float grad_chain[]; };        // [chain texels, 3] += on level 0
layout(std430, binding = 2) buffer LossTerms { float loss_terms[]; };        // [LOSS_TERMS]

vec3 texel_value(uint t) {
    return vec3(radiance[3u * t], radiance[3u * t + 1u], radiance[3u * t + 2u]);
}

void main() {
    uint texel = gl_GlobalInvocationID.x;
    uint perFace = pass.size * pass.size;
    float value = 0.0;
    if (texel < 6u * perFace) {
        uint x = texel % pass.size, y = (texel % perFace) / pass.size;
        float scale = pass.weight / (6.0 * 2.0 * float(pass.size) * float(pass.size - 1u) * 3.0);
        vec3 v = texel_value(texel);
        vec3 gradient = vec3(0.0);
        if (x + 1u < pass.size) {
            vec3 d = v - texel_value(texel + 1u);
            value += abs(d.r) + abs(d.g) + abs(d.b);
            gradient += sign(d);
        }
        if (x > 0u) {
            gradient += sign(v - texel_value(texel - 1u));
        }
        if (y + 1u < pass.size) {
            vec3 d = v - texel_value(texel + pass.size);
            value += abs(d.r) + abs(d.g) + abs(d.b);
            gradient += sign(d);
        }
        if (y > 0u) {
            gradient += sign(v - texel_value(texel - pass.size));
        }
        for (uint c = 0u; c < 3u; ++c) {
            grad_chain[3u * texel + c] += scale * gradient[c];
        }
    }
    ADD_LOSS_TERM(loss_terms, LOSS_ENVIRONMENT_TV, value);
}
