#version 460
// Deferred split-sum shading of the material G-buffer (design.md §2, shared by the material stage, evaluation and
// the viewer): per covered pixel, linear radiance
//   albedo·(1 − metallic)·(E_env(n)·V + (1 − V)·σ·I(p, n)) + (prefiltered(R, roughness)·V_R + (1 − V_R)·σ·I(p, R))·(F0·A + B)
// with V the baked occlusion, I the learned indirect irradiance, σ its scale (indirectScale) and V_R the occlusion
// of the specular lobe around R (each optional: V = V_R = 1, I = 0 when off; V_R = 1 unless SHADE_SPECULAR_OCCLUSION).
// With SHADE_REFLECTIONS the specular light gives the share h·reflection_weight(roughness) to the surface the traced
// reflected ray met (light/trace_reflections.comp, coverage h), shaded the same way seen from along R.
// Uncovered pixels get 0; compositing over a background is the caller's.
#extension GL_GOOGLE_include_directive : require
#include "light/split_sum.glsl"
#include "light/occlusion.glsl"
#include "light/irradiance_volume.glsl"
#include "light/gbuffer.glsl"
#include "light/reflection_hits.glsl"
#define SHADE_FRAME_BINDING 0
#include "light/shade_frame.glsl"
layout(local_size_x = 16, local_size_y = 16) in;

layout(std430, binding = 1) readonly buffer Features { float features[]; };             // [8, H, W] Σ w·f
layout(std430, binding = 2) readonly buffer PixelDepth { float pixel_depth[]; };        // [H, W]
layout(std430, binding = 3) readonly buffer PixelOpacity { float pixel_opacity[]; };    // [H, W]
layout(std430, binding = 4) readonly buffer Prefiltered { float prefiltered[]; };       // [chain texels, 3]
layout(std430, binding = 5) readonly buffer IrradianceCube { float irradiance_cube[]; }; // [6, s, s, 3]
layout(std430, binding = 6) readonly buffer Dfg { vec2 dfg[]; };                        // [256, 256]
layout(std430, binding = 7) readonly buffer OcclusionSlots { int occlusion_slots[]; };  // [res³] slot or −1
layout(std430, binding = 8) readonly buffer OcclusionCoefficients { float occlusion_probe_sh[]; }; // [P, 16]
layout(std430, binding = 9) readonly buffer IrradianceVolume { float irradiance_volume[]; };           // [res³, 9]
layout(std430, binding = 10) writeonly buffer Shaded { float shaded[]; };               // [3, H, W] linear
layout(std430, binding = 11) writeonly buffer Occlusion { float occlusion[]; };         // [H, W] V
layout(std430, binding = 12) writeonly buffer Indirect { float indirect[]; };           // [H, W] I
layout(std430, binding = 13) writeonly buffer SpecularOcclusion { float specular_occlusion[]; }; // [H, W] V_R
layout(std430, binding = 14) writeonly buffer SpecularIndirect { float specular_indirect[]; };   // [H, W] I(p, R)
layout(std430, binding = 15) writeonly buffer SpecularOcclusionSlope { float specular_occlusion_slope[]; }; // [H, W] ∂V_R/∂roughness
layout(std430, binding = 16) readonly buffer ReflectionHits { float reflection_hits[]; }; // [REFLECTION_HIT_CHANNELS, H, W]
layout(std430, binding = 17) writeonly buffer ReflectionRadiance { float reflection_radiance[]; }; // [3, H, W] what the hit sends back

float gbuffer_channel(uint channel, uint pixel) { return features[channel * shade.width * shade.height + pixel]; }
float gbuffer_depth(uint pixel) { return pixel_depth[pixel]; }
float gbuffer_opacity(uint pixel) { return pixel_opacity[pixel]; }
vec3 environment_prefiltered_texel(uint i) { return vec3(prefiltered[3u * i], prefiltered[3u * i + 1u], prefiltered[3u * i + 2u]); }
vec3 environment_irradiance_texel(uint i) { return vec3(irradiance_cube[3u * i], irradiance_cube[3u * i + 1u], irradiance_cube[3u * i + 2u]); }
vec2 environment_dfg_texel(uint i) { return dfg[i]; }
int occlusion_probe_slot(uint cell) { return occlusion_slots[cell]; }
float occlusion_probe_coefficient(uint slot, uint k) { return occlusion_probe_sh[16u * slot + k]; }
float irradiance_volume_coefficient(uint cell, uint k) { return irradiance_volume[IRRADIANCE_COEFFICIENTS * cell + k]; }
float reflection_hit_channel(uint channel, uint pixel) { return reflection_hits[channel * shade.width * shade.height + pixel]; }

