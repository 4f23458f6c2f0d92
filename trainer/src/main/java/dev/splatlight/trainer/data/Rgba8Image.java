package dev.splatlight.trainer.data;


import dev.splatlight.core.asset.Rgba8Decoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * An 8-bit RGBA image (sRGB-encoded colour, straight alpha), row 0 at the top, decoded once with STB. Images
 * without alpha get alpha 255.
 */
public record Rgba8Image(int width, int height, byte[] pixels) {
    /** Photos larger than this on a side are refused before decoding (a malformed header's size would be). */
    static final int MAX_SIDE = 1 << 15;

    public Rgba8Image {
        if (pixels.length != 4 * width * height) {
            throw new IllegalArgumentException(width + "x" + height + " RGBA needs " + 4 * width * height + " bytes, got " + pixels.length);
        }
    }

    /** Decodes a PNG or JPEG file; {@link DatasetException} naming the file when it is missing or not an image. */
    public static Rgba8Image read(Path file) {
        byte[] encoded;
        try {
            encoded = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": image file not found");
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read image (" + e.getMessage() + ")", e);
        }
        try {
            Rgba8Decoder.Decoded decoded = Rgba8Decoder.decode(encoded, MAX_SIDE);
            return new Rgba8Image(decoded.width(), decoded.height(), decoded.rgba());
        } catch (IllegalArgumentException e) {
            throw new DatasetException(file + ": not a readable PNG or JPEG image (" + e.getMessage() + ")");
        }
    }

    /** Whether any pixel is less than fully opaque (the photo's alpha marks a background). */
    public boolean hasTransparency() {
        for (int p = 3; p < pixels.length; p += 4) {
            if (pixels[p] != (byte) 0xFF) {
                return true;
            }
        }
        return false;
    }

    /**
     * The image shrunk {@code factor}× with an area filter: each output pixel is the mean of a factor × factor block
     * (edge pixels that do not fill a block are dropped, as 3DGS's -r does). Colour is averaged weighted by alpha and
     * in linear light, so that edges against the transparent background neither darken nor shift; alpha is the plain
     * mean.
     */
    public Rgba8Image downscaled(int factor) {
        return downscaled(factor, true);
    }

    /**
     * As {@link #downscaled(int)}, for colour stored as sRGB ({@code srgb}: photos, albedo) or as linear values (normal,
     * roughness and metallic maps), which are averaged as they are, weighted by alpha.
     */
    public Rgba8Image downscaled(int factor, boolean srgb) {
        if (factor < 1) {
            throw new IllegalArgumentException("a downscale factor is at least 1, got " + factor);
        }
        if (factor == 1) {
            return this;
        }
        int w = Math.max(1, width / factor), h = Math.max(1, height / factor);
        byte[] out = new byte[4 * w * h];
        double[] toLinear = new double[256];
        for (int v = 0; v < 256; v++) {
            toLinear[v] = srgb ? dev.splatlight.core.light.Srgb.decode(v / 255.0) : v / 255.0;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double r = 0, g = 0, b = 0, a = 0;
                int count = 0;
                for (int dy = 0; dy < factor && y * factor + dy < height; dy++) {
                    for (int dx = 0; dx < factor && x * factor + dx < width; dx++) {
                        int p = 4 * ((y * factor + dy) * width + x * factor + dx);
                        double alpha = (pixels[p + 3] & 0xFF) / 255.0;
                        r += alpha * toLinear[pixels[p] & 0xFF];
                        g += alpha * toLinear[pixels[p + 1] & 0xFF];
                        b += alpha * toLinear[pixels[p + 2] & 0xFF];
                        a += alpha;
                        count++;
                    }
                }
                int q = 4 * (y * w + x);
                double[] rgb = {r, g, b};
                for (int c = 0; c < 3; c++) {
                    double linear = a > 0 ? rgb[c] / a : 0;
                    double stored = srgb ? dev.splatlight.core.light.Srgb.encode(Math.min(1, linear)) : Math.min(1, linear);
                    out[q + c] = (byte) Math.round(255 * stored);
                }
                out[q + 3] = (byte) Math.round(255 * a / count);
            }
        }
        return new Rgba8Image(w, h, out);
    }
}
