#version 460
// Level 0 of the learned environment's radiance from its parameters: radiance = exp θ (see environment_tv.comp)
// plus the sun lobes (include/trainer/sun_lobes.glsl), evaluated at each texel's centre direction.
#extension GL_GOOGLE_include_directive : require
#include "light/cubemap.glsl"
#include "trainer/sun_lobes.glsl"
layout(local_size_x = 64) in;

layout(push_constant) uniform EnvironmentExp {
    uint size;            // level-0 face size
    uint lobes;           // K
    float max_sharpness;  // λ_max
} pass;

layout(std430, binding = 0) readonly buffer LogRadiance { float log_radiance[]; };  // [6, size, size, 3]
layout(std430, binding = 1) writeonly buffer Radiance { float radiance[]; };        // level 0 of the chain
layout(std430, binding = 2) readonly buffer SunLobes { float lobes[]; };            // [K, 8]

void main() {
    uint texel = gl_GlobalInvocationID.x;
    uint perFace = pass.size * pass.size;
    if (texel >= 6u * perFace) {
        return;
    }
    vec3 value = vec3(exp(log_radiance[3u * texel]), exp(log_radiance[3u * texel + 1u]), exp(log_radiance[3u * texel + 2u]));
    if (pass.lobes > 0u) {
        vec3 omega = cube_texel_direction(texel / perFace, texel % pass.size, (texel % perFace) / pass.size, pass.size);
        for (uint k = 0u; k < pass.lobes; ++k) {
            SunLobe lobe = SUN_LOBE_AT(lobes, k, pass.max_sharpness);
            value += lobe.amplitude * sun_lobe_falloff(lobe, omega);
        }
    }
    radiance[3u * texel] = value.r;
    radiance[3u * texel + 1u] = value.g;
    radiance[3u * texel + 2u] = value.b;
}
