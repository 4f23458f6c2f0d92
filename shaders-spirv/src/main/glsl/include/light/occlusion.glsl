// Querying the baked occlusion volume (design.md §1.2): res³ probes on a regular grid over [−bound, bound]³, each 16
// real-SH coefficients of the visibility around it; a probe that was not baked has slot −1. Probe (x, y, z) has
// grid index (x·res + y)·res + z. Programs define the two fetches below for the buffers they own.
// Java twin: dev.splatlight.core.light.OcclusionVolume (data) and the test-side ReferenceOcclusion (maths).
#ifndef SPLATLIGHT_OCCLUSION_GLSL
#define SPLATLIGHT_OCCLUSION_GLSL

#include "light/ggx.glsl"
#include "splat/spherical_harmonics.glsl"

const uint OCCLUSION_SAMPLES = 64u;  // cosine-distributed directions per query (GS-IR: 256; see docs/bake.md)

struct OcclusionLayout {
    uint resolution;
    float bound;
};

int occlusion_probe_slot(uint cell);                    // slot of grid cell `cell`, −1 where no probe was baked
float occlusion_probe_coefficient(uint slot, uint k);   // coefficient k of the probe in `slot`

// The SH coefficients seen from surface point p with normal n: the point is moved one grid spacing along n, then
// the 8 probes around it are blended trilinearly, probes behind the surface ((probe − p)·n ≤ 0) or not baked
// getting weight 0, and the weights renormalised. False when no probe is usable (then nothing is known: V = 1).
bool occlusion_coefficients(vec3 p, vec3 n, OcclusionLayout volume, out float coefficients[16]) {
    for (uint k = 0u; k < 16u; ++k) {
        coefficients[k] = 0.0;
    }
    float spacing = 2.0 * volume.bound / float(volume.resolution - 1u);
    vec3 grid = clamp((p + n * spacing + volume.bound) / spacing, vec3(0.0), vec3(float(volume.resolution - 1u)));
    uvec3 base = min(uvec3(floor(grid)), uvec3(volume.resolution - 2u));
    vec3 f = grid - vec3(base);
    float weightSum = 0.0;
    for (uint corner = 0u; corner < 8u; ++corner) {
        uvec3 offset = uvec3(corner >> 2u, (corner >> 1u) & 1u, corner & 1u);
        uvec3 probe = base + offset;
        vec3 probePosition = -volume.bound + spacing * vec3(probe);
        vec3 w3 = mix(1.0 - f, f, vec3(offset));
        float weight = w3.x * w3.y * w3.z;
        int slot = occlusion_probe_slot((probe.x * volume.resolution + probe.y) * volume.resolution + probe.z);
        if (slot < 0 || dot(probePosition - p, n) <= 0.0 || weight <= 0.0) {
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

float occlusion_at(vec3 p, vec3 n, OcclusionLayout volume) {
    float coefficients[16];
    return occlusion_coefficients(p, n, volume, coefficients) ? occlusion_visibility(coefficients, n) : 1.0;
}

#endif
