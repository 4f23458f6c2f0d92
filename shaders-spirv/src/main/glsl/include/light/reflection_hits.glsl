// What light/trace_reflections.comp leaves per pixel for shade_gbuffer.comp: like the G-buffer, planar sums Σ w·f of
// the hit Gaussians' normal, albedo, roughness and metallic (gbuffer.glsl's channels), then the hit coverage 1 − T and
// Σ w·t, the blended distance along the reflected ray.
#ifndef SPLATLIGHT_REFLECTION_HITS_GLSL
#define SPLATLIGHT_REFLECTION_HITS_GLSL

#include "light/gbuffer.glsl"

const uint REFLECTION_HIT_COVERAGE = GBUFFER_CHANNELS;
const uint REFLECTION_HIT_DISTANCE = GBUFFER_CHANNELS + 1u;
const uint REFLECTION_HIT_CHANNELS = GBUFFER_CHANNELS + 2u;
// A single traced ray stands for the reflected lobe only while it is narrow: full weight up to this roughness,
// none from REFLECTION_MAX_ROUGHNESS (the split-sum chain's sharpest levels span 0.08–0.5).
const float REFLECTION_FULL_ROUGHNESS = 0.25;
const float REFLECTION_MAX_ROUGHNESS = 0.5;

// The share of a surface of `roughness`'s specular light its traced reflection replaces, per unit of hit coverage.
float reflection_weight(float roughness) {
    return clamp((REFLECTION_MAX_ROUGHNESS - roughness) / (REFLECTION_MAX_ROUGHNESS - REFLECTION_FULL_ROUGHNESS), 0.0, 1.0);
}

// ∂reflection_weight/∂roughness.
float reflection_weight_slope(float roughness) {
    return roughness > REFLECTION_FULL_ROUGHNESS && roughness < REFLECTION_MAX_ROUGHNESS
            ? -1.0 / (REFLECTION_MAX_ROUGHNESS - REFLECTION_FULL_ROUGHNESS) : 0.0;
}

float reflection_hit_channel(uint channel, uint pixel);  // the program's fetch from its hits buffer

// The surface the reflected ray r from `origin` met (its coverage in hit.coverage), or false where it met nothing.
bool reflection_hit_surface(uint pixel, vec3 origin, vec3 r, out Surface hit) {
    hit.coverage = reflection_hit_channel(REFLECTION_HIT_COVERAGE, pixel);
    if (!(hit.coverage > GBUFFER_MIN_COVERAGE)) {
        return false;
    }
    hit.position = origin + r * (reflection_hit_channel(REFLECTION_HIT_DISTANCE, pixel) / hit.coverage);
    hit.view = -r;
    float sums[GBUFFER_CHANNELS];
    for (uint k = 0u; k < GBUFFER_CHANNELS; ++k) {
        sums[k] = reflection_hit_channel(k, pixel);
    }
    gbuffer_decode(sums, hit.view, hit);
    return true;
}

#endif
