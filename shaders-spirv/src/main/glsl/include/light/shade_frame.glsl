// The uniforms of G-buffer shading (light/shade_gbuffer.comp and its backward): the camera and where the light's
// parts live. The program defines SHADE_FRAME_BINDING before including this file.
#ifndef SPLATLIGHT_SHADE_FRAME_GLSL
#define SPLATLIGHT_SHADE_FRAME_GLSL

#include "light/gbuffer.glsl"

const uint SHADE_OCCLUSION = 1u;
const uint SHADE_INDIRECT = 2u;
const uint SHADE_SPECULAR_OCCLUSION = 4u;  // the specular lobe is occluded too (needs SHADE_OCCLUSION)
const uint SHADE_REFLECTIONS = 8u;         // traced reflections of the scene replace part of the specular light

layout(std140, binding = SHADE_FRAME_BINDING) uniform ShadeFrame {
    mat4 worldFromView;
    vec4 intrinsics;           // fx, fy, cx, cy
    vec3 cameraPosition;
    uint width;
    uint height;
    uint environmentBaseSize;
    uint environmentLevels;
    uint occlusionResolution;
    float occlusionBound;
    uint irradianceResolution;
    float irradianceBound;
    uint flags;                // SHADE_OCCLUSION | SHADE_INDIRECT | SHADE_SPECULAR_OCCLUSION | SHADE_REFLECTIONS
    vec4 indirectScale;        // rgb: the indirect term's scale (1 under the light it was learned with)
    vec4 overrideAlbedo;       // rgb replaces every albedo when w > 0 (the viewer's material preview)
    vec4 overrideMaterial;     // x roughness when z > 0, y metallic when w > 0
} shade;

// The viewer's material preview: the frame's override values replace a surface's where set.
void shade_apply_overrides(inout Surface s) {
    s.albedo = shade.overrideAlbedo.w > 0.0 ? shade.overrideAlbedo.rgb : s.albedo;
    s.roughness = shade.overrideMaterial.z > 0.0 ? shade.overrideMaterial.x : s.roughness;
    s.metallic = shade.overrideMaterial.w > 0.0 ? shade.overrideMaterial.y : s.metallic;
}

// Light reaching a surface past its surroundings: the environment's share `visibility`, and the rest from the
// indirect term (grey, learned under the training light; relighting scales it by indirectScale).
vec3 shade_occluded_light(vec3 environment, float visibility, float indirect_light) {
    return environment * visibility + (1.0 - visibility) * indirect_light * shade.indirectScale.rgb;
}

#endif
