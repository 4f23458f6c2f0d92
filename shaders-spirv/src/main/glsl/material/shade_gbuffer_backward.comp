#version 460
// Backward of light/shade_gbuffer.comp for the material stage. With D = E(n)·V + (1 − V)·σI, S = P·V_R + (1 − V_R)·σI_R
// (P the prefiltered lookup, V_R the specular lobe's occlusion, I_R the volume toward R) and (a, b) the DFG lookup,
// colour_c = A_c(1 − m)·D_c + S_c·(F0_c·a + b), F0_c = 0.04(1 − m) + A_c·m:
//   ∂/∂A_c = (1 − m)·D_c + S_c·m·a          ∂/∂m = Σ_c −A_c·D_c + S_c·a·(A_c − 0.04)
//   ∂/∂r   = Σ_c ∂S_c/∂r·(F0_c·a + b) + S_c·(F0_c·∂a/∂r + ∂b/∂r),  ∂S_c/∂r = V_R·∂P_c/∂r + ∂V_R/∂r·(P_c − σ_c·I_R)
//   ∂/∂E_c = A_c(1 − m)·V,  ∂/∂P_c = V_R·(F0_c·a + b)
//   ∂/∂I = Σ_c A_c(1 − m)(1 − V)σ_c,  ∂/∂I_R = Σ_c (F0_c·a + b)(1 − V_R)σ_c, each where its SH is ≥ 0 (the clamp), 0 below
// Material gradients are added to ∂L/∂(G-buffer sums) (÷ O, as m = sum / O); light gradients are scattered with
// atomics through the very taps the forward read: prefiltered texels, irradiance texels, irradiance-volume
// coefficients. Positions and the occlusion are constants here (the material stage keeps geometry fixed); the forward
// hands over V, I, V_R, I_R and ∂V_R/∂r per pixel. With
// NORMAL_GRADIENTS (--normal-lr), ∂L/∂n by central differences along two tangents (common/normal_difference.glsl),
// with V, I, V_R and I_R held (the degree-3 occlusion SH and the degree-2 volume vary slowly with n and with R).
// ∂L/∂(normal sums) = ∂L/∂n ÷ |sum|, as n = sum / |sum| and ∂L/∂n lies in the tangent plane.
// With traced reflections (SHADE_REFLECTIONS) the specular light is S' = (1 − w)·S + w·H, H the radiance the forward's
// hit sent back and w = h·reflection_weight(r) (h its coverage), both held like V: S' replaces S above,
// ∂S'/∂r = (1 − w)·∂S/∂r + h·∂weight/∂r·(H − S), and the specular light's gradients are scaled by 1 − w.
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_shader_atomic_float : require
#include "light/split_sum.glsl"
#include "light/irradiance_volume.glsl"
#include "light/gbuffer.glsl"
#include "light/reflection_hits.glsl"
#include "common/normal_difference.glsl"
#define SHADE_FRAME_BINDING 0
#include "light/shade_frame.glsl"
layout(local_size_x = 16, local_size_y = 16) in;
layout(constant_id = 0) const bool NORMAL_GRADIENTS = false;

