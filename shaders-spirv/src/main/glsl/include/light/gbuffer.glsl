// The material G-buffer the splat rasterizer blends in the material stage and the viewer: per pixel, planar
// [GBUFFER_CHANNELS, H, W] sums Σ w·f of each Gaussian's normal, albedo, roughness and metallic, beside the
// blended depth D (camera z) and opacity O = Σ w. A surface's material is the sums divided by O (edges of partial
// coverage keep the material of what covers them); its normal the normalised sum.
#ifndef SPLATLIGHT_GBUFFER_GLSL
#define SPLATLIGHT_GBUFFER_GLSL

const uint GBUFFER_NORMAL = 0u;     // 3 channels
const uint GBUFFER_ALBEDO = 3u;     // 3 channels
const uint GBUFFER_ROUGHNESS = 6u;
const uint GBUFFER_METALLIC = 7u;
const uint GBUFFER_CHANNELS = 8u;
const float GBUFFER_MIN_COVERAGE = 1e-4;  // pixels below this opacity hold no surface

struct Surface {
    vec3 position;   // world
    vec3 normal;     // world, unit
    vec3 view;       // unit, from the surface towards the eye
    vec3 albedo;
    float roughness;
    float metallic;
    float coverage;  // O
};

float gbuffer_channel(uint channel, uint pixel);  // Σ w·f of a channel at a pixel index
float gbuffer_depth(uint pixel);
float gbuffer_opacity(uint pixel);

// World position of pixel (x, y) at camera depth z, for a camera with +x right, +y down, +z forward.
vec3 gbuffer_world_position(uvec2 pixel, float z, mat4 worldFromView, vec4 intrinsics) {
    vec2 xy = (vec2(pixel) + 0.5 - intrinsics.zw) / intrinsics.xy * z;
    return (worldFromView * vec4(xy, z, 1.0)).xyz;
}

// The material of blended sums Σ w·f over coverage s.coverage (set): normal normalised (`fallback` where the sum is
// zero), the rest ÷ coverage. Shared by the G-buffer and the traced reflections' hits, which blend alike.
void gbuffer_decode(float sums[GBUFFER_CHANNELS], vec3 fallback, inout Surface s) {
    float inverse = 1.0 / s.coverage;
    vec3 n = vec3(sums[GBUFFER_NORMAL], sums[GBUFFER_NORMAL + 1u], sums[GBUFFER_NORMAL + 2u]);
    s.normal = dot(n, n) > 1e-20 ? normalize(n) : fallback;
    s.albedo = inverse * vec3(sums[GBUFFER_ALBEDO], sums[GBUFFER_ALBEDO + 1u], sums[GBUFFER_ALBEDO + 2u]);
    s.roughness = inverse * sums[GBUFFER_ROUGHNESS];
    s.metallic = inverse * sums[GBUFFER_METALLIC];
}

// False where nothing covers the pixel. intrinsics = (fx, fy, cx, cy).
bool gbuffer_surface(uvec2 pixel, uint index, mat4 worldFromView, vec4 intrinsics, vec3 cameraPosition, out Surface s) {
    s.coverage = gbuffer_opacity(index);
    if (!(s.coverage > GBUFFER_MIN_COVERAGE)) {
        return false;
    }
    s.position = gbuffer_world_position(pixel, gbuffer_depth(index), worldFromView, intrinsics);
    s.view = normalize(cameraPosition - s.position);
    float sums[GBUFFER_CHANNELS];
    for (uint k = 0u; k < GBUFFER_CHANNELS; ++k) {
        sums[k] = gbuffer_channel(k, index);
    }
    gbuffer_decode(sums, s.view, s);
    return true;
}

#endif
