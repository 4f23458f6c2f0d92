#version 460
// Adjoint of the two exact sums over the smallest level, gathered per input texel l (no atomics):
//   ∂L/∂L(l) += Σ_o g'(o)·D(h)(o·l)Ω(l)          (last prefiltered level; g' = ∂L/∂P ÷ W from the first half)
//            + Σ_o ∂L/∂E(o)·max(o·l, 0)·Ω(l)/π   (irradiance cube, light/irradiance.comp)
#extension GL_GOOGLE_include_directive : require
#include "light/split_sum.glsl"
#include "light/prefilter.glsl"
layout(local_size_x = 64) in;

layout(push_constant) uniform EnvironmentSmallestBackward {
    uint base_size;
    uint levels;
} pass;

layout(std430, binding = 0) readonly buffer NormalisedGrad { float normalised_grad[]; };         // [6, s, s, 3]
layout(std430, binding = 1) readonly buffer GradIrradianceCube { float grad_irradiance_cube[]; }; // [6, s, s, 3]
layout(std430, binding = 2) buffer GradChain { float grad_chain[]; };                             // [chain texels, 3] +=

void main() {
    uint size = pass.base_size >> (pass.levels - 1u);
    uint perFace = size * size;
    uint texel = gl_GlobalInvocationID.x;
    if (texel >= 6u * perFace) {
        return;
    }
    uint face = texel / perFace, x = texel % size, y = (texel % perFace) / size;
    vec3 l = cube_texel_direction(face, x, y, size);
    float solidAngle = cube_texel_solid_angle(x, y, size);
    float alpha = split_sum_level_roughness(pass.levels - 1u, pass.levels);
    alpha *= alpha;
    vec3 sum = vec3(0.0);
    for (uint o = 0u; o < 6u * perFace; ++o) {
        vec3 n = cube_texel_direction(o / perFace, o % size, (o % perFace) / size, size);
        float cosine = dot(n, l);
        if (cosine <= 0.0) {
            continue;
        }
        vec3 prefilterGrad = vec3(normalised_grad[3u * o], normalised_grad[3u * o + 1u], normalised_grad[3u * o + 2u]);
        vec3 irradianceGrad = vec3(grad_irradiance_cube[3u * o], grad_irradiance_cube[3u * o + 1u], grad_irradiance_cube[3u * o + 2u]);
        sum += prefilterGrad * (ggx_distribution(dot(n, normalize(n + l)), alpha) * cosine * solidAngle)
             + irradianceGrad * (cosine * solidAngle / PI);
    }
    uint t = cube_level_offset(pass.base_size, pass.levels - 1u) + texel;
    grad_chain[3u * t] += sum.r;
    grad_chain[3u * t + 1u] += sum.g;
    grad_chain[3u * t + 2u] += sum.b;
}
