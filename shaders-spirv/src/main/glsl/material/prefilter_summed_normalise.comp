#version 460
// First half of the adjoint of the summed last prefiltered level: ∂L/∂P(o) / W(o), W(o) = Σ_l D(h)(n·l)Ω(l) its
// normaliser, for every texel o of the smallest level. environment_smallest_backward.comp then gathers it.
#extension GL_GOOGLE_include_directive : require
#include "light/split_sum.glsl"
#include "light/prefilter.glsl"
layout(local_size_x = 64) in;

layout(push_constant) uniform PrefilterSummedNormalise {
    uint base_size;
    uint levels;
} pass;

layout(std430, binding = 0) readonly buffer GradPrefiltered { float grad_prefiltered[]; }; // [chain texels, 3]
layout(std430, binding = 1) writeonly buffer NormalisedGrad { float normalised_grad[]; };  // [6, s, s, 3]

void main() {
    uint size = pass.base_size >> (pass.levels - 1u);
    uint perFace = size * size;
    uint texel = gl_GlobalInvocationID.x;
    if (texel >= 6u * perFace) {
        return;
    }
    vec3 n = cube_texel_direction(texel / perFace, texel % size, (texel % perFace) / size, size);
    float alpha = split_sum_level_roughness(pass.levels - 1u, pass.levels);
    alpha *= alpha;
    float weightSum = 0.0;
    for (uint face = 0u; face < 6u; ++face) {
        for (uint y = 0u; y < size; ++y) {
            for (uint x = 0u; x < size; ++x) {
                weightSum += prefilter_summed_weight(n, alpha, face, x, y, size);
            }
        }
    }
    uint o = cube_level_offset(pass.base_size, pass.levels - 1u) + texel;
    for (uint c = 0u; c < 3u; ++c) {
        normalised_grad[3u * texel + c] = grad_prefiltered[3u * o + c] / weightSum;
    }
}
