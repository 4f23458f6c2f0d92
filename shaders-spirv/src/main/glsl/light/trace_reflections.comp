#version 460
// Traced reflections of the scene in itself (docs/reflections.md): per covered pixel smoother than REFLECTION_MAX_ROUGHNESS,
// the ray from its surface along the reflected direction R marches the Gaussians (splat/gaussian_ray.glsl) through
// a grid that lists each Gaussian in every cell its reach overlaps (where it can stop 1/255 of a ray). The cells are
// visited in the ray's order (Amanatides–Woo); a Gaussian counts in the cell that holds the point where the ray meets
// it, so once. Within a cell the Gaussians blend order-independently (their opacities multiplied, their materials
// averaged by α), and cells composite front to back — a split-sum shader's environment cannot show the neighbours a
// mirror reflects.
// Output per pixel, like the G-buffer: Σ w·f of the hit Gaussians' normal, albedo, roughness, metallic, then the
// hit coverage 1 − T and Σ w·t (shade_gbuffer.comp shades the hit surface and blends it into the specular light).
// Gaussians nearer than `near` along the ray, or whose normal faces along it, are the pixel's own surface.
#extension GL_GOOGLE_include_directive : require
#include "light/gbuffer.glsl"
#include "light/reflection_hits.glsl"
#include "splat/gaussian_ray.glsl"
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

const uint MAX_STEPS = 1024u;
const float STOP_TRANSMITTANCE = 1e-3;

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
        vec3 o = s.position;
        vec3 d = 2.0 * dot(s.normal, s.view) * s.normal - s.view;  // split_sum_reflect
        d = mix(d, vec3(1e-7), lessThan(abs(d), vec3(1e-7)));        // no axis-parallel rays: the slabs divide by d
        float n = float(trace.cells_per_axis);
        vec3 corner = vec3(trace.origin_x, trace.origin_y, trace.origin_z);
        vec3 g = (o - corner) / trace.cell_size;                      // the origin in cell units
        // slabs of the grid's box: where the ray is inside it
        vec3 inverseD = 1.0 / d;
        vec3 t0 = (vec3(0.0) - g) * inverseD, t1 = (vec3(n) - g) * inverseD;
        // from the near cut on: what lies nearer is the surface's own and ignored, so its cells need no visit
        float enter = max(max(min(t0.x, t1.x), min(t0.y, t1.y)), max(min(t0.z, t1.z), trace.near / trace.cell_size));
        float leave = min(min(max(t0.x, t1.x), max(t0.y, t1.y)), max(t0.z, t1.z));
        if (enter < leave) {
            ivec3 cell = clamp(ivec3(floor(g + d * enter)), ivec3(0), ivec3(trace.cells_per_axis - 1u));
            ivec3 step = ivec3(sign(d));
            vec3 next = (vec3(cell) + max(vec3(step), vec3(0.0)) - g) * inverseD;  // t of the next boundary per axis
            vec3 delta = abs(inverseD);
            float cellEnter = enter * trace.cell_size;                            // world units from here on
            for (uint k = 0u; k < MAX_STEPS && transmittance > STOP_TRANSMITTANCE; ++k) {
                float cellLeave = min(min(next.x, next.y), next.z) * trace.cell_size;
                uint c = (uint(cell.x) * trace.cells_per_axis + uint(cell.y)) * trace.cells_per_axis + uint(cell.z);
                float logT = 0.0, alphaSum = 0.0, tSum = 0.0;
                float cellSums[GBUFFER_CHANNELS];
                for (uint j = 0u; j < GBUFFER_CHANNELS; ++j) {
                    cellSums[j] = 0.0;
                }
                for (uint e = cell_start[c]; e < cell_start[c + 1u]; ++e) {
                    // one aligned read, in entry order (a cell's spheres lie one after another), decides for most
                    // entries; the Gaussian's index is read only for those it keeps
                    vec4 sphere = entry_spheres[e];
                    // where α ≥ 1/255 the meeting point lies within the reach of the mean, so |t* − t_closest| ≤ reach:
                    // Gaussians the ray passes farther off, or that reach no t in this cell, are skipped unweighed
                    vec3 toMean = sphere.xyz - o;
                    float closest = dot(toMean, d);
                    float reach = sphere.w;
                    if (dot(toMean, toMean) - closest * closest > reach * reach || closest + reach < cellEnter
                            || closest - reach >= cellLeave) {
                        continue;
                    }
                    uint id = cell_entry[e];
                    uint m = GBUFFER_CHANNELS * id;
                    // facing along the ray: the surface the ray leaves, whose Gaussians fill the first cells; its
                    // test needs no meeting point, so it comes before Σ⁻¹
                    if (dot(vec3(materials[m], materials[m + 1u], materials[m + 2u]), d) > 0.0) {
                        continue;
                    }
                    uint row = GAUSSIAN_DENSITY_STRIDE * id;
                    vec3 diagonal = vec3(densities[row + 3u], densities[row + 6u], densities[row + 8u]);
                    vec3 off = vec3(densities[row + 4u], densities[row + 5u], densities[row + 7u]);
                    vec3 inverseToMean = gaussian_inverse_apply(diagonal, off, toMean);
                    float t;
                    float alpha = gaussian_ray_alpha(densities[row + 9u], inverseToMean, dot(toMean, inverseToMean), d,
                                                     gaussian_inverse_apply(diagonal, off, d), t);
                    if (t < cellEnter || t >= cellLeave || t <= trace.near || alpha < GAUSSIAN_RAY_MIN_ALPHA) {
                        continue;
                    }
                    logT += log(1.0 - alpha);
                    alphaSum += alpha;
                    tSum += alpha * t;
                    for (uint j = 0u; j < GBUFFER_CHANNELS; ++j) {
                        cellSums[j] += alpha * materials[m + j];
                    }
                }
                if (alphaSum > 0.0) {
                    float cellT = exp(logT);
                    float w = transmittance * (1.0 - cellT) / alphaSum;  // the cell's opacity shared by its α
                    for (uint j = 0u; j < GBUFFER_CHANNELS; ++j) {
                        sums[j] += w * cellSums[j];
                    }
                    distanceSum += w * tSum;
                    transmittance *= cellT;
                }
                // to the next cell along the axis whose boundary comes first
                if (next.x <= next.y && next.x <= next.z) {
                    cell.x += step.x;
                    next.x += delta.x;
                } else if (next.y <= next.z) {
                    cell.y += step.y;
                    next.y += delta.y;
                } else {
                    cell.z += step.z;
                    next.z += delta.z;
                }
                if (any(lessThan(cell, ivec3(0))) || any(greaterThanEqual(cell, ivec3(trace.cells_per_axis)))) {
                    break;
                }
                cellEnter = cellLeave;
            }
        }
    }
    for (uint k = 0u; k < GBUFFER_CHANNELS; ++k) {
        hits[k * plane + index] = sums[k];
    }
    hits[REFLECTION_HIT_COVERAGE * plane + index] = 1.0 - transmittance;
    hits[REFLECTION_HIT_DISTANCE * plane + index] = distanceSum;
}
