// The march of one reflected ray through the Gaussians (docs/reflections.md), shared by the viewer's and material
// stage's traced reflections (light/trace_reflections.comp) and the geometry stage's (trainer/trace_mirror_scene.comp).
// A grid lists each Gaussian in every cell its reach overlaps (where it can stop 1/255 of a ray); the cells are
// visited in the ray's order (Amanatides–Woo) and a Gaussian counts in the cell that holds the point where the ray
// meets it, so once. Within a cell the Gaussians blend order-independently (their opacities multiplied, their
// channels averaged by α), and cells composite front to back. Gaussians nearer than `near` along the ray, or whose
// normal faces along it, are the surface the ray leaves.
// The program defines, before including this file: REFLECTION_MARCH_CHANNELS (channels blended per Gaussian), the
// buffers densities[] ([G, 11] μ, Σ⁻¹, α, 3σ), cell_start[] ([cells³ + 1]), cell_entry[] (a Gaussian per entry),
// entry_spheres[] (vec4 per entry: its Gaussian's μ, reach), and the functions below.
// With REFLECTION_MARCH_BY_SUBGROUP defined, a whole subgroup marches one ray (every lane calls with the same ray,
// and all get the same result): the lanes split each cell's entries and sum what they found. A ray through the
// scene's dense cells weighs thousands of entries one after another, and the ten thousand or so mirror pixels of a
// view leave most of a large GPU idle; by subgroup, the weighing is spread and the entries are read side by side. Such a program enables
// GL_KHR_shader_subgroup_arithmetic (before its first declaration, as GLSL requires).
#ifndef SPLATLIGHT_REFLECTION_MARCH_GLSL
#define SPLATLIGHT_REFLECTION_MARCH_GLSL
#include "splat/gaussian_ray.glsl"

#ifdef REFLECTION_MARCH_BY_SUBGROUP
#define REFLECTION_MARCH_LANE gl_SubgroupInvocationID
#define REFLECTION_MARCH_LANES gl_SubgroupSize
#define REFLECTION_MARCH_SUM(x) subgroupAdd(x)
#else
#define REFLECTION_MARCH_LANE 0u
#define REFLECTION_MARCH_LANES 1u
#define REFLECTION_MARCH_SUM(x) (x)
#endif

vec3 reflection_march_normal(uint gaussian);              // for the facing test
float reflection_march_channel(uint gaussian, uint channel);

struct ReflectionGrid {
    uint cellsPerAxis;
    vec3 origin;     // the grid's first corner, world
    float cellSize;
    float near;      // hits nearer than this along the ray are the surface itself
};

const uint REFLECTION_MARCH_MAX_STEPS = 1024u;
const float REFLECTION_MARCH_STOP_TRANSMITTANCE = 1e-3;

