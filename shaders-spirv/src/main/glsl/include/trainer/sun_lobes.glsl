// Sun lobes of the learned environment (docs/material-stage.md): a few spherical Gaussians added to the cube's
// level 0, so that a light can hold a sun ~30,000× brighter than its sky in 0.1 % of the sphere, which per-texel
// log radiance under TV never forms. Each lobe is 8 floats [K, 8]: an unnormalised direction p (3), a sharpness logit
// s (1), log energy e (RGB, 3), padding. With μ = p/|p|, λ = λ_min + (λ_max − λ_min)·σ(s) and E = exp e,
//     L(ω) = E · n(λ) · exp(−λ/2 · |ω − μ|²),   n(λ) = λ / (2π(1 − e^{−2λ})),
// so E is the lobe's integral over the sphere and sharpening moves no energy (|ω − μ|²/2 = 1 − μ·ω, without the
// cancellation of 1 − μ·ω near the peak). λ_max keeps a lobe at least a texel wide (host: SunLobes.maxSharpness).
// Java twin: dev.splatlight.trainer.material.SunLobes; test reference: ReferenceSunLobes.
#ifndef SPLATLIGHT_SUN_LOBES_GLSL
#define SPLATLIGHT_SUN_LOBES_GLSL

const uint SUN_LOBE_FLOATS = 8u;
const float SUN_LOBE_MIN_SHARPNESS = 0.5;
const float SUN_LOBE_PI = 3.14159265358979;

struct SunLobe {
    vec3 p;          // unnormalised direction
    vec3 mu;         // p / |p|
    float sigma;     // σ(s)
    float lambda;    // sharpness
    vec3 amplitude;  // E · n(λ)
};

SunLobe sun_lobe(vec3 p, float s, vec3 logEnergy, float maxSharpness) {
    SunLobe lobe;
    lobe.p = p;
    lobe.mu = normalize(p);
    lobe.sigma = 1.0 / (1.0 + exp(-s));
    lobe.lambda = SUN_LOBE_MIN_SHARPNESS + (maxSharpness - SUN_LOBE_MIN_SHARPNESS) * lobe.sigma;
    lobe.amplitude = exp(logEnergy) * (lobe.lambda / (2.0 * SUN_LOBE_PI * (1.0 - exp(-2.0 * lobe.lambda))));
    return lobe;
}

// Lobe k of a [K, 8] float array (a buffer's member: a macro, since GLSL cannot pass one to a function).
#define SUN_LOBE_AT(array, k, maxSharpness) sun_lobe( \
        vec3(array[SUN_LOBE_FLOATS * (k)], array[SUN_LOBE_FLOATS * (k) + 1u], array[SUN_LOBE_FLOATS * (k) + 2u]), \
        array[SUN_LOBE_FLOATS * (k) + 3u], \
        vec3(array[SUN_LOBE_FLOATS * (k) + 4u], array[SUN_LOBE_FLOATS * (k) + 5u], array[SUN_LOBE_FLOATS * (k) + 6u]), \
        maxSharpness)

// |ω − μ|²/2 = 1 − μ·ω for a unit ω.
float sun_lobe_half_distance(SunLobe lobe, vec3 omega) {
    vec3 d = omega - lobe.mu;
    return 0.5 * dot(d, d);
}

// exp(−λ/2 · |ω − μ|²) for a unit ω.
float sun_lobe_falloff(SunLobe lobe, vec3 omega) {
    return exp(-lobe.lambda * sun_lobe_half_distance(lobe, omega));
}

// d log n(λ) / dλ = 1/λ − 2/(e^{2λ} − 1).
float sun_lobe_dlog_normaliser(float lambda) {
    return 1.0 / lambda - 2.0 / (exp(2.0 * lambda) - 1.0);
}

#endif
