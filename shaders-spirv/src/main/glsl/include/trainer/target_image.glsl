// Training photos live on the GPU as packed RGBA8 (R in the low byte), sRGB-encoded with straight alpha, and are
// composited over the background here, in display space, as 3DGS does: rgb·a + background·(1 − a).
#ifndef SPLATLIGHT_TARGET_IMAGE_GLSL
#define SPLATLIGHT_TARGET_IMAGE_GLSL

vec4 unpack_rgba8(uint packed) {
    return vec4(packed & 0xFFu, (packed >> 8) & 0xFFu, (packed >> 16) & 0xFFu, packed >> 24) / 255.0;
}

vec3 target_color(uint packed, vec3 background) {
    vec4 rgba = unpack_rgba8(packed);
    return rgba.rgb * rgba.a + background * (1.0 - rgba.a);
}

// Edge-aware smoothness weight of a pixel pair (GS-IR): exp(−mean_c |I(a) − I(b)|) of the composited photo, so the
// smoothed quantity may change across the photo's own edges.
float target_edge_weight(uint packedA, uint packedB, vec3 background) {
    vec3 d = abs(target_color(packedA, background) - target_color(packedB, background));
    return exp(-(d.x + d.y + d.z) / 3.0);
}

#endif
