#version 460
// The viewer's final pass (and the headless render's): one view mode of the shaded G-buffer over the environment or
// a colour, through exposure, tone mapping and sRGB, packed to RGBA8. Background pixels look the environment up in
// its radiance chain at a blur level, along the camera ray (the ShadeFrame uniforms of the shading pass).
#extension GL_GOOGLE_include_directive : require
#include "common/tone_map.glsl"
#include "light/cubemap.glsl"
#include "light/gbuffer.glsl"
#include "light/prefilter.glsl"
#define SHADE_FRAME_BINDING 0
#include "light/shade_frame.glsl"
layout(local_size_x = 16, local_size_y = 16) in;

const uint MODE_SHADED = 0u, MODE_ALBEDO = 1u, MODE_NORMAL = 2u, MODE_ROUGHNESS = 3u, MODE_METALLIC = 4u;
const uint MODE_OCCLUSION = 5u, MODE_INDIRECT = 6u, MODE_DEPTH = 7u, MODE_RADIANCE = 8u;

layout(push_constant) uniform Composite {
    uint mode;
    uint aces;                // 1: ACES filmic, 0: clip
    float exposureScale;      // 2^EV
    uint environmentBackground; // 1: the environment, 0: the colour below
    float backgroundR;
    float backgroundG;
    float backgroundB;
    float blurLevel;          // radiance-chain level the background is read at
    float depthFar;           // depth shown white
    uint bgra;                // 1: pack B, G, R, A (the window's byte order)
} pass;

layout(std430, binding = 1) readonly buffer Shaded { float shaded[]; };               // [3, H, W] linear
layout(std430, binding = 2) readonly buffer Features { float features[]; };           // [8, H, W]
layout(std430, binding = 3) readonly buffer PixelOpacity { float pixel_opacity[]; };  // [H, W]
layout(std430, binding = 4) readonly buffer PixelDepth { float pixel_depth[]; };      // [H, W]
layout(std430, binding = 5) readonly buffer Occlusion { float occlusion[]; };         // [H, W]
layout(std430, binding = 6) readonly buffer Indirect { float indirect[]; };           // [H, W]
layout(std430, binding = 7) readonly buffer RadianceColor { float radiance_color[]; }; // [3, H, W] SH colour, display
layout(std430, binding = 8) readonly buffer Environment { float environment[]; };     // [chain texels, 3] radiance
layout(std430, binding = 9) writeonly buffer Display { uint display[]; };             // [H, W] RGBA8

vec3 environment_background(uvec2 pixel) {
    vec2 xy = (vec2(pixel) + 0.5 - shade.intrinsics.zw) / shade.intrinsics.xy;
    vec3 direction = normalize((shade.worldFromView * vec4(xy, 1.0, 0.0)).xyz);
    float lod = clamp(pass.blurLevel, 0.0, float(shade.environmentLevels - 1u));
    ChainTaps taps = chain_trilinear_taps(direction, lod, shade.environmentBaseSize, shade.environmentLevels);
    vec3 sum = vec3(0.0);
    for (uint k = 0u; k < 8u; ++k) {
        uint t = taps.index[k];
        sum += taps.weight[k] * vec3(environment[3u * t], environment[3u * t + 1u], environment[3u * t + 2u]);
    }
    return sum;
}

uint pack_rgba8(vec3 c) {
    uvec3 v = uvec3(round(clamp(c, 0.0, 1.0) * 255.0));
    v = pass.bgra != 0u ? v.bgr : v;
    return v.r | (v.g << 8) | (v.b << 16) | (255u << 24);
}

vec3 channel3(uint first, uint p, uint plane) {
    return vec3(features[first * plane + p], features[(first + 1u) * plane + p], features[(first + 2u) * plane + p]);
}

void main() {
    uvec2 pixel = gl_GlobalInvocationID.xy;
    if (pixel.x >= shade.width || pixel.y >= shade.height) {
        return;
    }
    uint plane = shade.width * shade.height;
    uint p = pixel.y * shade.width + pixel.x;
    float o = clamp(pixel_opacity[p], 0.0, 1.0);
    float inverse = o > GBUFFER_MIN_COVERAGE ? 1.0 / o : 0.0;
    vec3 background = pass.environmentBackground != 0u ? environment_background(pixel)
                                                       : vec3(pass.backgroundR, pass.backgroundG, pass.backgroundB);
    vec3 shown;
    if (pass.mode == MODE_SHADED) {
        vec3 radiance = vec3(shaded[p], shaded[plane + p], shaded[2u * plane + p]);
        shown = display_transform(radiance * o + background * (1.0 - o), pass.exposureScale, pass.aces != 0u);
    } else if (pass.mode == MODE_RADIANCE) { // SH colour is already display space
        vec3 color = vec3(radiance_color[p], radiance_color[plane + p], radiance_color[2u * plane + p]);
        vec3 under = pass.environmentBackground != 0u ? display_transform(background, pass.exposureScale, pass.aces != 0u)
                                                      : background;
        shown = color + under * (1.0 - o); // the rasterizer composited over black
    } else {
        vec3 value;
        if (pass.mode == MODE_ALBEDO) {
            vec3 a = channel3(GBUFFER_ALBEDO, p, plane) * inverse;
            value = vec3(srgb_encode(a.r), srgb_encode(a.g), srgb_encode(a.b));
        } else if (pass.mode == MODE_NORMAL) {
            vec3 n = channel3(GBUFFER_NORMAL, p, plane);
            value = dot(n, n) > 1e-20 ? 0.5 + 0.5 * normalize(n) : vec3(0.5);
        } else if (pass.mode == MODE_ROUGHNESS) {
            value = vec3(features[GBUFFER_ROUGHNESS * plane + p] * inverse);
        } else if (pass.mode == MODE_METALLIC) {
            value = vec3(features[GBUFFER_METALLIC * plane + p] * inverse);
        } else if (pass.mode == MODE_OCCLUSION) {
            value = vec3(occlusion[p]);
        } else if (pass.mode == MODE_INDIRECT) {
            value = display_transform(vec3(indirect[p]), pass.exposureScale, pass.aces != 0u);
        } else {
            value = vec3(clamp(pixel_depth[p] / pass.depthFar, 0.0, 1.0));
        }
        shown = value * o + vec3(pass.backgroundR, pass.backgroundG, pass.backgroundB) * (1.0 - o);
    }
    display[p] = pack_rgba8(shown);
}
