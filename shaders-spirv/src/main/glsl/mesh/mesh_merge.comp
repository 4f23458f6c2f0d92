#version 460
// Meshes join the splat G-buffer: the blend stopped at each pixel's mesh surface (rasterize_forward_occluded.comp),
// so the transmittance T left is the surface's share, composited behind the splats: every blended channel gains
// T·(surface value), opacity gains T, and depth becomes the opacity-weighted mean. Radiance mode shows a mesh's
// albedo (meshes carry no SH colour).
#extension GL_GOOGLE_include_directive : require
#include "light/gbuffer.glsl"

layout(local_size_x = 16, local_size_y = 16) in;

layout(binding = 0, r32f) uniform readonly image2D MeshDepth;              // camera z, MESH_NONE where none
layout(binding = 1, rgba32f) uniform readonly image2D MeshNormalMetallic;
layout(binding = 2, rgba32f) uniform readonly image2D MeshAlbedoRoughness;
layout(std430, binding = 3) buffer Color { float color[]; };                  // [3, H, W]
layout(std430, binding = 4) buffer Opacity { float opacity[]; };              // [H, W]
layout(std430, binding = 5) buffer Depth { float depth[]; };                  // [H, W]
layout(std430, binding = 6) buffer Features { float features[]; };           // [GBUFFER_CHANNELS, H, W]
layout(std430, binding = 7) buffer Transmittance { float transmittance[]; };  // [H, W]

layout(push_constant) uniform Merge {
    uint width;
    uint height;
    float backgroundR;  // what the splat blend composited behind (replaced by the surface)
    float backgroundG;
    float backgroundB;
} merge;

const float MESH_NONE = 1e30;  // the depth attachment's clear value

void main() {
    uvec2 pixel = gl_GlobalInvocationID.xy;
    if (pixel.x >= merge.width || pixel.y >= merge.height) {
        return;
    }
    float z = imageLoad(MeshDepth, ivec2(pixel)).r;
    if (!(z < MESH_NONE)) {
        return;
    }
    uint p = pixel.y * merge.width + pixel.x;
    uint plane = merge.width * merge.height;
    float t = transmittance[p];
    vec4 normalMetallic = imageLoad(MeshNormalMetallic, ivec2(pixel));
    vec4 albedoRoughness = imageLoad(MeshAlbedoRoughness, ivec2(pixel));
    float before = opacity[p];
    float after = before + t;
    depth[p] = (depth[p] * before + t * z) / after;
    opacity[p] = after;
    transmittance[p] = 0.0;
    vec3 background = vec3(merge.backgroundR, merge.backgroundG, merge.backgroundB);
    for (uint c = 0u; c < 3u; ++c) {
        features[(GBUFFER_NORMAL + c) * plane + p] += t * normalMetallic[c];
        features[(GBUFFER_ALBEDO + c) * plane + p] += t * albedoRoughness[c];
        color[c * plane + p] += t * (albedoRoughness[c] - background[c]);
    }
    features[GBUFFER_ROUGHNESS * plane + p] += t * albedoRoughness.a;
    features[GBUFFER_METALLIC * plane + p] += t * normalMetallic.a;
}
