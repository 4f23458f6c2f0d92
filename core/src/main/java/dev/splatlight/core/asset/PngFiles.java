package dev.splatlight.core.asset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.lwjgl.stb.STBIWriteCallback;
import org.lwjgl.stb.STBImageWrite;
import org.lwjgl.system.MemoryUtil;

/** 8-bit PNGs (renders, screenshots, evaluation pictures) encoded by STB and written atomically. */
public final class PngFiles {
    private PngFiles() {
    }

    /** Writes [H, W, channels] 8-bit pixels, row 0 at the top; channels 3 (RGB) or 4 (RGBA). */
    public static void write(Path file, byte[] pixels, int width, int height, int channels) throws IOException {
        if (pixels.length != channels * width * height) {
            throw new IllegalArgumentException(width + "x" + height + "x" + channels + " pixels need " + channels * width * height
                    + " bytes, got " + pixels.length);
        }
        AtomicFiles.write(file, out -> {
            ByteBuffer memory = MemoryUtil.memAlloc(pixels.length);
            try {
                memory.put(pixels).flip();
                ByteArrayOutputStream encoded = new ByteArrayOutputStream();
                boolean ok;
                // the native callback holds a JNI global reference to the lambda (and so to encoded): free it, or every
                // PNG written leaks its bytes (found by the trainer soak, bench-train)
                try (STBIWriteCallback callback = STBIWriteCallback.create((context, data, size) -> {
                    byte[] bytes = new byte[size];
                    MemoryUtil.memByteBuffer(data, size).get(bytes);
                    encoded.write(bytes, 0, size);
                })) {
                    ok = STBImageWrite.stbi_write_png_to_func(callback, 0L, width, height, channels, memory, channels * width);
                }
                if (!ok) {
                    throw new IOException("STB could not encode a " + width + "x" + height + " PNG");
                }
                out.write(encoded.toByteArray());
            } finally {
                MemoryUtil.memFree(memory);
            }
        });
    }
}