layout(std430, binding = 1) readonly buffer Features { float features[]; };             // [8, H, W] Σ w·f
layout(std430, binding = 2) readonly buffer PixelDepth { float pixel_depth[]; };        // [H, W]
layout(std430, binding = 3) readonly buffer PixelOpacity { float pixel_opacity[]; };    // [H, W]
layout(std430, binding = 4) readonly buffer Prefiltered { float prefiltered[]; };       // [chain texels, 3]
layout(std430, binding = 5) readonly buffer IrradianceCube { float irradiance_cube[]; }; // [6, s, s, 3]
layout(std430, binding = 6) readonly buffer Dfg { vec2 dfg[]; };                        // [256, 256]
layout(std430, binding = 7) readonly buffer Occlusion { float occlusion[]; };           // [H, W] V of the forward
layout(std430, binding = 8) readonly buffer Indirect { float indirect[]; };             // [H, W] I of the forward
layout(std430, binding = 9) readonly buffer GradShaded { float grad_shaded[]; };        // [3, H, W]
layout(std430, binding = 10) buffer GradFeatures { float grad_features[]; };            // [8, H, W] +=
layout(std430, binding = 11) buffer GradPrefiltered { float grad_prefiltered[]; };      // [chain texels, 3] +=
layout(std430, binding = 12) buffer GradIrradianceCube { float grad_irradiance_cube[]; }; // [6, s, s, 3] +=
layout(std430, binding = 13) buffer GradIrradianceVolume { float grad_irradiance_volume[]; }; // [res³, 9] +=
layout(std430, binding = 14) readonly buffer IrradianceVolume { float irradiance_volume[]; }; // [res³, 9]
layout(std430, binding = 15) readonly buffer SpecularOcclusion { float specular_occlusion[]; }; // [H, W] V_R of the forward
layout(std430, binding = 16) readonly buffer SpecularIndirect { float specular_indirect[]; };   // [H, W] I_R of the forward
layout(std430, binding = 17) readonly buffer SpecularOcclusionSlope { float specular_occlusion_slope[]; }; // [H, W] ∂V_R/∂r
layout(std430, binding = 18) readonly buffer ReflectionHits { float reflection_hits[]; };         // [10, H, W] of the forward's trace
layout(std430, binding = 19) readonly buffer ReflectionRadiance { float reflection_radiance[]; }; // [3, H, W] H of the forward

float gbuffer_channel(uint channel, uint pixel) { return features[channel * shade.width * shade.height + pixel]; }
float gbuffer_depth(uint pixel) { return pixel_depth[pixel]; }
float gbuffer_opacity(uint pixel) { return pixel_opacity[pixel]; }
vec3 environment_prefiltered_texel(uint i) { return vec3(prefiltered[3u * i], prefiltered[3u * i + 1u], prefiltered[3u * i + 2u]); }
vec3 environment_irradiance_texel(uint i) { return vec3(irradiance_cube[3u * i], irradiance_cube[3u * i + 1u], irradiance_cube[3u * i + 2u]); }
vec2 environment_dfg_texel(uint i) { return dfg[i]; }
float irradiance_volume_coefficient(uint cell, uint k) { return irradiance_volume[IRRADIANCE_COEFFICIENTS * cell + k]; }
float reflection_hit_channel(uint channel, uint pixel) { return reflection_hits[channel * shade.width * shade.height + pixel]; }

// The terms the forward blended the environment with, per pixel.
struct Occluded {
    float visibility;          // V
    float indirect;            // I
    float specularVisibility;  // V_R
    float specularIndirect;    // I_R
    float reflectionShare;     // w (0 without traced reflections)
    vec3 reflected;            // H
};

// The shaded colour with normal n and the rest of the surface, the occlusion terms as the forward had them.
vec3 shade_with_normal(vec3 n, Surface s, Occluded o, EnvironmentLayout env) {
    vec3 diffuseLight = shade_occluded_light(split_sum_irradiance(n, env), o.visibility, o.indirect);
    vec3 specularLight = shade_occluded_light(split_sum_prefiltered(split_sum_reflect(n, s.view), s.roughness, env),
                                              o.specularVisibility, o.specularIndirect);
    specularLight = mix(specularLight, o.reflected, o.reflectionShare);
    return split_sum_combine(s.albedo, s.metallic, diffuseLight, specularLight, split_sum_dfg(dot(n, s.view), s.roughness));
}

// ∂L/∂n (tangent to n) for upstream gradient g, by central differences along two tangents.
vec3 normal_gradient(vec3 g, Surface s, Occluded o, EnvironmentLayout env) {
    vec3 t1, t2;
    normal_tangents(s.normal, t1, t2);
    vec3 gradient = vec3(0.0);
    for (uint k = 0u; k < 2u; ++k) {
        vec3 t = k == 0u ? t1 : t2;
        vec3 plus = shade_with_normal(normal_turned(s.normal, t, 1.0), s, o, env);
        vec3 minus = shade_with_normal(normal_turned(s.normal, t, -1.0), s, o, env);
        gradient += t * (dot(g, plus - minus) / (2.0 * NORMAL_DIFFERENCE_STEP));
    }
    return gradient;
}

