#version 460
// The scene a mirror reflects, for the geometry stage's deferred reflection (trainer/reflection_composite.comp with
// --reflection-trace-every): per pixel whose blended reflection strength reaches `min_strength`, the ray from its surface
// (the blended depth) along the reflection about its blended normal marches the Gaussians
// (light/reflection_march.glsl) — a snapshot of them, each with its colour. The learned mirror environment stands
// only for what the ray does not meet; without this it must also imitate the neighbours a mirror shows, which no
// single environment can, since a direction shows a neighbour from one point and the sky from another.
// Output per pixel: Σ w·colour of the hit Gaussians (3 channels), then the hit coverage 1 − T; zeros where not traced.
// Each subgroup marches one pixel's ray at a time (REFLECTION_MARCH_BY_SUBGROUP), taking pixels in a grid-strided
// loop, so any number of workgroups covers the image: one ray per invocation took ~8 ms per 400² view of trio on an
// H200, its ten thousand or so rays too few to fill the GPU and the slowest of them weighing thousands of entries.
#extension GL_GOOGLE_include_directive : require
#extension GL_KHR_shader_subgroup_arithmetic : require
#define SPLAT_FRAME_BINDING 0
#include "common/workgroup.glsl"
#include "trainer/mirror_reflection.glsl"

layout(push_constant) uniform TraceMirrorScene {
    uint cells_per_axis;
    float origin_x;        // the grid's first corner, world
    float origin_y;
    float origin_z;
    float cell_size;
    float near;            // hits nearer than this along the ray are the surface itself
    float min_strength;    // pixels reflecting less are not traced
} trace;

layout(std430, binding = 1) readonly buffer Features { float features[]; };             // [4, H, W] Σ w·(n, R)
layout(std430, binding = 2) readonly buffer PixelDepth { float pixel_depth[]; };        // [H, W] Σ w·z / Σ w
layout(std430, binding = 3) readonly buffer Densities { float densities[]; };           // [G, 11] μ, Σ⁻¹, α, 3σ
layout(std430, binding = 4) readonly buffer Colours { float colours[]; };               // [G, 6] normal, colour
layout(std430, binding = 5) readonly buffer CellStarts { uint cell_start[]; };          // [cells³ + 1]
layout(std430, binding = 6) readonly buffer CellEntries { uint cell_entry[]; };         // Gaussian per entry
layout(std430, binding = 7) readonly buffer EntrySpheres { vec4 entry_spheres[]; };    // [entries] its Gaussian's μ, reach
layout(std430, binding = 8) writeonly buffer Hits { float hits[]; };                    // [4, H, W] Σ w·colour, 1 − T

const uint MIRROR_SCENE_COVERAGE = 3u;
#define REFLECTION_MARCH_CHANNELS 3u
#define REFLECTION_MARCH_BY_SUBGROUP
vec3 reflection_march_normal(uint gaussian) {
    uint m = 6u * gaussian;
    return vec3(colours[m], colours[m + 1u], colours[m + 2u]);
}
float reflection_march_channel(uint gaussian, uint channel) { return colours[6u * gaussian + 3u + channel]; }
#include "light/reflection_march.glsl"

// Traces pixel p (every lane of the subgroup together) and writes its hits.
void trace_pixel(uint p) {
    uint plane = frame.width * frame.height;
    uvec2 pixel = uvec2(p % frame.width, p / frame.width);
    float sums[3] = float[3](0.0, 0.0, 0.0);
    float transmittance = 1.0, distanceSum = 0.0;
    vec3 normalSum = vec3(features[p], features[plane + p], features[2u * plane + p]);
    float strength = features[MIRROR_STRENGTH_CHANNEL * plane + p];
    float z = pixel_depth[p];
    if (strength >= trace.min_strength && dot(normalSum, normalSum) > 1e-20 && z > 0.0) {
        vec3 origin = frame.cameraPosition + transpose(mat3(frame.viewFromWorld)) * (mirror_pixel_camera_ray(pixel) * z);
        vec3 d = mirror_pixel_ray(pixel);
        ReflectionGrid grid = ReflectionGrid(trace.cells_per_axis, vec3(trace.origin_x, trace.origin_y, trace.origin_z),
                                             trace.cell_size, trace.near);
        transmittance = reflection_march(grid, origin, mirror_reflect(d, normalize(normalSum)), sums, distanceSum);
    }
    if (subgroupElect()) {
        for (uint k = 0u; k < 3u; ++k) {
            hits[k * plane + p] = sums[k];
        }
        hits[MIRROR_SCENE_COVERAGE * plane + p] = 1.0 - transmittance;
    }
}

void main() {
    uint pixels = frame.width * frame.height;
    uint subgroups = gl_NumWorkGroups.x * gl_NumSubgroups;
    for (uint p = gl_WorkGroupID.x * gl_NumSubgroups + gl_SubgroupID; p < pixels; p += subgroups) {
        trace_pixel(p);
    }
}
