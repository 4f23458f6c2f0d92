package dev.splatlight.core.light.io;

/**
 * Inverse of PIZ's 2D wavelet on a plane of 16-bit words (in place): levels from coarse to fine over the smaller
 * dimension; each 2×2 block undoes two 1D lifting steps. Planes whose values fit in 14 bits use the plain
 * integer average/difference, others the modulo-2^16 variant.
 */
final class ExrWavelet {
    private static final int MOD_MASK = 0xffff;
    private static final int OFFSET = 1 << 15;

    private ExrWavelet() {
    }

    /**
     * @param start   index of the plane's first word in {@code data}
     * @param nx      samples per line
     * @param ox      stride between samples of a line
     * @param ny      lines
     * @param oy      stride between lines
     * @param maxValue largest value in the plane (chooses the 14-bit variant)
     */
    static void decode(short[] data, int start, int nx, int ox, int ny, int oy, int maxValue) {
        boolean w14 = maxValue < (1 << 14);
        int n = Math.min(nx, ny);
        int p = 1;
        while (p <= n) {
            p <<= 1;
        }
        p >>= 1;
        int p2 = p;
        p >>= 1;
        int[] pair = new int[2];
        while (p >= 1) {
            int py = start;
            int ey = start + oy * (ny - p2);
            int oy1 = oy * p, oy2 = oy * p2, ox1 = ox * p, ox2 = ox * p2;
            for (; py <= ey; py += oy2) {
                int px = py;
                int ex = py + ox * (nx - p2);
                for (; px <= ex; px += ox2) {
                    int p01 = px + ox1, p10 = px + oy1, p11 = p10 + ox1;
                    lift(w14, data[px], data[p10], pair);
                    int i00 = pair[0], i10 = pair[1];
                    lift(w14, data[p01], data[p11], pair);
                    int i01 = pair[0], i11 = pair[1];
                    lift(w14, i00, i01, pair);
                    data[px] = (short) pair[0];
                    data[p01] = (short) pair[1];
                    lift(w14, i10, i11, pair);
                    data[p10] = (short) pair[0];
                    data[p11] = (short) pair[1];
                }
                if ((nx & p) != 0) {
                    int p10 = px + oy1;
                    lift(w14, data[px], data[p10], pair);
                    data[px] = (short) pair[0];
                    data[p10] = (short) pair[1];
                }
            }
            if ((ny & p) != 0) {
                int px = py;
                int ex = py + ox * (nx - p2);
                for (; px <= ex; px += ox2) {
                    int p01 = px + ox1;
                    lift(w14, data[px], data[p01], pair);
                    data[px] = (short) pair[0];
                    data[p01] = (short) pair[1];
                }
            }
            p2 = p;
            p >>= 1;
        }
    }

    /** One inverse lifting step: (low, high) → (a, b), as 16-bit words in the low bits of ints. */
    private static void lift(boolean w14, int low, int high, int[] out) {
        if (w14) {
            int ls = (short) low;
            int hs = (short) high;
            int ai = ls + (hs & 1) + (hs >> 1);
            out[0] = (short) ai;
            out[1] = (short) (ai - hs);
        } else {
            int m = low & MOD_MASK;
            int d = high & MOD_MASK;
            int bb = (m - (d >> 1)) & MOD_MASK;
            int aa = (d + bb - OFFSET) & MOD_MASK;
            out[0] = aa;
            out[1] = bb;
        }
    }
}
