package dev.splatlight.trainer.data;

import static org.lwjgl.stb.STBImage.stbi_failure_reason;
import static org.lwjgl.stb.STBImage.stbi_image_free;
import static org.lwjgl.stb.STBImage.stbi_load_from_memory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;

/**
 * An 8-bit RGBA image (sRGB-encoded colour, straight alpha), row 0 at the top, decoded once with STB. Images
 * without alpha get alpha 255.
 */
public record Rgba8Image(int width, int height, byte[] pixels) {
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
        ByteBuffer memory = MemoryUtil.memAlloc(Math.max(1, encoded.length));
        try (MemoryStack stack = MemoryStack.stackPush()) {
            memory.put(encoded).flip();
            IntBuffer w = stack.mallocInt(1), h = stack.mallocInt(1), channels = stack.mallocInt(1);
            ByteBuffer decoded = stbi_load_from_memory(memory, w, h, channels, 4);
            if (decoded == null) {
                throw new DatasetException(file + ": not a readable PNG or JPEG image (" + stbi_failure_reason() + ")");
            }
            try {
                byte[] pixels = new byte[4 * w.get(0) * h.get(0)];
                decoded.get(0, pixels); // absolute: stbi_image_free frees at the buffer's position
                return new Rgba8Image(w.get(0), h.get(0), pixels);
            } finally {
                stbi_image_free(decoded);
            }
        } finally {
            MemoryUtil.memFree(memory);
        }
    }

    /**
     * The image shrunk {@code factor}× with an area filter: each output pixel is the mean of a factor × factor block
     * (edge pixels that do not fill a block are dropped, as 3DGS's -r does). Colour is averaged weighted by alpha and
     * in linear light, so that edges against the transparent background neither darken nor shift; alpha is the plain
     * mean.
     */
    public Rgba8Image downscaled(int factor) {
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
            toLinear[v] = dev.splatlight.core.light.Srgb.decode(v / 255.0);
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
                    out[q + c] = (byte) Math.round(255 * dev.splatlight.core.light.Srgb.encode(Math.min(1, linear)));
                }
                out[q + 3] = (byte) Math.round(255 * a / count);
            }
        }
        return new Rgba8Image(w, h, out);
    }
}
