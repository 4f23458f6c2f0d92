#version 460
// SSIM, step 1: the per-pixel moments whose Gaussian-window averages SSIM needs: for each colour channel,
// x, y, x², y², x·y (x: render, y: photo composited on the background). Output planes [15, H, W].
#extension GL_GOOGLE_include_directive : require
#include "trainer/target_image.glsl"

layout(local_size_x = 256) in;

layout(push_constant) uniform Moments {
    uint width;
    uint height;
    float backgroundR;
    float backgroundG;
    float backgroundB;
} pass;

layout(std430, binding = 0) readonly buffer Render { float render[]; };      // [3, H, W]
layout(std430, binding = 1) readonly buffer Target { uint target[]; };       // [H, W] RGBA8
layout(std430, binding = 2) writeonly buffer Planes { float planes[]; };     // [3 channels × 5 moments, H, W]

void main() {
    uint p = gl_GlobalInvocationID.x;
    uint plane = pass.width * pass.height;
    if (p >= plane) {
        return;
    }
    vec3 y = target_color(target[p], vec3(pass.backgroundR, pass.backgroundG, pass.backgroundB));
    for (uint c = 0u; c < 3u; ++c) {
        float x = render[c * plane + p];
        uint base = 5u * c * plane + p;
        planes[base] = x;
        planes[base + plane] = y[c];
        planes[base + 2u * plane] = x * x;
        planes[base + 3u * plane] = y[c] * y[c];
        planes[base + 4u * plane] = x * y[c];
    }
}
