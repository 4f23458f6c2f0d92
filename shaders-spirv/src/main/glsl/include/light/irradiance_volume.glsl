// The learned irradiance volume of the material stage (design.md §1.3; GS-IR's indirect light): a res³ grid over
// [−bound, bound]³ of 9 grey SH coefficients (degree 2). Indirect irradiance at p with normal n is the SH evaluated
// at n of the probes around p blended as probe_grid.glsl says (no offset along n), weights renormalised, and then
// clamped at 0: light is never negative, and a volume free to go negative hides floaters under the training light
// (dark there through 1 − V) that relighting, which drops the indirect term, then shows (trio with --reflections:
// mean indirect −1.4 to −2.6 and a lit haze in the relit backgrounds). The program defines the fetch; taps are
// exposed so the trainer scatters gradients through the same weights.
#ifndef SPLATLIGHT_IRRADIANCE_VOLUME_GLSL
#define SPLATLIGHT_IRRADIANCE_VOLUME_GLSL

#include "light/probe_grid.glsl"
#include "splat/spherical_harmonics.glsl"

const uint IRRADIANCE_COEFFICIENTS = 9u;

struct IrradianceVolumeLayout {
    uint resolution;
    float bound;
};

float irradiance_volume_coefficient(uint cell, uint k);  // coefficient k of probe `cell`

// Normalised corner weights (all 0 when every corner lies behind the surface).
ProbeCorners irradiance_volume_corners(vec3 p, vec3 n, IrradianceVolumeLayout volume) {
    ProbeCorners corners = probe_grid_corners(p, n, volume.resolution, volume.bound, 0.0);
    float sum = 0.0;
    for (uint c = 0u; c < 8u; ++c) {
        sum += corners.weight[c];
    }
    for (uint c = 0u; c < 8u; ++c) {
        corners.weight[c] = sum > 0.0 ? corners.weight[c] / sum : 0.0;
    }
    return corners;
}

// The blended SH at the corners' weights and the basis of n, before the clamp (the material stage's backward passes
// gradients where it is ≥ 0, so a zero volume still learns; it scatters through the same corners and basis).
float irradiance_volume_sum(ProbeCorners corners, float basis[16]) {
    float sum = 0.0;
    for (uint c = 0u; c < 8u; ++c) {
        if (corners.weight[c] > 0.0) {
            for (uint k = 0u; k < IRRADIANCE_COEFFICIENTS; ++k) {
                sum += corners.weight[c] * basis[k] * irradiance_volume_coefficient(corners.cell[c], k);
            }
        }
    }
    return sum;
}

// The volume's SH at direction d, read from the probes in front of the surface (p, n): d = n gives the indirect
// irradiance, d = the reflected direction what the specular term sees where its lobe is occluded.
float irradiance_volume_toward(vec3 p, vec3 n, vec3 d, IrradianceVolumeLayout volume) {
    float basis[16];
    sh_basis(2u, d, basis);
    return max(irradiance_volume_sum(irradiance_volume_corners(p, n, volume), basis), 0.0);
}

float irradiance_volume_at(vec3 p, vec3 n, IrradianceVolumeLayout volume) {
    return irradiance_volume_toward(p, n, n, volume);
}

#endif