// The light reaching surface s past its surroundings, as the flags say: the environment's diffuse light past its
// occlusion V and the indirect light I, and its prefiltered light at r, past the lobe's occlusion V_R only when
// `lobe` (a pixel's own lobe; a traced hit's is not occluded).
struct SurfaceLight {
    vec3 diffuse;
    vec3 specular;
    float visibility;          // V
    float indirect;            // I
    float specularVisibility;  // V_R
    float specularIndirect;    // I_R
    float specularSlope;       // ∂V_R/∂roughness
};

SurfaceLight surface_light(Surface s, vec3 r, EnvironmentLayout env, bool lobe) {
    SurfaceLight l = SurfaceLight(vec3(0.0), vec3(0.0), 1.0, 0.0, 1.0, 0.0, 0.0);
    float coefficients[16];
    if ((shade.flags & SHADE_OCCLUSION) != 0u
            && occlusion_coefficients(s.position, s.normal, OcclusionLayout(shade.occlusionResolution, shade.occlusionBound), coefficients)) {
        l.visibility = occlusion_visibility(coefficients, s.normal);
        if (lobe) {
            l.specularVisibility = occlusion_lobe_visibility(coefficients, r, s.roughness, l.specularSlope);
        }
    }
    if ((shade.flags & SHADE_INDIRECT) != 0u) {
        IrradianceVolumeLayout volume = IrradianceVolumeLayout(shade.irradianceResolution, shade.irradianceBound);
        l.indirect = irradiance_volume_at(s.position, s.normal, volume);
        if (l.specularVisibility < 1.0) {
            l.specularIndirect = irradiance_volume_toward(s.position, s.normal, r, volume);
        }
    }
    l.diffuse = shade_occluded_light(split_sum_irradiance(s.normal, env), l.visibility, l.indirect);
    l.specular = shade_occluded_light(split_sum_prefiltered(r, s.roughness, env), l.specularVisibility, l.specularIndirect);
    return l;
}

void main() {
    uvec2 pixel = gl_GlobalInvocationID.xy;
    if (pixel.x >= shade.width || pixel.y >= shade.height) {
        return;
    }
    uint index = pixel.y * shade.width + pixel.x;
    uint plane = shade.width * shade.height;
    Surface s;
    vec3 color = vec3(0.0);
    SurfaceLight light = SurfaceLight(vec3(0.0), vec3(0.0), 1.0, 0.0, 1.0, 0.0, 0.0);
    vec3 reflected = vec3(0.0);
    if (gbuffer_surface(pixel, index, shade.worldFromView, shade.intrinsics, shade.cameraPosition, s)) {
        shade_apply_overrides(s);
        EnvironmentLayout env = EnvironmentLayout(shade.environmentBaseSize, shade.environmentLevels);
        vec3 r = split_sum_reflect(s.normal, s.view);
        light = surface_light(s, r, env, (shade.flags & SHADE_SPECULAR_OCCLUSION) != 0u);
        vec3 specularLight = light.specular;
        Surface hit;
        if ((shade.flags & SHADE_REFLECTIONS) != 0u && reflection_hit_surface(index, s.position, r, hit)) {
            shade_apply_overrides(hit);  // a preview material is the whole scene's, reflected too
            SurfaceLight seen = surface_light(hit, split_sum_reflect(hit.normal, hit.view), env, false);
            reflected = split_sum_combine(hit.albedo, hit.metallic, seen.diffuse, seen.specular,
                                          split_sum_dfg(dot(hit.normal, hit.view), hit.roughness));
            specularLight = mix(specularLight, reflected, hit.coverage * reflection_weight(s.roughness));
        }
        color = split_sum_combine(s.albedo, s.metallic, light.diffuse, specularLight, split_sum_dfg(dot(s.normal, s.view), s.roughness));
    }
    shaded[index] = color.r;
    shaded[plane + index] = color.g;
    shaded[2u * plane + index] = color.b;
    occlusion[index] = light.visibility;
    indirect[index] = light.indirect;
    specular_occlusion[index] = light.specularVisibility;
    specular_indirect[index] = light.specularIndirect;
    specular_occlusion_slope[index] = light.specularSlope;  // for the material stage's backward
    if ((shade.flags & SHADE_REFLECTIONS) != 0u) {      // the backward holds it, as it holds V
        reflection_radiance[index] = reflected.r;
        reflection_radiance[plane + index] = reflected.g;
        reflection_radiance[2u * plane + index] = reflected.b;
    }
}
