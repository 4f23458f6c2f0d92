// The sRGB transfer functions (IEC 61966-2-1), the encoding of our datasets' 8-bit photos.
#ifndef SPLATLIGHT_SRGB_GLSL
#define SPLATLIGHT_SRGB_GLSL

float srgb_encode(float linear) {
    float x = max(linear, 0.0);
    return x <= 0.0031308 ? 12.92 * x : 1.055 * pow(x, 1.0 / 2.4) - 0.055;
}

// d srgb_encode / d linear (0 below 0, where the encoding clamps).
float srgb_encode_derivative(float linear) {
    if (linear < 0.0) {
        return 0.0;
    }
    return linear <= 0.0031308 ? 12.92 : 1.055 / 2.4 * pow(linear, 1.0 / 2.4 - 1.0);
}

float srgb_decode(float encoded) {
    return encoded <= 0.04045 ? encoded / 12.92 : pow((encoded + 0.055) / 1.055, 2.4);
}

#endif
