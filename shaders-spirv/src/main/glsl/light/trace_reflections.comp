#version 460
// Traced reflections of the scene in itself (docs/reflections.md): per covered pixel smoother than
// REFLECTION_MAX_ROUGHNESS, the ray from its surface along the reflected direction R marches the Gaussians
// (light/reflection_march.glsl) — a split-sum shader's environment cannot show the neighbours a mirror reflects.
// Output per pixel, like the G-buffer: Σ w·f of the hit Gaussians' normal, albedo, roughness, metallic, then the
// hit coverage 1 − T and Σ w·t (shade_gbuffer.comp shades the hit surface and blends it into the specular light).
#extension GL_GOOGLE_include_directive : require
#include "light/gbuffer.glsl"
#include "light/reflection_hits.glsl"
#define SHADE_FRAME_BINDING 0
#include "light/shade_frame.glsl"
layout(local_size_x = 8, local_size_y = 8) in;

layout(push_constant) uniform TraceReflections {
    uint cells_per_axis;
    float origin_x;        // the grid's first corner, world
    float origin_y;
    float origin_z;
    float cell_size;
    float near;            // hits nearer than this along the ray are the surface itself
} trace;

layout(std430, binding = 1) readonly buffer Features { float features[]; };             // [8, H, W] Σ w·f
layout(std430, binding = 2) readonly buffer PixelDepth { float pixel_depth[]; };        // [H, W]
layout(std430, binding = 3) readonly buffer PixelOpacity { float pixel_opacity[]; };    // [H, W]
layout(std430, binding = 4) readonly buffer Densities { float densities[]; };           // [G, 11] μ, Σ⁻¹, α, 3σ
layout(std430, binding = 5) readonly buffer Materials { float materials[]; };           // [G, 8] normal, albedo, roughness, metallic
layout(std430, binding = 6) readonly buffer CellStarts { uint cell_start[]; };          // [cells³ + 1]
layout(std430, binding = 7) readonly buffer CellEntries { uint cell_entry[]; };         // Gaussian per entry
layout(std430, binding = 8) writeonly buffer Hits { float hits[]; };                    // [REFLECTION_HIT_CHANNELS, H, W]
layout(std430, binding = 9) readonly buffer EntrySpheres { vec4 entry_spheres[]; };    // [entries] its Gaussian's μ, reach

float gbuffer_channel(uint channel, uint pixel) { return features[channel * shade.width * shade.height + pixel]; }
float gbuffer_depth(uint pixel) { return pixel_depth[pixel]; }
float gbuffer_opacity(uint pixel) { return pixel_opacity[pixel]; }

#define REFLECTION_MARCH_CHANNELS GBUFFER_CHANNELS
vec3 reflection_march_normal(uint gaussian) {
    uint m = GBUFFER_CHANNELS * gaussian;
    return vec3(materials[m], materials[m + 1u], materials[m + 2u]);
}
float reflection_march_channel(uint gaussian, uint channel) { return materials[GBUFFER_CHANNELS * gaussian + channel]; }
#include "light/reflection_march.glsl"

void main() {
    uvec2 pixel = gl_GlobalInvocationID.xy;
    if (pixel.x >= shade.width || pixel.y >= shade.height) {
        return;
    }
    uint index = pixel.y * shade.width + pixel.x;
    uint plane = shade.width * shade.height;
    float sums[GBUFFER_CHANNELS];
    for (uint k = 0u; k < GBUFFER_CHANNELS; ++k) {
        sums[k] = 0.0;
    }
    float transmittance = 1.0, distanceSum = 0.0;
    Surface s;
    bool covered = gbuffer_surface(pixel, index, shade.worldFromView, shade.intrinsics, shade.cameraPosition, s);
    shade_apply_overrides(s);  // the roughness the shading will weigh the hit with
    if (covered && s.roughness < REFLECTION_MAX_ROUGHNESS) {  // rougher ones would weigh their hits 0
        ReflectionGrid grid = ReflectionGrid(trace.cells_per_axis, vec3(trace.origin_x, trace.origin_y, trace.origin_z),
                                             trace.cell_size, trace.near);
        vec3 d = 2.0 * dot(s.normal, s.view) * s.normal - s.view;  // split_sum_reflect
        transmittance = reflection_march(grid, s.position, d, sums, distanceSum);
    }
    for (uint k = 0u; k < GBUFFER_CHANNELS; ++k) {
        hits[k * plane + index] = sums[k];
    }
    hits[REFLECTION_HIT_COVERAGE * plane + index] = 1.0 - transmittance;
    hits[REFLECTION_HIT_DISTANCE * plane + index] = distanceSum;
}
