package dev.splatlight.core.light.io;

/** IEEE 754 binary16 to float (Java 17 has no Float.float16ToFloat). */
final class HalfFloat {
    private HalfFloat() {
    }

    static float toFloat(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13)); // infinity or NaN
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f; // subnormal (or zero): exact in float
            return sign != 0 ? -magnitude : magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
