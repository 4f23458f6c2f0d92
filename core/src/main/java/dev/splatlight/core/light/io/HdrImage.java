package dev.splatlight.core.light.io;

/**
 * A linear-radiance RGB image, row 0 at the top: what an HDRI file decodes to and what the environment
 * light is built from.
 *
 * @param rgb [height, width, 3] f32, row-major
 */
public record HdrImage(int width, int height, float[] rgb) {
    public HdrImage {
        if (width <= 0 || height <= 0 || rgb.length != 3L * width * height) {
            throw new IllegalArgumentException("HDR image " + width + "x" + height + " needs " + 3L * width * height
                    + " floats, got " + rgb.length);
        }
    }

    /** Channel {@code c} of pixel ({@code x}, {@code y}). */
    public float get(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c];
    }

    /** This image brighter or darker by {@code stops} (a factor of 2^stops): an HDRI's intensity control. */
    public HdrImage brightenedBy(float stops) {
        if (stops == 0) {
            return this;
        }
        float factor = (float) Math.pow(2, stops);
        float[] scaled = new float[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            scaled[i] = rgb[i] * factor;
        }
        return new HdrImage(width, height, scaled);
    }
}
