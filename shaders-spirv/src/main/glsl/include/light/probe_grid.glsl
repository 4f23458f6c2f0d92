// Regular probe grids over [−bound, bound]³ (the occlusion and irradiance volumes, design.md §1.2–1.3): probe
// (x, y, z) sits at −bound + spacing·(x, y, z) with spacing = 2·bound/(res − 1) and has cell index (x·res + y)·res + z.
// A surface point p with normal n reads the 8 probes around p + n·offset (offset in grid spacings), trilinearly,
// with weight 0 for probes behind the surface ((probe − p)·n ≤ 0). Weights are returned unnormalised.
#ifndef SPLATLIGHT_PROBE_GRID_GLSL
#define SPLATLIGHT_PROBE_GRID_GLSL

struct ProbeCorners {
    uint cell[8];
    float weight[8];
};

ProbeCorners probe_grid_corners(vec3 p, vec3 n, uint resolution, float bound, float normal_offset) {
    float spacing = 2.0 * bound / float(resolution - 1u);
    vec3 grid = clamp((p + n * (normal_offset * spacing) + bound) / spacing, vec3(0.0), vec3(float(resolution - 1u)));
    uvec3 base = min(uvec3(floor(grid)), uvec3(resolution - 2u));
    vec3 f = grid - vec3(base);
    ProbeCorners corners;
    for (uint corner = 0u; corner < 8u; ++corner) {
        uvec3 offset = uvec3(corner >> 2u, (corner >> 1u) & 1u, corner & 1u);
        uvec3 probe = base + offset;
        vec3 w3 = mix(1.0 - f, f, vec3(offset));
        bool front = dot(-bound + spacing * vec3(probe) - p, n) > 0.0;
        corners.cell[corner] = (probe.x * resolution + probe.y) * resolution + probe.z;
        corners.weight[corner] = front ? w3.x * w3.y * w3.z : 0.0;
    }
    return corners;
}

#endif
