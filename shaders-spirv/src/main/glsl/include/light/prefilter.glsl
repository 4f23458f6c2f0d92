// The specular prefilter's integration rule (design.md §2), shared by light/prefilter_specular.comp (forward) and
// material/prefilter_specular_backward.comp (its adjoint, for the learned light): sample i of a level's GGX lobe
// around n (= v = R), the unfiltered chain level it reads, and the trilinear taps of that read; and the weights of
// the exact sum used for the last (roughness 1) level.
#ifndef SPLATLIGHT_PREFILTER_GLSL
#define SPLATLIGHT_PREFILTER_GLSL

#include "light/cubemap.glsl"
#include "light/ggx.glsl"

// Filtered importance sampling (Křivánek & Colbert 2008): sample i of n draws h with pdf D(h)(n·h), reflects n about
// it, and reads the chain level whose texels match the sample's share of the sphere, Ω_s = 1/(N·pdf(l)) with
// pdf(l) = D(h)/4 when n = v (no extra blur bias: measured closer to the exact integral). False below the horizon.
bool prefilter_sample(vec3 n, mat3 frame, float alpha, uint i, uint count, uint base_size, uint levels,
                      out vec3 l, out float n_dot_l, out float lod) {
    vec3 h = frame * ggx_sample_half_vector(hammersley(i, count), alpha);
    float n_dot_h = dot(n, h);
    l = 2.0 * n_dot_h * h - n;
    n_dot_l = dot(n, l);
    if (n_dot_l <= 0.0) {
        lod = 0.0;
        return false;
    }
    float texelSolidAngle = 4.0 * PI / (6.0 * float(base_size * base_size));
    float sampleSolidAngle = 1.0 / (float(count) * ggx_distribution(n_dot_h, alpha) * 0.25);
    lod = clamp(0.5 * log2(sampleSolidAngle / texelSolidAngle), 0.0, float(levels - 1u));
    return true;
}

// Weight of texel (face, x, y) of the smallest level in the exact sum of the last level around n:
// D(h)·(n·l)·Ω(l), 0 below the horizon.
float prefilter_summed_weight(vec3 n, float alpha, uint face, uint x, uint y, uint size) {
    vec3 l = cube_texel_direction(face, x, y, size);
    float n_dot_l = dot(n, l);
    return n_dot_l > 0.0 ? ggx_distribution(dot(n, normalize(n + l)), alpha) * n_dot_l * cube_texel_solid_angle(x, y, size) : 0.0;
}

#endif
