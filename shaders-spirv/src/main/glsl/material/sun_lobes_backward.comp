#version 460
// ∂L/∂(sun lobe parameters) from ∂L/∂radiance of level 0 (include/trainer/sun_lobes.glsl). With g = ∂L/∂r(ω) at a
// texel, L = the lobe's radiance there and w = g·L, summed over texels:
//     ∂e = g ⊙ L,   ∂s = w·(d log n/dλ − |ω − μ|²/2)·dλ/ds,   ∂p = w·λ·(ω − (μ·ω)μ)/|p|
// (the last is the gradient in μ projected on its tangent plane, through μ = p/|p|). Each workgroup reduces its
// texels in shared memory and adds its sums atomically: ~6·256² / 256 adds of 7 floats per lobe.
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_shader_atomic_float : require
#include "light/cubemap.glsl"
#include "trainer/sun_lobes.glsl"
layout(local_size_x = 256) in;

layout(push_constant) uniform SunLobesBackward {
    uint size;            // level-0 face size
    uint lobes;           // K
    float max_sharpness;  // λ_max
} pass;

layout(std430, binding = 0) readonly buffer GradChain { float grad_chain[]; };  // [chain texels, 3]; level 0 first
layout(std430, binding = 1) readonly buffer SunLobes { float lobes[]; };        // [K, 8]
layout(std430, binding = 2) buffer GradSunLobes { float grad_lobes[]; };       // [K, 8], zeroed before

const uint TERMS = 7u;
shared float partial[TERMS][256];

void main() {
    uint texel = gl_GlobalInvocationID.x;
    uint lane = gl_LocalInvocationID.x;
    uint perFace = pass.size * pass.size;
    bool inside = texel < 6u * perFace;
    vec3 g = vec3(0.0), omega = vec3(0.0, 0.0, 1.0);
    if (inside) {
        g = vec3(grad_chain[3u * texel], grad_chain[3u * texel + 1u], grad_chain[3u * texel + 2u]);
        omega = cube_texel_direction(texel / perFace, texel % pass.size, (texel % perFace) / pass.size, pass.size);
    }
    for (uint k = 0u; k < pass.lobes; ++k) {
        uint o = SUN_LOBE_FLOATS * k;
        SunLobe lobe = SUN_LOBE_AT(lobes, k, pass.max_sharpness);
        float half_distance = sun_lobe_half_distance(lobe, omega);
        vec3 radiance = lobe.amplitude * exp(-lobe.lambda * half_distance);
        vec3 gradE = inside ? g * radiance : vec3(0.0);
        float w = gradE.r + gradE.g + gradE.b;
        float dLambdaDs = (pass.max_sharpness - SUN_LOBE_MIN_SHARPNESS) * lobe.sigma * (1.0 - lobe.sigma);
        float gradS = w * (sun_lobe_dlog_normaliser(lobe.lambda) - half_distance) * dLambdaDs;
        vec3 gradP = w * lobe.lambda / length(lobe.p) * (omega - dot(lobe.mu, omega) * lobe.mu);
        float terms[TERMS] = float[](gradP.x, gradP.y, gradP.z, gradS, gradE.r, gradE.g, gradE.b);
        for (uint t = 0u; t < TERMS; ++t) {
            partial[t][lane] = terms[t];
        }
        barrier();
        for (uint stride = 128u; stride > 0u; stride >>= 1u) {
            if (lane < stride) {
                for (uint t = 0u; t < TERMS; ++t) {
                    partial[t][lane] += partial[t][lane + stride];
                }
            }
            barrier();
        }
        if (lane < TERMS) {
            atomicAdd(grad_lobes[o + lane], partial[lane][0]);
        }
        barrier();
    }
}
