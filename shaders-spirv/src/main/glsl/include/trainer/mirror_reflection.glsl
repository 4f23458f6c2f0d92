// The geometry stage's deferred reflection (after 3DGS-DR): a pixel's colour is
//   C = (1 − R)·C_splats + R·E(reflect(d, n)),
// R the blended reflection strength, n the normalised blended normal, d the pixel's ray and E a learned mirror
// environment, a cube of log radiance θ [6, s, s, 3] read bilinearly as Σ w_k·exp θ_k. A mirror can then be a
// smooth surface showing a reflection rather than a window onto a scene painted inside it, which is what plain
// 3DGS makes of it (and what the material stage cannot undo). The program defines SPLAT_FRAME_BINDING and
// mirror_log_radiance(i) (θ's float i) before including this file.
// Java twin: the test-side ReferenceMirrorReflection.
#ifndef SPLATLIGHT_MIRROR_REFLECTION_GLSL
#define SPLATLIGHT_MIRROR_REFLECTION_GLSL
#include "splat/frame.glsl"
#include "light/cubemap.glsl"

const uint MIRROR_STRENGTH_CHANNEL = 3u;  // feature channels: normal sums 0–2, reflection strength 3
const uint MIRROR_FEATURE_CHANNELS = 4u;

float mirror_log_radiance(uint i);

// The ray through pixel (x, y) in camera space, scaled to z = 1: times a depth z, the point there.
vec3 mirror_pixel_camera_ray(uvec2 pixel) {
    return vec3((float(pixel.x) + 0.5 - frame.cx) / frame.fx, (float(pixel.y) + 0.5 - frame.cy) / frame.fy, 1.0);
}

// World direction of the ray through pixel (x, y) (viewFromWorld is rigid, so its inverse rotation is its transpose).
vec3 mirror_pixel_ray(uvec2 pixel) {
    return normalize(transpose(mat3(frame.viewFromWorld)) * mirror_pixel_camera_ray(pixel));
}

// The ray reflected about n; the same for n and −n, so the normals' orientation does not matter.
vec3 mirror_reflect(vec3 d, vec3 n) {
    return d - 2.0 * dot(d, n) * n;
}

vec3 mirror_environment(vec3 direction, uint size) {
    CubeTaps taps = cube_bilinear_taps(direction, size, 0u);
    vec3 radiance = vec3(0.0);
    for (uint k = 0u; k < 4u; ++k) {
        uint t = 3u * taps.index[k];
        radiance += taps.weight[k] * exp(vec3(mirror_log_radiance(t), mirror_log_radiance(t + 1u), mirror_log_radiance(t + 2u)));
    }
    return radiance;
}

#endif