// Adds dValue·(corner weight)·basis(d) to the irradiance-volume coefficients of the corners, where the blended SH
// toward d is ≥ 0 (the forward clamps it: no gradient below).
void scatter_irradiance_volume(ProbeCorners corners, vec3 d, float dValue) {
    float basis[16];
    sh_basis(2u, d, basis);
    if (dValue == 0.0 || irradiance_volume_sum(corners, basis) < 0.0) {
        return;
    }
    for (uint c = 0u; c < 8u; ++c) {
        if (corners.weight[c] > 0.0) {
            for (uint k = 0u; k < IRRADIANCE_COEFFICIENTS; ++k) {
                atomicAdd(grad_irradiance_volume[IRRADIANCE_COEFFICIENTS * corners.cell[c] + k], dValue * corners.weight[c] * basis[k]);
            }
        }
    }
}

void main() {
    uvec2 pixel = gl_GlobalInvocationID.xy;
    if (pixel.x >= shade.width || pixel.y >= shade.height) {
        return;
    }
    uint index = pixel.y * shade.width + pixel.x;
    uint plane = shade.width * shade.height;
    Surface s;
    if (!gbuffer_surface(pixel, index, shade.worldFromView, shade.intrinsics, shade.cameraPosition, s)) {
        return;
    }
    vec3 g = vec3(grad_shaded[index], grad_shaded[plane + index], grad_shaded[2u * plane + index]);
    if (g == vec3(0.0)) {
        return;
    }
    EnvironmentLayout env = EnvironmentLayout(shade.environmentBaseSize, shade.environmentLevels);
    float hitCoverage = 0.0;
    vec3 reflected = vec3(0.0);
    if ((shade.flags & SHADE_REFLECTIONS) != 0u) {
        hitCoverage = reflection_hit_channel(REFLECTION_HIT_COVERAGE, index);
        hitCoverage = hitCoverage > GBUFFER_MIN_COVERAGE ? hitCoverage : 0.0;  // the forward's reflection_hit_surface
        reflected = vec3(reflection_radiance[index], reflection_radiance[plane + index], reflection_radiance[2u * plane + index]);
    }
    float share = hitCoverage * reflection_weight(s.roughness);
    Occluded o = Occluded(occlusion[index], indirect[index], specular_occlusion[index], specular_indirect[index], share, reflected);
    vec3 sigma = shade.indirectScale.rgb;
    float n_dot_v = dot(s.normal, s.view);
    vec3 r = split_sum_reflect(s.normal, s.view);
    vec3 diffuseLight = shade_occluded_light(split_sum_irradiance(s.normal, env), o.visibility, o.indirect);
    vec3 prefilteredLight = split_sum_prefiltered(r, s.roughness, env);
    vec3 environmentSpecular = shade_occluded_light(prefilteredLight, o.specularVisibility, o.specularIndirect);
    vec3 specularLight = mix(environmentSpecular, reflected, share);
    vec2 ab = split_sum_dfg(n_dot_v, s.roughness);
    vec3 f0 = split_sum_f0(s.albedo, s.metallic);
    vec3 reflectance = f0 * ab.x + ab.y;

    vec3 dAlbedo = g * ((1.0 - s.metallic) * diffuseLight + specularLight * s.metallic * ab.x);
    float dMetallic = dot(g, -s.albedo * diffuseLight + specularLight * ab.x * (s.albedo - SPLIT_SUM_DIELECTRIC_F0));
    vec3 dSpecularDr = o.specularVisibility * split_sum_prefiltered_roughness_derivative(r, s.roughness, env);
    dSpecularDr += specular_occlusion_slope[index] * (prefilteredLight - sigma * o.specularIndirect);  // 0 unless occluded
    dSpecularDr = (1.0 - share) * dSpecularDr + hitCoverage * reflection_weight_slope(s.roughness) * (reflected - environmentSpecular);
    vec2 dAbDr = split_sum_dfg_roughness_derivative(n_dot_v, s.roughness);
    float dRoughness = dot(g, dSpecularDr * reflectance + specularLight * (f0 * dAbDr.x + dAbDr.y));
    float inverseCoverage = 1.0 / s.coverage;
    grad_features[(GBUFFER_ALBEDO) * plane + index] += dAlbedo.r * inverseCoverage;
    grad_features[(GBUFFER_ALBEDO + 1u) * plane + index] += dAlbedo.g * inverseCoverage;
    grad_features[(GBUFFER_ALBEDO + 2u) * plane + index] += dAlbedo.b * inverseCoverage;
    grad_features[GBUFFER_ROUGHNESS * plane + index] += dRoughness * inverseCoverage;
    grad_features[GBUFFER_METALLIC * plane + index] += dMetallic * inverseCoverage;
    if (NORMAL_GRADIENTS) {
        vec3 sum = vec3(features[GBUFFER_NORMAL * plane + index], features[(GBUFFER_NORMAL + 1u) * plane + index],
                        features[(GBUFFER_NORMAL + 2u) * plane + index]);
        float sumLength = sqrt(dot(sum, sum));
        if (sumLength > 1e-10) {
            vec3 dNormal = normal_gradient(g, s, o, env) / sumLength;
            grad_features[GBUFFER_NORMAL * plane + index] += dNormal.x;
            grad_features[(GBUFFER_NORMAL + 1u) * plane + index] += dNormal.y;
            grad_features[(GBUFFER_NORMAL + 2u) * plane + index] += dNormal.z;
        }
    }

    vec3 dSpecular = g * reflectance * o.specularVisibility * (1.0 - share);
    ChainTaps specularTaps = split_sum_specular_taps(r, s.roughness, env);
    for (uint k = 0u; k < 8u; ++k) {
        if (specularTaps.weight[k] != 0.0) {
            uint t = specularTaps.index[k];
            atomicAdd(grad_prefiltered[3u * t], specularTaps.weight[k] * dSpecular.r);
            atomicAdd(grad_prefiltered[3u * t + 1u], specularTaps.weight[k] * dSpecular.g);
            atomicAdd(grad_prefiltered[3u * t + 2u], specularTaps.weight[k] * dSpecular.b);
        }
    }
    vec3 diffuseScale = g * s.albedo * (1.0 - s.metallic);
    vec3 dIrradiance = diffuseScale * o.visibility;
    CubeTaps irradianceTaps = split_sum_irradiance_taps(s.normal, env);
    for (uint k = 0u; k < 4u; ++k) {
        if (irradianceTaps.weight[k] != 0.0) {
            uint t = irradianceTaps.index[k];
            atomicAdd(grad_irradiance_cube[3u * t], irradianceTaps.weight[k] * dIrradiance.r);
            atomicAdd(grad_irradiance_cube[3u * t + 1u], irradianceTaps.weight[k] * dIrradiance.g);
            atomicAdd(grad_irradiance_cube[3u * t + 2u], irradianceTaps.weight[k] * dIrradiance.b);
        }
    }
    if ((shade.flags & SHADE_INDIRECT) != 0u) {
        ProbeCorners corners = irradiance_volume_corners(s.position, s.normal,
                                                         IrradianceVolumeLayout(shade.irradianceResolution, shade.irradianceBound));
        scatter_irradiance_volume(corners, s.normal, (1.0 - o.visibility) * dot(diffuseScale, sigma));
        scatter_irradiance_volume(corners, r, (1.0 - o.specularVisibility) * (1.0 - share) * dot(g * reflectance, sigma));
    }
}
