package dev.splatlight.viewer.export;

/** PSNR of the RGB channels of two RGBA8 images, for comparing decoded video with what was encoded. */
final class Psnr {
    private Psnr() {
    }

    static double rgb(byte[] expected, byte[] actual) {
        if (expected.length != actual.length) {
            throw new IllegalArgumentException(expected.length + " vs " + actual.length + " bytes");
        }
        double squared = 0;
        long count = 0;
        for (int p = 0; p < expected.length; p += 4) {
            for (int c = 0; c < 3; c++) {
                double d = (expected[p + c] & 255) - (actual[p + c] & 255);
                squared += d * d;
                count++;
            }
        }
        double mse = squared / count;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }
}
