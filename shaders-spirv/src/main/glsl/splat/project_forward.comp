#version 460
// Forward projection of each Gaussian: camera-space mean, EWA 2D covariance and its inverse (conic), pixel radius,
// tiles its ellipse reaches (splat/tile_coverage.glsl), view-dependent colour from SH, opacity; and the depth key
// that orders splats front to back.
#extension GL_GOOGLE_include_directive : require
#define SPLAT_FRAME_BINDING 0
#include "splat/frame.glsl"
#include "splat/projected_splat.glsl"
#include "splat/spherical_harmonics.glsl"
#include "splat/covariance.glsl"
#include "splat/projection.glsl"
#include "splat/tile_coverage.glsl"

layout(local_size_x = 256) in;

layout(std430, binding = 1) readonly buffer Means { float means[]; };                    // [N, 3] world
layout(std430, binding = 2) readonly buffer LogScales { float log_scales[]; };           // [N, 3]
layout(std430, binding = 3) readonly buffer Rotations { vec4 rotations[]; };             // [N] (w, x, y, z)
layout(std430, binding = 4) readonly buffer OpacityLogits { float opacity_logits[]; };   // [N]
layout(std430, binding = 5) readonly buffer ShCoefficients { float sh[]; };              // [N, 16, 3]
layout(std430, binding = 6) writeonly buffer Projected { ProjectedSplat projected[]; };  // [N]
layout(std430, binding = 7) writeonly buffer TilesTouched { uint tiles_touched[]; };     // [N]
layout(std430, binding = 8) writeonly buffer DepthKeys { uint depth_keys[]; };           // [N] camera z bits; culled: ~0
layout(std430, binding = 9) writeonly buffer SplatIndices { uint splat_indices[]; };     // [N] 0, 1, 2, … (sort values)

const uint CULLED_DEPTH_KEY = 0xFFFFFFFFu;

void cull(uint i) {
    projected[i] = ProjectedSplat(vec4(0.0), vec4(0.0), vec4(0.0));
    tiles_touched[i] = 0u;
    depth_keys[i] = CULLED_DEPTH_KEY;
}

vec3 splat_color(uint i, vec3 mean) {
    float basis[16];
    sh_basis(frame.shDegree, normalize(mean - frame.cameraPosition), basis);
    uint coefficients = (frame.shDegree + 1u) * (frame.shDegree + 1u);
    vec3 color = vec3(0.0);
    for (uint k = 0u; k < coefficients; ++k) {
        uint at = (i * 16u + k) * 3u;
        color += basis[k] * vec3(sh[at], sh[at + 1u], sh[at + 2u]);
    }
    return color + 0.5; // 3DGS offsets SH colour so that zero coefficients give mid grey
}

uint covered_tile_count(vec2 center, vec3 conic, float opacity) {
    CoverageEllipse ellipse = coverage_ellipse(center, conic, opacity);
    if (!(ellipse.level > 0.0) && !SMOOTH_TEST_MODE) {
        return 0u; // too faint to reach MIN_ALPHA anywhere
    }
    uint tiles = 0u;
    uvec2 rows = coverage_rows(ellipse, frame.tilesY);
    for (uint row = rows.x; row < rows.y; ++row) {
        uvec2 columns = coverage_columns(ellipse, row, frame.tilesX);
        tiles += max(columns.y, columns.x) - columns.x;
    }
    return tiles;
}

void main() {
    uint i = gl_GlobalInvocationID.x;
    if (i >= frame.splatCount) {
        return;
    }
    splat_indices[i] = i;
    vec3 mean = vec3(means[3u * i], means[3u * i + 1u], means[3u * i + 2u]);
    vec3 meanCamera = (frame.viewFromWorld * vec4(mean, 1.0)).xyz;
    if (meanCamera.z < frame.nearPlane) {
        cull(i);
        return;
    }
    vec3 scale = exp(vec3(log_scales[3u * i], log_scales[3u * i + 1u], log_scales[3u * i + 2u]));
    mat3 covariance = covariance_3d(scale, rotations[i]);
    vec3 covariance2d = project_covariance(meanCamera, covariance, mat3(frame.viewFromWorld),
                                           frame.fx, frame.fy, frame.tanHalfFovX, frame.tanHalfFovY);
    float determinant = covariance2d.x * covariance2d.z - covariance2d.y * covariance2d.y;
    if (!(determinant > 0.0) || isinf(determinant)) { // also culls NaN and overflowed covariances
        cull(i);
        return;
    }
    vec3 conic = vec3(covariance2d.z, -covariance2d.y, covariance2d.x) / determinant;
    float radius = splat_radius(covariance2d);
    vec2 center = vec2(frame.fx * meanCamera.x / meanCamera.z + frame.cx, frame.fy * meanCamera.y / meanCamera.z + frame.cy);
    float opacity = 1.0 / (1.0 + exp(-opacity_logits[i]));
    uint tiles = covered_tile_count(center, conic, opacity);
    if (tiles == 0u || isnan(radius) || isinf(radius) || any(isnan(center))) {
        cull(i);
        return;
    }
    vec3 color = splat_color(i, mean);
    uint clampedChannels = (color.r < 0.0 ? 1u : 0u) | (color.g < 0.0 ? 2u : 0u) | (color.b < 0.0 ? 4u : 0u);
    projected[i] = ProjectedSplat(vec4(center, meanCamera.z, radius), vec4(conic, opacity),
                                  vec4(max(color, vec3(0.0)), uintBitsToFloat(clampedChannels)));
    tiles_touched[i] = tiles;
    depth_keys[i] = floatBitsToUint(meanCamera.z); // positive floats order like their bits
}
