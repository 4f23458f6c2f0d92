// Display transforms: exposure, ACES filmic tone mapping (Narkowicz's fit of the ACES RRT+ODT), sRGB encoding.
#ifndef SPLATLIGHT_TONE_MAP_GLSL
#define SPLATLIGHT_TONE_MAP_GLSL

#include "common/srgb.glsl"

vec3 aces_filmic(vec3 x) {
    return clamp((x * (2.51 * x + 0.03)) / (x * (2.43 * x + 0.59) + 0.14), 0.0, 1.0);
}

// Linear radiance → display sRGB in [0, 1]: × 2^exposure, then ACES or a plain clip, then the sRGB curve.
vec3 display_transform(vec3 linear, float exposureScale, bool aces) {
    vec3 x = max(linear * exposureScale, vec3(0.0));
    x = aces ? aces_filmic(x) : min(x, vec3(1.0));
    return vec3(srgb_encode(x.r), srgb_encode(x.g), srgb_encode(x.b));
}

#endif
