package dev.splatlight.viewer.render;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.lwjgl.stb.STBImage;

/** A PNG decoded by STB to RGBA8, for tests comparing written pictures with renders. */
public record DecodedPng(int width, int height, byte[] rgba) {
    public static DecodedPng read(Path file) throws IOException {
        int[] w = new int[1], h = new int[1], c = new int[1];
        ByteBuffer pixels = STBImage.stbi_load(file.toString(), w, h, c, 4);
        if (pixels == null) {
            throw new IOException(file + ": STB cannot decode it (" + STBImage.stbi_failure_reason() + ")");
        }
        byte[] out = new byte[4 * w[0] * h[0]];
        pixels.get(0, out); // absolute: stbi_image_free frees from the buffer's position
        STBImage.stbi_image_free(pixels);
        return new DecodedPng(w[0], h[0], out);
    }
}
