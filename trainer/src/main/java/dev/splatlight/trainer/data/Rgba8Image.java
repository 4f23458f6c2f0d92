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
}
