#version 460
// Diffuse irradiance cube (design.md §2): E(n) = Σ_texels L(l)·max(n·l, 0)·Ω(l) / π over the unfiltered smallest
// level, at that level's size. A brute-force sum: 6·16² texels each way is 2.4 M terms, nothing to approximate.
#extension GL_GOOGLE_include_directive : require
#include "light/split_sum.glsl"
layout(local_size_x = 64) in;

layout(push_constant) uniform Irradiance {
    uint size;            // face size of the smallest level (and of the irradiance cube)
    uint source_offset;   // first texel of the smallest level in the chain
} pass;

layout(std430, binding = 0) readonly buffer Chain { float chain[]; };              // [chain texels, 3] f32
layout(std430, binding = 1) writeonly buffer IrradianceCube { float irradiance[]; }; // [6, size, size, 3] f32

void main() {
    uint perFace = pass.size * pass.size;
    uint texel = gl_GlobalInvocationID.x;
    if (texel >= 6u * perFace) {
        return;
    }
    vec3 n = cube_texel_direction(texel / perFace, texel % pass.size, (texel % perFace) / pass.size, pass.size);
    vec3 sum = vec3(0.0);
    for (uint face = 0u; face < 6u; ++face) {
        for (uint y = 0u; y < pass.size; ++y) {
            for (uint x = 0u; x < pass.size; ++x) {
                vec3 l = cube_texel_direction(face, x, y, pass.size);
                float cosine = dot(n, l);
                if (cosine > 0.0) {
                    uint i = pass.source_offset + (face * pass.size + y) * pass.size + x;
                    sum += vec3(chain[3u * i], chain[3u * i + 1u], chain[3u * i + 2u])
                           * (cosine * cube_texel_solid_angle(x, y, pass.size));
                }
            }
        }
    }
    sum /= PI;
    irradiance[3u * texel] = sum.r;
    irradiance[3u * texel + 1u] = sum.g;
    irradiance[3u * texel + 2u] = sum.b;
}
