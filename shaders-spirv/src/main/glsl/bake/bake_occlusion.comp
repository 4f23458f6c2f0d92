#version 460
// Occlusion probes (design.md §1.2; GS-IR "baking"): for each probe, visibility V(ω) = 0 when the Gaussians within
// `threshold` of the probe along ω block at least half the light (transmittance ≤ 0.5), else 1; V projected onto
// 16 real SH coefficients with exact texel solid angles over a DIRECTIONS_SIDE² cube of directions.
// GS-IR renders six 256² depth cubes of the whole scene per probe; only Gaussians within the threshold can occlude,
// so here each probe ray-marches just those, found through a cell grid of side ≥ the search radius, each met where
// its density along the ray peaks (splat/gaussian_ray.glsl). One workgroup per probe;
// each invocation owns DIRECTIONS / 64 directions; the order of the Gaussians along a ray does not matter because
// only the product of (1 − α) up to the threshold does. Occluders nearer than `near` do not count: a probe within a
// surface's shell of Gaussians would otherwise see that surface block every direction near its tangent plane.
#extension GL_GOOGLE_include_directive : require
#include "light/cubemap.glsl"
#include "splat/spherical_harmonics.glsl"
#include "splat/gaussian_ray.glsl"
layout(local_size_x = 64) in;

const uint DIRECTIONS_SIDE = 8u;                                   // directions per cube-face side
const uint DIRECTIONS = 6u * DIRECTIONS_SIDE * DIRECTIONS_SIDE;    // 384
const uint PER_INVOCATION = DIRECTIONS / 64u;                      // 6

layout(push_constant) uniform BakeOcclusion {
    uint first_probe;     // probes [first_probe, first_probe + workgroups) in this dispatch
    uint resolution;      // probes per axis of the volume
    float bound;          // the volume spans [−bound, bound]³
    float threshold;      // occluders farther than this along a ray do not count
    uint cells_per_axis;  // search grid over [−bound − margin, bound + margin]³
    float cell_origin;    // world coordinate of the grid's first cell corner (same on every axis)
    float cell_size;
    float search_radius;  // threshold + the largest 3σ radius among gridded Gaussians: cells farther hold no occluder
    uint large_count;     // Gaussians too large for the grid, tested by every probe
    float near;           // occluders nearer than this along a ray are the probe's own surface (see BakeSettings)
} pass;

layout(std430, binding = 0) readonly buffer ProbeCells { uint probe_cell[]; };      // [P] u32: grid index of each probe
layout(std430, binding = 1) readonly buffer Occluders { float occluders[]; };       // [G, 11] f32: μ, Σ⁻¹ (xx xy xz yy yz zz), α, 3σ
layout(std430, binding = 2) readonly buffer CellStarts { uint cell_start[]; };      // [cells + 1] u32 into CellOccluders
layout(std430, binding = 3) readonly buffer CellOccluders { uint cell_occluder[]; }; // [G_gridded + L] u32; large ones last
layout(std430, binding = 4) writeonly buffer ProbeCoefficients { float probe_coefficients[]; }; // [P, 16] f32

shared vec4 shared_mean_alpha[64];
shared float shared_reach[64];            // threshold + 3σ: farther centres cannot occlude
shared vec3 shared_inverse_diagonal[64];  // Σ⁻¹ xx yy zz
shared vec3 shared_inverse_off[64];       // Σ⁻¹ xy xz yz
shared float shared_sums[64 * 16];

void load_occluder(uint slot, uint id) {
    uint o = 11u * id;
    shared_mean_alpha[slot] = vec4(occluders[o], occluders[o + 1u], occluders[o + 2u], occluders[o + 9u]);
    shared_reach[slot] = pass.threshold + occluders[o + 10u];
    shared_inverse_diagonal[slot] = vec3(occluders[o + 3u], occluders[o + 6u], occluders[o + 8u]);
    shared_inverse_off[slot] = vec3(occluders[o + 4u], occluders[o + 5u], occluders[o + 7u]);
}

vec3 apply_inverse(uint slot, vec3 v) {
    return gaussian_inverse_apply(shared_inverse_diagonal[slot], shared_inverse_off[slot], v);
}

