#version 460
// The learned environment is parameterised by log radiance θ (radiance = exp θ, so Adam's steps are relative and a
// sun thousands of times brighter than the sky is reachable in a few thousand steps). This pass turns ∂L/∂radiance
// of level 0 into ∂L/∂θ = ∂L/∂radiance · radiance and adds the smoothness term λ · mean over neighbouring texel
// pairs (right and down, within a face) and channels of |θ(q) − θ(p)| (design.md §1.3, on θ rather than radiance so
// that a bright sun is not flattened).
#extension GL_GOOGLE_include_directive : require
#include "trainer/loss_terms.glsl"
layout(local_size_x = 64) in;

layout(push_constant) uniform EnvironmentTv {
    uint size;      // level-0 face size
    float weight;   // λ
} pass;

layout(std430, binding = 0) readonly buffer LogRadiance { float log_radiance[]; };  // [6, size, size, 3] θ
layout(std430, binding = 1) readonly buffer GradChain { float grad_chain[]; };      // [chain texels, 3] ∂L/∂radiance
layout(std430, binding = 2) writeonly buffer GradLogRadiance { float grad_log_radiance[]; }; // [6, size, size, 3]
layout(std430, binding = 3) buffer LossTerms { float loss_terms[]; };               // [LOSS_TERMS]

vec3 theta(uint t) {
    return vec3(log_radiance[3u * t], log_radiance[3u * t + 1u], log_radiance[3u * t + 2u]);
}

void main() {
    uint texel = gl_GlobalInvocationID.x;
    uint perFace = pass.size * pass.size;
    float value = 0.0;
    if (texel < 6u * perFace) {
        uint x = texel % pass.size, y = (texel % perFace) / pass.size;
        float scale = pass.weight / (6.0 * 2.0 * float(pass.size) * float(pass.size - 1u) * 3.0);
        vec3 v = theta(texel);
        vec3 gradient = vec3(0.0);
        if (x + 1u < pass.size) {
            vec3 d = v - theta(texel + 1u);
            value += abs(d.r) + abs(d.g) + abs(d.b);
            gradient += sign(d);
        }
        if (x > 0u) {
            gradient += sign(v - theta(texel - 1u));
        }
        if (y + 1u < pass.size) {
            vec3 d = v - theta(texel + pass.size);
            value += abs(d.r) + abs(d.g) + abs(d.b);
            gradient += sign(d);
        }
        if (y > 0u) {
            gradient += sign(v - theta(texel - pass.size));
        }
        for (uint c = 0u; c < 3u; ++c) {
            uint i = 3u * texel + c;
            grad_log_radiance[i] = grad_chain[i] * exp(v[c]) + scale * gradient[c]; // exp θ, not level 0: it holds the sun lobes too
        }
    }
    ADD_LOSS_TERM(loss_terms, LOSS_ENVIRONMENT_TV, value);
}