// Adds Σ w·channel of what the ray o + t·d meets to `sums` and Σ w·t to `distanceSum` (both zeroed by the caller);
// returns the transmittance left, so the hit coverage is 1 − it.
float reflection_march(ReflectionGrid grid, vec3 o, vec3 d, inout float sums[REFLECTION_MARCH_CHANNELS],
                       inout float distanceSum) {
    float transmittance = 1.0;
    d = mix(d, vec3(1e-7), lessThan(abs(d), vec3(1e-7)));  // no axis-parallel rays: the slabs divide by d
    float n = float(grid.cellsPerAxis);
    vec3 g = (o - grid.origin) / grid.cellSize;             // the origin in cell units
    // slabs of the grid's box: where the ray is inside it
    vec3 inverseD = 1.0 / d;
    vec3 t0 = (vec3(0.0) - g) * inverseD, t1 = (vec3(n) - g) * inverseD;
    // from the near cut on: what lies nearer is the surface's own and ignored, so its cells need no visit
    float enter = max(max(min(t0.x, t1.x), min(t0.y, t1.y)), max(min(t0.z, t1.z), grid.near / grid.cellSize));
    float leave = min(min(max(t0.x, t1.x), max(t0.y, t1.y)), max(t0.z, t1.z));
    if (!(enter < leave)) {
        return transmittance;
    }
    ivec3 cell = clamp(ivec3(floor(g + d * enter)), ivec3(0), ivec3(grid.cellsPerAxis - 1u));
    ivec3 step = ivec3(sign(d));
    vec3 next = (vec3(cell) + max(vec3(step), vec3(0.0)) - g) * inverseD;  // t of the next boundary per axis
    vec3 delta = abs(inverseD);
    float cellEnter = enter * grid.cellSize;                              // world units from here on
    for (uint k = 0u; k < REFLECTION_MARCH_MAX_STEPS && transmittance > REFLECTION_MARCH_STOP_TRANSMITTANCE; ++k) {
        float cellLeave = min(min(next.x, next.y), next.z) * grid.cellSize;
        uint c = (uint(cell.x) * grid.cellsPerAxis + uint(cell.y)) * grid.cellsPerAxis + uint(cell.z);
        float logT = 0.0, alphaSum = 0.0, tSum = 0.0;
        float cellSums[REFLECTION_MARCH_CHANNELS];
        for (uint j = 0u; j < REFLECTION_MARCH_CHANNELS; ++j) {
            cellSums[j] = 0.0;
        }
        uint firstEntry = cell_start[c], endEntry = cell_start[c + 1u];
        for (uint e = firstEntry + REFLECTION_MARCH_LANE; e < endEntry; e += REFLECTION_MARCH_LANES) {
            // one aligned read, in entry order (a cell's spheres lie one after another), decides for most entries;
            // the Gaussian's index is read only for those it keeps
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
            // facing along the ray: the surface the ray leaves, whose Gaussians fill the first cells; its test
            // needs no meeting point, so it comes before Σ⁻¹
            if (dot(reflection_march_normal(id), d) > 0.0) {
                continue;
            }
            uint row = GAUSSIAN_DENSITY_STRIDE * id;
            vec3 diagonal = vec3(densities[row + 3u], densities[row + 6u], densities[row + 8u]);
            vec3 off = vec3(densities[row + 4u], densities[row + 5u], densities[row + 7u]);
            vec3 inverseToMean = gaussian_inverse_apply(diagonal, off, toMean);
            float t;
            float alpha = gaussian_ray_alpha(densities[row + 9u], inverseToMean, dot(toMean, inverseToMean), d,
                                             gaussian_inverse_apply(diagonal, off, d), t);
            if (t < cellEnter || t >= cellLeave || t <= grid.near || alpha < GAUSSIAN_RAY_MIN_ALPHA) {
                continue;
            }
            logT += log(1.0 - alpha);
            alphaSum += alpha;
            tSum += alpha * t;
            for (uint j = 0u; j < REFLECTION_MARCH_CHANNELS; ++j) {
                cellSums[j] += alpha * reflection_march_channel(id, j);
            }
        }
        if (endEntry > firstEntry) {  // the same for every lane of a subgroup marching together
            logT = REFLECTION_MARCH_SUM(logT);
            alphaSum = REFLECTION_MARCH_SUM(alphaSum);
            tSum = REFLECTION_MARCH_SUM(tSum);
            for (uint j = 0u; j < REFLECTION_MARCH_CHANNELS; ++j) {
                cellSums[j] = REFLECTION_MARCH_SUM(cellSums[j]);
            }
        }
        if (alphaSum > 0.0) {
            float cellT = exp(logT);
            float w = transmittance * (1.0 - cellT) / alphaSum;  // the cell's opacity shared by its α
            for (uint j = 0u; j < REFLECTION_MARCH_CHANNELS; ++j) {
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
        if (any(lessThan(cell, ivec3(0))) || any(greaterThanEqual(cell, ivec3(grid.cellsPerAxis)))) {
            break;
        }
        cellEnter = cellLeave;
    }
    return transmittance;
}

#endif
