// Equirectangular environment maps in the datasets' (Blender's) convention — see each dataset README: for a unit
// world direction d (Z up), u = 0.5 − atan2(d.y, d.x)/2π (mod 1), v = acos(d.z)/π, origin at the top-left; bilinear
// with texel (i, j) centred at ((i + 0.5)/W, (j + 0.5)/H), wrapping in u, clamped in v.
#ifndef SPLATLIGHT_EQUIRECT_GLSL
#define SPLATLIGHT_EQUIRECT_GLSL

vec2 equirect_uv(vec3 d) {
    const float TWO_PI = 6.28318530717958647692;
    float u = 0.5 - atan(d.y, d.x) / TWO_PI;
    u -= floor(u);
    float v = acos(clamp(d.z, -1.0, 1.0)) / (0.5 * TWO_PI);
    return vec2(u, v);
}

// Bilinear footprint in a W × H image: 4 pixel indices (row-major) and weights.
struct EquirectTaps {
    uint index[4];
    float weight[4];
};

EquirectTaps equirect_bilinear_taps(vec2 uv, uint width, uint height) {
    vec2 texel = uv * vec2(width, height) - 0.5;
    vec2 base = floor(texel);
    vec2 f = texel - base;
    int w = int(width);
    int x0 = int(base.x); // in [−1, w]: wrapped by hand, as GLSL leaves % of negative numbers undefined
    x0 = x0 < 0 ? x0 + w : (x0 >= w ? x0 - w : x0);
    int x1 = x0 + 1 == w ? 0 : x0 + 1;
    int last = int(height) - 1;
    int y0 = clamp(int(base.y), 0, last), y1 = clamp(int(base.y) + 1, 0, last);
    EquirectTaps taps;
    taps.index[0] = uint(y0 * w + x0);
    taps.index[1] = uint(y0 * w + x1);
    taps.index[2] = uint(y1 * w + x0);
    taps.index[3] = uint(y1 * w + x1);
    taps.weight[0] = (1.0 - f.x) * (1.0 - f.y);
    taps.weight[1] = f.x * (1.0 - f.y);
    taps.weight[2] = (1.0 - f.x) * f.y;
    taps.weight[3] = f.x * f.y;
    return taps;
}

#endif
