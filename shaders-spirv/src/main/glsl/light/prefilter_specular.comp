#version 460
// One level of the prefiltered specular chain (design.md §2): the GGX lobe of the level's roughness around each
// texel's direction n (= v = R, the split-sum assumption). Levels < last: filtered importance sampling with
// `sample_count` samples (light/prefilter.glsl); the last level: an exact sum. Weighted by n·l and normalised, so
// a constant environment stays exactly constant.
#extension GL_GOOGLE_include_directive : require
#include "light/split_sum.glsl"
#include "light/prefilter.glsl"
layout(local_size_x = 64) in;

layout(push_constant) uniform PrefilterSpecular {
    uint base_size;      // level-0 face size of both chains
    uint levels;         // levels of both chains
    uint level;          // the level written
    uint sample_count;   // GGX samples per texel
} pass;

layout(std430, binding = 0) readonly buffer Chain { float chain[]; };          // [chain texels, 3] f32, unfiltered
layout(std430, binding = 1) writeonly buffer Prefiltered { float prefiltered[]; }; // [chain texels, 3] f32

vec3 chain_texel(uint index) {
    return vec3(chain[3u * index], chain[3u * index + 1u], chain[3u * index + 2u]);
}

vec3 chain_lookup(vec3 d, float lod) {
    ChainTaps taps = chain_trilinear_taps(d, lod, pass.base_size, pass.levels);
    vec3 sum = vec3(0.0);
    for (uint k = 0u; k < 8u; ++k) {
        sum += taps.weight[k] * chain_texel(taps.index[k]);
    }
    return sum;
}

// Filtered importance sampling for the narrow lobes of levels < last.
vec3 prefilter_sampled(vec3 n, float alpha) {
    mat3 frame = tangent_frame(n);
    vec3 sum = vec3(0.0);
    float weightSum = 0.0;
    for (uint i = 0u; i < pass.sample_count; ++i) {
        vec3 l;
        float n_dot_l, lod;
        if (prefilter_sample(n, frame, alpha, i, pass.sample_count, pass.base_size, pass.levels, l, n_dot_l, lod)) {
            sum += chain_lookup(l, lod) * n_dot_l;
            weightSum += n_dot_l;
        }
    }
    return sum / weightSum;
}

// The widest lobe (roughness 1 covers the hemisphere) summed over every texel of the smallest level:
// Σ L·D(h)·(n·l)·Ω / Σ D(h)·(n·l)·Ω — sampling it would need hundreds of samples to be as exact.
vec3 prefilter_summed(vec3 n, float alpha) {
    uint size = pass.base_size >> (pass.levels - 1u);
    uint offset = cube_level_offset(pass.base_size, pass.levels - 1u);
    vec3 sum = vec3(0.0);
    float weightSum = 0.0;
    for (uint face = 0u; face < 6u; ++face) {
        for (uint y = 0u; y < size; ++y) {
            for (uint x = 0u; x < size; ++x) {
                float w = prefilter_summed_weight(n, alpha, face, x, y, size);
                sum += w * chain_texel(offset + (face * size + y) * size + x);
                weightSum += w;
            }
        }
    }
    return sum / weightSum;
}

void main() {
    uint size = pass.base_size >> pass.level;
    uint perFace = size * size;
    uint texel = gl_GlobalInvocationID.x;
    if (texel >= 6u * perFace) {
        return;
    }
    vec3 n = cube_texel_direction(texel / perFace, texel % size, (texel % perFace) / size, size);
    float roughness = split_sum_level_roughness(pass.level, pass.levels);
    vec3 result = pass.level + 1u < pass.levels ? prefilter_sampled(n, roughness * roughness)
                                                 : prefilter_summed(n, roughness * roughness);
    uint out_ = cube_level_offset(pass.base_size, pass.level) + texel;
    prefiltered[3u * out_] = result.r;
    prefiltered[3u * out_ + 1u] = result.g;
    prefiltered[3u * out_ + 2u] = result.b;
}
