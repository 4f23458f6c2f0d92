// Querying the baked occlusion volume (design.md §1.2): res³ probes on a regular grid over [−bound, bound]³, each 16
// real-SH coefficients of the visibility around it; a probe that was not baked has slot −1. Probe (x, y, z) has
// grid index (x·res + y)·res + z. Programs define the two fetches below for the buffers they own.
// Java twin: dev.splatlight.core.light.OcclusionVolume (data) and the test-side ReferenceOcclusion (maths).
#ifndef SPLATLIGHT_OCCLUSION_GLSL
#define SPLATLIGHT_OCCLUSION_GLSL

#include "light/ggx.glsl"
#include "light/probe_grid.glsl"
#include "splat/spherical_harmonics.glsl"

const uint OCCLUSION_SAMPLES = 64u;  // cosine-distributed directions per query (GS-IR: 256; see docs/bake.md)
// A probe that sees less than this fraction of the sphere lies inside the geometry, not in front of the surface: a
// probe just off a flat surface sees half, one in a right-angled corner a quarter. Blended depth can put the shaded
// point behind semi-transparent surface Gaussians (and 3DGS puts a mirror's reflections inside it), so the probes
// "in front" of it can be inside the object; they would report it fully occluded.
const float OCCLUSION_INSIDE_FRACTION = 0.15;
const float SH_SPHERE_INTEGRAL = 3.5449077;  // ∫ Y00 dω = 2√π: coefficient 0 of a fully visible probe

struct OcclusionLayout {
    uint resolution;
    float bound;
};

int occlusion_probe_slot(uint cell);                    // slot of grid cell `cell`, −1 where no probe was baked
float occlusion_probe_coefficient(uint slot, uint k);   // coefficient k of the probe in `slot`

// The SH coefficients seen from surface point p with normal n: the probes around p + n·spacing, trilinearly, probes
// behind the surface, not baked or inside the geometry getting weight 0, weights renormalised (probe_grid.glsl).
// False when no probe is usable (then nothing is known: V = 1).
bool occlusion_coefficients(vec3 p, vec3 n, OcclusionLayout volume, out float coefficients[16]) {
    for (uint k = 0u; k < 16u; ++k) {
        coefficients[k] = 0.0;
    }
    ProbeCorners corners = probe_grid_corners(p, n, volume.resolution, volume.bound, 1.0);
    float weightSum = 0.0;
    for (uint corner = 0u; corner < 8u; ++corner) {
        int slot = occlusion_probe_slot(corners.cell[corner]);
        float weight = corners.weight[corner];
        if (slot < 0 || weight <= 0.0
                || occlusion_probe_coefficient(uint(slot), 0u) < OCCLUSION_INSIDE_FRACTION * SH_SPHERE_INTEGRAL) {
            continue;
        }
        for (uint k = 0u; k < 16u; ++k) {
            coefficients[k] += weight * occlusion_probe_coefficient(uint(slot), k);
        }
        weightSum += weight;
    }
    if (weightSum <= 0.0) {
        return false;
    }
    for (uint k = 0u; k < 16u; ++k) {
        coefficients[k] /= weightSum;
    }
    return true;
}

// Cosine-weighted hemisphere average of clamp(V(ω), 0, 1) around n, V from the SH coefficients: the fraction of
// diffuse light the surroundings let through.
float occlusion_visibility(float coefficients[16], vec3 n) {
    mat3 frame = tangent_frame(n);
    float sum = 0.0;
    for (uint i = 0u; i < OCCLUSION_SAMPLES; ++i) {
        vec2 xi = hammersley(i, OCCLUSION_SAMPLES);
        float r = sqrt(xi.x), phi = 2.0 * PI * xi.y;
        vec3 d = frame * vec3(r * cos(phi), r * sin(phi), sqrt(max(1.0 - xi.x, 0.0)));
        float basis[16];
        sh_basis(3u, d, basis);
        float v = 0.0;
        for (uint k = 0u; k < 16u; ++k) {
            v += coefficients[k] * basis[k];
        }
        sum += clamp(v, 0.0, 1.0);
    }
    return sum / float(OCCLUSION_SAMPLES);
}

// The visibility of a specular lobe around the reflected direction r (GS-IR's specular term has none, so a mirror
// shows the environment where its neighbours stand): the SH visibility with band l scaled by exp(−l(l+1)·α²), α =
// roughness², as convolving it with a spherical Gaussian of the reflected GGX lobe's width would, evaluated at r and
// clamped to [0, 1]. d_roughness is its derivative (0 where the clamp holds), for the material stage's backward.
float occlusion_lobe_visibility(float coefficients[16], vec3 r, float roughness, out float d_roughness) {
    float basis[16];
    sh_basis(3u, r, basis);
    float alpha2 = roughness * roughness * roughness * roughness;
    float v = 0.0, dv = 0.0;
    for (uint k = 0u; k < 16u; ++k) {
        float l = k == 0u ? 0.0 : (k < 4u ? 1.0 : (k < 9u ? 2.0 : 3.0));
        float band = l * (l + 1.0);
        float term = coefficients[k] * basis[k] * exp(-band * alpha2);
        v += term;
        dv -= term * band * 4.0 * roughness * roughness * roughness;  // ∂/∂r of exp(−band·r⁴)
    }
    d_roughness = v > 0.0 && v < 1.0 ? dv : 0.0;
    return clamp(v, 0.0, 1.0);
}

float occlusion_at(vec3 p, vec3 n, OcclusionLayout volume) {
    float coefficients[16];
    return occlusion_coefficients(p, n, volume, coefficients) ? occlusion_visibility(coefficients, n) : 1.0;
}

#endif
