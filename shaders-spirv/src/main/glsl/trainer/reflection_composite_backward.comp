#version 460
// Backward of trainer/reflection_composite.comp. With E = E(reflect(d, n)) and g = ∂L/∂C:
//   ∂L/∂C_splats = (1 − R)·g          ∂L/∂R = g·(E − C_splats)          ∂L/∂θ_k = R·w_k·exp θ_k·g (atomics)
//   ∂L/∂n by central differences along two tangents, as the material stage's shading backward takes them
//   (common/normal_difference.glsl), times the normal weight; ∂L/∂(normal sums) = ∂L/∂n ÷ |sum|.
// With `traced`, E' = (1 − S)·E + H replaces E (reflection_composite.comp), S and H held constant: what the traced ray
// met neither turns the normal nor teaches the environment, so each of those terms takes the factor 1 − S.
// Reads g from GradColor and overwrites it with ∂L/∂C_splats; adds to the normal channels of GradFeatures (the
// normal losses wrote them) and writes its strength channel.
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_shader_atomic_float : require
#define SPLAT_FRAME_BINDING 0
#include "trainer/mirror_reflection.glsl"
#include "common/normal_difference.glsl"

layout(local_size_x = 256) in;

layout(push_constant) uniform ReflectionCompositeBackward {
    uint environmentSize;
    float normalWeight;  // a factor on ∂L/∂n (--reflection-normal-weight)
    uint traced;         // 1: the forward blended in Hits
} pass;

layout(std430, binding = 1) readonly buffer Color { float color[]; };               // [3, H, W]
layout(std430, binding = 2) readonly buffer Features { float features[]; };         // [4, H, W]
layout(std430, binding = 3) readonly buffer LogRadiance { float log_radiance[]; };  // [6, s, s, 3]
layout(std430, binding = 4) buffer GradColor { float grad_color[]; };               // [3, H, W] ∂L/∂C in, ∂L/∂C_splats out
layout(std430, binding = 5) buffer GradFeatures { float grad_features[]; };         // [4, H, W]
layout(std430, binding = 6) buffer GradLogRadiance { float grad_log_radiance[]; };  // [6, s, s, 3] +=
layout(std430, binding = 7) readonly buffer Hits { float hits[]; };                 // [4, H, W] Σ w·colour, S (if traced)

float mirror_log_radiance(uint i) { return log_radiance[i]; }

void main() {
    uint p = gl_GlobalInvocationID.x;
    uint plane = frame.width * frame.height;
    if (p >= plane) {
        return;
    }
    vec3 sum = vec3(features[p], features[plane + p], features[2u * plane + p]);
    float strength = features[MIRROR_STRENGTH_CHANNEL * plane + p];
    float sumLength = sqrt(dot(sum, sum));
    if (!(sumLength > 1e-10)) {
        grad_features[MIRROR_STRENGTH_CHANNEL * plane + p] = 0.0; // no normal: the forward ignored R here
        return;
    }
    vec3 g = vec3(grad_color[p], grad_color[plane + p], grad_color[2u * plane + p]);
    vec3 c = vec3(color[p], color[plane + p], color[2u * plane + p]);
    vec3 n = sum / sumLength;
    vec3 d = mirror_pixel_ray(uvec2(p % frame.width, p / frame.width));
    vec3 r = mirror_reflect(d, n);
    vec3 e = mirror_environment(r, pass.environmentSize);
    float open = 1.0;  // 1 − S: the share of the reflection the environment shows
    if (pass.traced != 0u) {
        open = 1.0 - hits[3u * plane + p];
        e = open * e + vec3(hits[p], hits[plane + p], hits[2u * plane + p]);
    }

    grad_color[p] = (1.0 - strength) * g.r;
    grad_color[plane + p] = (1.0 - strength) * g.g;
    grad_color[2u * plane + p] = (1.0 - strength) * g.b;
    grad_features[MIRROR_STRENGTH_CHANNEL * plane + p] = dot(g, e - c);

    vec3 t1, t2;
    normal_tangents(n, t1, t2);
    vec3 dNormal = vec3(0.0);
    for (uint k = 0u; k < 2u; ++k) {
        vec3 t = k == 0u ? t1 : t2;
        vec3 plus = mirror_environment(mirror_reflect(d, normal_turned(n, t, 1.0)), pass.environmentSize);
        vec3 minus = mirror_environment(mirror_reflect(d, normal_turned(n, t, -1.0)), pass.environmentSize);
        dNormal += t * (strength * open * dot(g, plus - minus) / (2.0 * NORMAL_DIFFERENCE_STEP));
    }
    dNormal *= pass.normalWeight / sumLength;
    grad_features[p] += dNormal.x;
    grad_features[plane + p] += dNormal.y;
    grad_features[2u * plane + p] += dNormal.z;

    vec3 scaled = strength * open * g;
    CubeTaps taps = cube_bilinear_taps(r, pass.environmentSize, 0u);
    for (uint k = 0u; k < 4u; ++k) {
        if (taps.weight[k] != 0.0) {
            uint t = 3u * taps.index[k];
            vec3 radiance = exp(vec3(log_radiance[t], log_radiance[t + 1u], log_radiance[t + 2u]));
            vec3 dTheta = taps.weight[k] * radiance * scaled;
            atomicAdd(grad_log_radiance[t], dTheta.r);
            atomicAdd(grad_log_radiance[t + 1u], dTheta.g);
            atomicAdd(grad_log_radiance[t + 2u], dTheta.b);
        }
    }
}
