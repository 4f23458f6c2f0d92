// THE split-sum contract (design.md §2), shared by the trainer's shading kernels, the environment builders and the
// viewer's composite pass; Java twin: dev.splatlight.core.light.SplitSum (constants) and the test-side
// ReferenceEnvironment (maths).
//
//   colour   = diffuse + specular
//   diffuse  = albedo · (1 − metallic) · irradiance(n)            (1/π is inside the irradiance cube)
//   specular = prefiltered(R, roughness) · (F0·A + B),  R = 2(n·v)n − v,  F0 = 0.04(1 − metallic) + albedo·metallic
//   (A, B)   = DFG(n·v clamped to [1e-4, 1], roughness), a SIZE² table of the GGX split-sum integral
//
// The prefiltered chain has the environment chain's layout (cubemap.glsl). Level i < n − 1 is GGX-prefiltered with
// roughness 0.08 + 0.42·i/(n − 2); the last level with roughness 1. Lookups interpolate trilinearly between levels.
// Programs that shade define the three texel fetches below for the buffers they own; taps are exposed too, so the
// trainer's backward pass scatters gradients through exactly the texels a lookup read.
#ifndef SPLATLIGHT_SPLIT_SUM_GLSL
#define SPLATLIGHT_SPLIT_SUM_GLSL

#include "light/cubemap.glsl"
#include "light/ggx.glsl"

const float SPLIT_SUM_MIN_ROUGHNESS = 0.08;
const float SPLIT_SUM_MAX_ROUGHNESS = 0.5;
const float SPLIT_SUM_MIN_N_DOT_V = 1e-4;
const float SPLIT_SUM_DIELECTRIC_F0 = 0.04;
const uint SPLIT_SUM_DFG_SIZE = 256u;

// Where the environment lives: faces of base_size² at level 0, `levels` levels down to the smallest.
struct EnvironmentLayout {
    uint base_size;
    uint levels;
};

vec3 environment_prefiltered_texel(uint index);  // RGB of texel `index` of the prefiltered chain
vec3 environment_irradiance_texel(uint index);   // RGB of texel `index` of the irradiance cube (smallest size)
vec2 environment_dfg_texel(uint index);          // (A, B) of texel `index` of the DFG table

// The roughness level `level` of an n-level chain is prefiltered with.
float split_sum_level_roughness(uint level, uint levels) {
    if (level + 1u >= levels) {
        return 1.0;
    }
    float span = float(max(levels, 3u) - 2u);
    return SPLIT_SUM_MIN_ROUGHNESS + (SPLIT_SUM_MAX_ROUGHNESS - SPLIT_SUM_MIN_ROUGHNESS) * float(level) / span;
}

// The (fractional) level a roughness reads: the inverse of split_sum_level_roughness, linear in between.
float split_sum_level_for_roughness(float roughness, uint levels) {
    float span = float(levels) - 2.0;
    if (roughness < SPLIT_SUM_MAX_ROUGHNESS) {
        float r = clamp(roughness, SPLIT_SUM_MIN_ROUGHNESS, SPLIT_SUM_MAX_ROUGHNESS);
        return (r - SPLIT_SUM_MIN_ROUGHNESS) / (SPLIT_SUM_MAX_ROUGHNESS - SPLIT_SUM_MIN_ROUGHNESS) * span;
    }
    return span + (min(roughness, 1.0) - SPLIT_SUM_MAX_ROUGHNESS) / (1.0 - SPLIT_SUM_MAX_ROUGHNESS);
}

// Trilinear footprint of a prefiltered lookup: bilinear on the two levels around the roughness's level.
ChainTaps split_sum_specular_taps(vec3 r, float roughness, EnvironmentLayout env) {
    float level = clamp(split_sum_level_for_roughness(roughness, env.levels), 0.0, float(env.levels - 1u));
    return chain_trilinear_taps(r, level, env.base_size, env.levels);
}

// Bilinear footprint in the DFG table: x = n·v, y = roughness, texel (i, j) at ((i + 0.5)/SIZE, (j + 0.5)/SIZE).
struct DfgTaps {
    uint index[4];
    float weight[4];
};

DfgTaps split_sum_dfg_taps(float n_dot_v, float roughness) {
    vec2 coord = vec2(clamp(n_dot_v, SPLIT_SUM_MIN_N_DOT_V, 1.0), clamp(roughness, 0.0, 1.0)) * float(SPLIT_SUM_DFG_SIZE) - 0.5;
    vec2 base = floor(coord);
    vec2 f = coord - base;
    int last = int(SPLIT_SUM_DFG_SIZE) - 1;
    int x0 = clamp(int(base.x), 0, last), x1 = clamp(int(base.x) + 1, 0, last);
    int y0 = clamp(int(base.y), 0, last), y1 = clamp(int(base.y) + 1, 0, last);
    if (x0 == x1) {
        f.x = 0.0;
    }
    if (y0 == y1) {
        f.y = 0.0;
    }
    DfgTaps taps;
    taps.index[0] = uint(y0) * SPLIT_SUM_DFG_SIZE + uint(x0);
    taps.index[1] = uint(y0) * SPLIT_SUM_DFG_SIZE + uint(x1);
    taps.index[2] = uint(y1) * SPLIT_SUM_DFG_SIZE + uint(x0);
    taps.index[3] = uint(y1) * SPLIT_SUM_DFG_SIZE + uint(x1);
    taps.weight[0] = (1.0 - f.x) * (1.0 - f.y);
    taps.weight[1] = f.x * (1.0 - f.y);
    taps.weight[2] = (1.0 - f.x) * f.y;
    taps.weight[3] = f.x * f.y;
    return taps;
}

