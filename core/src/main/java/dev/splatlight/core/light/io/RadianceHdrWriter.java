package dev.splatlight.core.light.io;

import dev.splatlight.core.asset.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.lwjgl.stb.STBIWriteCallback;
import org.lwjgl.stb.STBImageWrite;
import org.lwjgl.system.MemoryUtil;

/** Radiance RGBE (.hdr) output through STB, written atomically. */
public final class RadianceHdrWriter {
    private RadianceHdrWriter() {
    }

    public static void write(Path file, HdrImage image) throws IOException {
        AtomicFiles.write(file, out -> {
            java.io.ByteArrayOutputStream encoded = new java.io.ByteArrayOutputStream();
            var pixels = MemoryUtil.memAllocFloat(image.rgb().length);
            try {
                pixels.put(image.rgb()).flip();
                boolean ok;
                // the native callback holds a JNI global reference to the lambda (and so to encoded): free it, or every
                // write leaks its whole encoded file (found by the trainer soak, bench-train)
                try (STBIWriteCallback callback = STBIWriteCallback.create((context, data, size) -> {
                    ByteBuffer chunk = MemoryUtil.memByteBuffer(data, size);
                    byte[] bytes = new byte[size];
                    chunk.get(bytes);
                    encoded.write(bytes, 0, size);
                })) {
                    ok = STBImageWrite.stbi_write_hdr_to_func(callback, 0L, image.width(), image.height(), 3, pixels);
                }
                if (!ok) {
                    throw new IOException("STB could not encode " + image.width() + "x" + image.height() + " RGBE");
                }
            } finally {
                MemoryUtil.memFree(pixels);
            }
            out.write(encoded.toByteArray());
        });
    }
}
