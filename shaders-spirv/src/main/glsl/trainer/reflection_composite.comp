#version 460
// Forward of the geometry stage's deferred reflection (include trainer/mirror_reflection.glsl): the colour the
// photometric loss sees. Pixels without a normal keep the splats' colour. With `traced`, the environment stands only
// for what the traced reflected ray did not meet: E' = (1 − S)·E + H, S the hit coverage and H Σ w·colour of what it
// met (trainer/trace_mirror_scene.comp).
#extension GL_GOOGLE_include_directive : require
#define SPLAT_FRAME_BINDING 0
#include "trainer/mirror_reflection.glsl"

layout(local_size_x = 256) in;

layout(push_constant) uniform ReflectionComposite {
    uint environmentSize;  // s: faces of s² texels
    uint traced;           // 1: blend in Hits
} pass;

layout(std430, binding = 1) readonly buffer Color { float color[]; };              // [3, H, W] splats, background composited
layout(std430, binding = 2) readonly buffer Features { float features[]; };        // [4, H, W] Σ w·(n, R)
layout(std430, binding = 3) readonly buffer LogRadiance { float log_radiance[]; }; // [6, s, s, 3] θ
layout(std430, binding = 4) writeonly buffer Composite { float composite[]; };     // [3, H, W]
layout(std430, binding = 5) readonly buffer Hits { float hits[]; };                // [4, H, W] Σ w·colour, S (if traced)

float mirror_log_radiance(uint i) { return log_radiance[i]; }

void main() {
    uint p = gl_GlobalInvocationID.x;
    uint plane = frame.width * frame.height;
    if (p >= plane) {
        return;
    }
    vec3 c = vec3(color[p], color[plane + p], color[2u * plane + p]);
    vec3 sum = vec3(features[p], features[plane + p], features[2u * plane + p]);
    float strength = features[MIRROR_STRENGTH_CHANNEL * plane + p];
    if (dot(sum, sum) > 1e-20) {
        vec3 d = mirror_pixel_ray(uvec2(p % frame.width, p / frame.width));
        vec3 e = mirror_environment(mirror_reflect(d, normalize(sum)), pass.environmentSize);
        if (pass.traced != 0u) {
            e = (1.0 - hits[3u * plane + p]) * e + vec3(hits[p], hits[plane + p], hits[2u * plane + p]);
        }
        c = (1.0 - strength) * c + strength * e;
    }
    composite[p] = c.r;
    composite[plane + p] = c.g;
    composite[2u * plane + p] = c.b;
}