// Irradiance lookup footprint: bilinear on the smallest level's size (the irradiance cube has that size).
CubeTaps split_sum_irradiance_taps(vec3 n, EnvironmentLayout env) {
    return cube_bilinear_taps(n, env.base_size >> (env.levels - 1u), 0u);
}

vec3 split_sum_prefiltered(vec3 r, float roughness, EnvironmentLayout env) {
    ChainTaps taps = split_sum_specular_taps(r, roughness, env);
    vec3 sum = vec3(0.0);
    for (uint k = 0u; k < 8u; ++k) {
        sum += taps.weight[k] * environment_prefiltered_texel(taps.index[k]);
    }
    return sum;
}

// One level of the prefiltered chain, bilinearly (the two ends of the trilinear lookup, for its derivative).
vec3 split_sum_prefiltered_level(vec3 r, uint level, EnvironmentLayout env) {
    CubeTaps taps = cube_bilinear_taps(r, env.base_size >> level, cube_level_offset(env.base_size, level));
    vec3 sum = vec3(0.0);
    for (uint k = 0u; k < 4u; ++k) {
        sum += taps.weight[k] * environment_prefiltered_texel(taps.index[k]);
    }
    return sum;
}

// ∂(prefiltered lookup)/∂roughness: the level moves with roughness (where it is not clamped) and the lookup is
// linear between the two levels around it.
vec3 split_sum_prefiltered_roughness_derivative(vec3 r, float roughness, EnvironmentLayout env) {
    float level = split_sum_level_for_roughness(roughness, env.levels);
    if (level <= 0.0 || level >= float(env.levels - 1u)) {
        return vec3(0.0);
    }
    float dLevel = roughness < SPLIT_SUM_MAX_ROUGHNESS
            ? (roughness > SPLIT_SUM_MIN_ROUGHNESS ? (float(env.levels) - 2.0) / (SPLIT_SUM_MAX_ROUGHNESS - SPLIT_SUM_MIN_ROUGHNESS) : 0.0)
            : (roughness < 1.0 ? 1.0 / (1.0 - SPLIT_SUM_MAX_ROUGHNESS) : 0.0);
    uint lower = uint(floor(level));
    return dLevel * (split_sum_prefiltered_level(r, lower + 1u, env) - split_sum_prefiltered_level(r, lower, env));
}

vec3 split_sum_irradiance(vec3 n, EnvironmentLayout env) {
    CubeTaps taps = split_sum_irradiance_taps(n, env);
    vec3 sum = vec3(0.0);
    for (uint k = 0u; k < 4u; ++k) {
        sum += taps.weight[k] * environment_irradiance_texel(taps.index[k]);
    }
    return sum;
}

vec2 split_sum_dfg(float n_dot_v, float roughness) {
    DfgTaps taps = split_sum_dfg_taps(n_dot_v, roughness);
    vec2 sum = vec2(0.0);
    for (uint k = 0u; k < 4u; ++k) {
        sum += taps.weight[k] * environment_dfg_texel(taps.index[k]);
    }
    return sum;
}

// ∂(A, B)/∂roughness of the table lookup: the bilinear weights move along y at SIZE texels per unit roughness.
vec2 split_sum_dfg_roughness_derivative(float n_dot_v, float roughness) {
    if (roughness <= 0.5 / float(SPLIT_SUM_DFG_SIZE) || roughness >= 1.0 - 0.5 / float(SPLIT_SUM_DFG_SIZE)) {
        return vec2(0.0);
    }
    DfgTaps taps = split_sum_dfg_taps(n_dot_v, roughness);
    float fx = taps.weight[1] + taps.weight[3];
    vec2 upper = (1.0 - fx) * environment_dfg_texel(taps.index[2]) + fx * environment_dfg_texel(taps.index[3]);
    vec2 lower = (1.0 - fx) * environment_dfg_texel(taps.index[0]) + fx * environment_dfg_texel(taps.index[1]);
    return float(SPLIT_SUM_DFG_SIZE) * (upper - lower);
}

vec3 split_sum_f0(vec3 albedo, float metallic) {
    return SPLIT_SUM_DIELECTRIC_F0 * (1.0 - metallic) + albedo * metallic;
}

// The lit colour from already fetched light: diffuse_light is irradiance (times occlusion, plus indirect, as the
// caller decides), specular_light the prefiltered radiance, dfg the table's (A, B).
vec3 split_sum_combine(vec3 albedo, float metallic, vec3 diffuse_light, vec3 specular_light, vec2 dfg) {
    vec3 diffuse = albedo * (1.0 - metallic) * diffuse_light;
    vec3 specular = specular_light * (split_sum_f0(albedo, metallic) * dfg.x + dfg.y);
    return diffuse + specular;
}

// Reflection of the view direction v (unit, from the surface towards the eye) about n.
vec3 split_sum_reflect(vec3 n, vec3 v) {
    return 2.0 * dot(n, v) * n - v;
}

#endif
