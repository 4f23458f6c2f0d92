package dev.splatlight.core.asset;

import static org.lwjgl.stb.STBImage.*;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;

/** PNG and JPEG (and the other formats stb_image reads) decoded to 8-bit RGBA, row 0 at the top. */
public final class Rgba8Decoder {
    /** A decoded picture: [H, W, 4] bytes. */
    public record Decoded(int width, int height, byte[] rgba) {
    }

    private Rgba8Decoder() {
    }

    /**
     * Decodes an encoded image; {@link IllegalArgumentException} with stb_image's reason when it cannot, or when a side
     * exceeds {@code maxSide} (checked from the header, before decoding).
     */
    public static Decoded decode(byte[] encoded, int maxSide) {
        ByteBuffer memory = MemoryUtil.memAlloc(Math.max(1, encoded.length));
        try (MemoryStack stack = MemoryStack.stackPush()) {
            memory.put(encoded).flip();
            IntBuffer w = stack.mallocInt(1), h = stack.mallocInt(1), channels = stack.mallocInt(1);
            if (!stbi_info_from_memory(memory, w, h, channels)) {
                throw new IllegalArgumentException(stbi_failure_reason());
            }
            if (w.get(0) <= 0 || h.get(0) <= 0 || w.get(0) > maxSide || h.get(0) > maxSide) {
                throw new IllegalArgumentException(w.get(0) + "x" + h.get(0) + ": sides must be 1.." + maxSide);
            }
            ByteBuffer decoded = stbi_load_from_memory(memory, w, h, channels, 4);
            if (decoded == null) {
                throw new IllegalArgumentException(stbi_failure_reason());
            }
            try {
                byte[] rgba = new byte[4 * w.get(0) * h.get(0)];
                decoded.get(0, rgba); // absolute: stbi_image_free frees from the buffer's position
                return new Decoded(w.get(0), h.get(0), rgba);
            } finally {
                stbi_image_free(decoded);
            }
        } finally {
            MemoryUtil.memFree(memory);
        }
    }
}
