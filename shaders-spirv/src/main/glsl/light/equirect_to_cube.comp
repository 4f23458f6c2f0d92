#version 460
// Level 0 of an environment chain from an equirectangular image: each cube texel averages samples² bilinear
// lookups spread over its area (so a cube coarser than the image still sees every pixel's share). The environment
// may be turned by an angle about world +Z (the viewer's rotation slider): texel direction d reads the image at Rz(−θ)·d.
#extension GL_GOOGLE_include_directive : require
#include "light/cubemap.glsl"
#include "light/equirect.glsl"
layout(local_size_x = 64) in;

layout(push_constant) uniform EquirectToCube {
    uint width;             // image columns
    uint height;            // image rows
    uint size;              // cube face size
    uint samples;           // samples per texel along each axis
    float rotation_cos;     // cos θ
    float rotation_sin;     // sin θ
} pass;

layout(std430, binding = 0) readonly buffer Equirect { float equirect[]; };   // [height, width, 3] f32, linear
layout(std430, binding = 1) writeonly buffer Cube { float cube[]; };          // [6, size, size, 3] f32 (chain level 0)

vec3 equirect_texel(uint index) {
    return vec3(equirect[3u * index], equirect[3u * index + 1u], equirect[3u * index + 2u]);
}

void main() {
    uint texel = gl_GlobalInvocationID.x;
    uint perFace = pass.size * pass.size;
    if (texel >= 6u * perFace) {
        return;
    }
    uint face = texel / perFace;
    uint y = (texel % perFace) / pass.size;
    uint x = texel % pass.size;
    vec3 sum = vec3(0.0);
    for (uint sy = 0u; sy < pass.samples; ++sy) {
        for (uint sx = 0u; sx < pass.samples; ++sx) {
            vec2 sub = (vec2(sx, sy) + 0.5) / float(pass.samples);
            vec2 st = (vec2(x, y) + sub) * (2.0 / float(pass.size)) - 1.0;
            vec3 d = normalize(cube_direction(face, st));
            vec3 turned = vec3(pass.rotation_cos * d.x + pass.rotation_sin * d.y,
                               -pass.rotation_sin * d.x + pass.rotation_cos * d.y, d.z);
            EquirectTaps taps = equirect_bilinear_taps(equirect_uv(turned), pass.width, pass.height);
            for (uint k = 0u; k < 4u; ++k) {
                sum += taps.weight[k] * equirect_texel(taps.index[k]);
            }
        }
    }
    sum /= float(pass.samples * pass.samples);
    cube[3u * texel] = sum.r;
    cube[3u * texel + 1u] = sum.g;
    cube[3u * texel + 2u] = sum.b;
}