// Adds log(1 − α) of the occluders in [begin, end) of CellOccluders to each owned direction's log-transmittance.
void march(uint begin, uint end, vec3 probe, vec3 directions[PER_INVOCATION], inout float logT[PER_INVOCATION]) {
    for (uint chunk = begin; chunk < end; chunk += 64u) {
        barrier();
        if (chunk + gl_LocalInvocationIndex < end) {
            load_occluder(gl_LocalInvocationIndex, cell_occluder[chunk + gl_LocalInvocationIndex]);
        }
        barrier();
        uint n = min(64u, end - chunk);
        for (uint g = 0u; g < n; ++g) {
            vec3 delta = shared_mean_alpha[g].xyz - probe;
            if (dot(delta, delta) > shared_reach[g] * shared_reach[g]) {
                continue;
            }
            vec3 inverseDelta = apply_inverse(g, delta);
            float c = dot(delta, inverseDelta);
            for (uint j = 0u; j < PER_INVOCATION; ++j) {
                float t;
                float alpha = gaussian_ray_alpha(shared_mean_alpha[g].w, inverseDelta, c, directions[j], apply_inverse(g, directions[j]), t);
                if (t > pass.near && t <= pass.threshold) {
                    if (alpha >= GAUSSIAN_RAY_MIN_ALPHA) {
                        logT[j] += log(1.0 - alpha);
                    }
                }
            }
        }
    }
}

void main() {
    uint probe = pass.first_probe + gl_WorkGroupID.x;
    uint cell = probe_cell[probe];
    uint r = pass.resolution;
    float spacing = 2.0 * pass.bound / float(r - 1u);
    vec3 position = -pass.bound + spacing * vec3(cell / (r * r), (cell / r) % r, cell % r);

    vec3 directions[PER_INVOCATION];
    float logT[PER_INVOCATION];
    for (uint j = 0u; j < PER_INVOCATION; ++j) {
        uint k = gl_LocalInvocationIndex * PER_INVOCATION + j;
        uint perFace = DIRECTIONS_SIDE * DIRECTIONS_SIDE;
        directions[j] = cube_texel_direction(k / perFace, k % DIRECTIONS_SIDE, (k % perFace) / DIRECTIONS_SIDE, DIRECTIONS_SIDE);
        logT[j] = 0.0;
    }

    ivec3 lo = clamp(ivec3(floor((position - pass.search_radius - pass.cell_origin) / pass.cell_size)), 0, int(pass.cells_per_axis) - 1);
    ivec3 hi = clamp(ivec3(floor((position + pass.search_radius - pass.cell_origin) / pass.cell_size)), 0, int(pass.cells_per_axis) - 1);
    uint n = pass.cells_per_axis;
    for (int x = lo.x; x <= hi.x; ++x) {
        for (int y = lo.y; y <= hi.y; ++y) {
            for (int z = lo.z; z <= hi.z; ++z) {
                uint c = (uint(x) * n + uint(y)) * n + uint(z);
                march(cell_start[c], cell_start[c + 1u], position, directions, logT);
            }
        }
    }
    uint gridded = cell_start[n * n * n];
    march(gridded, gridded + pass.large_count, position, directions, logT);

    float sums[16];
    for (uint k = 0u; k < 16u; ++k) {
        sums[k] = 0.0;
    }
    for (uint j = 0u; j < PER_INVOCATION; ++j) {
        if (logT[j] > log(0.5)) { // visible: less than half the light is blocked within the threshold
            uint k = gl_LocalInvocationIndex * PER_INVOCATION + j;
            uint perFace = DIRECTIONS_SIDE * DIRECTIONS_SIDE;
            float solidAngle = cube_texel_solid_angle(k % DIRECTIONS_SIDE, (k % perFace) / DIRECTIONS_SIDE, DIRECTIONS_SIDE);
            float basis[16];
            sh_basis(3u, directions[j], basis);
            for (uint b = 0u; b < 16u; ++b) {
                sums[b] += basis[b] * solidAngle;
            }
        }
    }
    for (uint b = 0u; b < 16u; ++b) {
        shared_sums[b * 64u + gl_LocalInvocationIndex] = sums[b];
    }
    barrier();
    if (gl_LocalInvocationIndex < 16u) {
        float total = 0.0;
        for (uint i = 0u; i < 64u; ++i) {
            total += shared_sums[gl_LocalInvocationIndex * 64u + i];
        }
        probe_coefficients[16u * probe + gl_LocalInvocationIndex] = total;
    }
}
