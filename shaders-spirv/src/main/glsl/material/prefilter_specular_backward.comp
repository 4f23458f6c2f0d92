#version 460
// Adjoint of light/prefilter_specular.comp for one sampled level (< last): each prefiltered texel with a gradient
// spreads it over the chain texels its samples read, ∂L/∂chain[t] += ∂L/∂P(o)·(n·l)/Σ(n·l)·tap weight, with atomics.
// Texels no pixel looked up carry no gradient and cost nothing.
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_shader_atomic_float : require
#include "light/split_sum.glsl"
#include "light/prefilter.glsl"
layout(local_size_x = 64) in;

layout(push_constant) uniform PrefilterSpecularBackward {
    uint base_size;
    uint levels;
    uint level;          // the prefiltered level whose gradient is spread
    uint sample_count;
} pass;

layout(std430, binding = 0) readonly buffer GradPrefiltered { float grad_prefiltered[]; }; // [chain texels, 3]
layout(std430, binding = 1) buffer GradChain { float grad_chain[]; };                      // [chain texels, 3] +=

void main() {
    uint size = pass.base_size >> pass.level;
    uint perFace = size * size;
    uint texel = gl_GlobalInvocationID.x;
    if (texel >= 6u * perFace) {
        return;
    }
    uint o = cube_level_offset(pass.base_size, pass.level) + texel;
    vec3 g = vec3(grad_prefiltered[3u * o], grad_prefiltered[3u * o + 1u], grad_prefiltered[3u * o + 2u]);
    if (g == vec3(0.0)) {
        return;
    }
    vec3 n = cube_texel_direction(texel / perFace, texel % size, (texel % perFace) / size, size);
    float roughness = split_sum_level_roughness(pass.level, pass.levels);
    float alpha = roughness * roughness;
    mat3 frame = tangent_frame(n);
    float weightSum = 0.0;
    for (uint i = 0u; i < pass.sample_count; ++i) {
        vec3 l;
        float n_dot_l, lod;
        if (prefilter_sample(n, frame, alpha, i, pass.sample_count, pass.base_size, pass.levels, l, n_dot_l, lod)) {
            weightSum += n_dot_l;
        }
    }
    for (uint i = 0u; i < pass.sample_count; ++i) {
        vec3 l;
        float n_dot_l, lod;
        if (!prefilter_sample(n, frame, alpha, i, pass.sample_count, pass.base_size, pass.levels, l, n_dot_l, lod)) {
            continue;
        }
        ChainTaps taps = chain_trilinear_taps(l, lod, pass.base_size, pass.levels);
        for (uint k = 0u; k < 8u; ++k) {
            float w = taps.weight[k] * n_dot_l / weightSum;
            if (w != 0.0) {
                uint t = taps.index[k];
                atomicAdd(grad_chain[3u * t], w * g.r);
                atomicAdd(grad_chain[3u * t + 1u], w * g.g);
                atomicAdd(grad_chain[3u * t + 2u], w * g.b);
            }
        }
    }
}
