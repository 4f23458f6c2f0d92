package dev.splatlight.core.light;

/** The sRGB transfer functions (IEC 61966-2-1), the encoding of our datasets' 8-bit pictures (GLSL: common/srgb.glsl). */
public final class Srgb {
    private Srgb() {
    }

    public static double encode(double linear) {
        double x = Math.max(linear, 0);
        return x <= 0.0031308 ? 12.92 * x : 1.055 * Math.pow(x, 1 / 2.4) - 0.055;
    }

    public static double decode(double encoded) {
        return encoded <= 0.04045 ? encoded / 12.92 : Math.pow((encoded + 0.055) / 1.055, 2.4);
    }
}
