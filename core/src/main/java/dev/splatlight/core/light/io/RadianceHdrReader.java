package dev.splatlight.core.light.io;

import static org.lwjgl.stb.STBImage.stbi_failure_reason;
import static org.lwjgl.stb.STBImage.stbi_image_free;
import static org.lwjgl.stb.STBImage.stbi_info_from_memory;
import static org.lwjgl.stb.STBImage.stbi_loadf_from_memory;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;

/**
 * Radiance RGBE (.hdr) through STB. STB decodes a texel as mantissa·2^(exponent−136) with no +0.5, exactly as
 * Blender Cycles did when it rendered our datasets' ground truth (their READMEs), so relighting sees the same
 * radiance.
 */
public final class RadianceHdrReader {
    /** 16k × 16k: larger claims in a header are refused before STB allocates. */
    private static final long MAX_PIXELS = 1L << 28;

    private RadianceHdrReader() {
    }

    public static HdrImage read(Path file) {
        return decode(HdrImageReader.readAll(file), file.toString());
    }

    static boolean hasMagic(byte[] bytes) {
        return bytes.length >= 2 && bytes[0] == '#' && bytes[1] == '?';
    }

    static HdrImage decode(byte[] bytes, String source) {
        if (!hasMagic(bytes)) {
            throw new HdrFormatException(source + ": not a Radiance .hdr file (no \"#?\" signature)");
        }
        int pixelData = checkHeader(bytes, source);
        ByteBuffer memory = MemoryUtil.memAlloc(bytes.length);
        try (MemoryStack stack = MemoryStack.stackPush()) {
            memory.put(bytes).flip();
            IntBuffer w = stack.mallocInt(1), h = stack.mallocInt(1), channels = stack.mallocInt(1);
            if (!stbi_info_from_memory(memory, w, h, channels)) {
                throw new HdrFormatException(source + ": malformed Radiance header (" + stbi_failure_reason() + ")");
            }
            if ((long) w.get(0) * h.get(0) > MAX_PIXELS) {
                throw new HdrFormatException(source + ": header claims " + w.get(0) + "x" + h.get(0) + " pixels, more than "
                        + MAX_PIXELS + " supported");
            }
            long pixelBytes = bytes.length - pixelData, least = leastPixelBytes(w.get(0), h.get(0));
            if (pixelBytes < least) { // STB reads past the end as zeros: a cut file would decode black without a word
                throw new HdrFormatException(source + ": truncated Radiance pixel data (" + pixelBytes + " bytes after the header, "
                        + w.get(0) + "x" + h.get(0) + " pixels need at least " + least + ")");
            }
            FloatBuffer decoded = stbi_loadf_from_memory(memory, w, h, channels, 3);
            if (decoded == null) {
                throw new HdrFormatException(source + ": corrupt or truncated Radiance pixel data (" + stbi_failure_reason() + ")");
            }
            try {
                float[] rgb = new float[3 * w.get(0) * h.get(0)];
                decoded.get(0, rgb);
                return new HdrImage(w.get(0), h.get(0), rgb);
            } finally {
                stbi_image_free(decoded);
            }
        } finally {
            MemoryUtil.memFree(memory);
        }
    }

    /**
     * The fewest bytes width × height pixels can be stored in: per scanline either flat RGBE (4 bytes a pixel) or
     * run-length encoded (a 4-byte marker, then per channel runs of up to 127 pixels, 2 bytes each).
     */
    private static long leastPixelBytes(int width, int height) {
        long flat = 4L * width, encoded = 4 + 4 * 2L * ((width + 126) / 127);
        return height * Math.min(flat, encoded);
    }

    /**
     * Where the pixels start (after the blank line that ends the header and the resolution line after it); and, since
     * STB reads only 32-bit_rle_rgbe, a plain word for the XYZE variant rather than "unsupported format".
     */
    private static int checkHeader(byte[] bytes, String source) {
        String header = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
        int end = header.indexOf("\n\n");
        String lines = end < 0 ? header : header.substring(0, end);
        if (lines.contains("FORMAT=32-bit_rle_xyze")) {
            throw new HdrFormatException(source + ": Radiance XYZE pixels are not supported (convert to RGBE)");
        }
        if (end < 0) {
            throw new HdrFormatException(source + ": truncated Radiance header (no blank line before the resolution)");
        }
        int resolutionEnd = header.indexOf('\n', end + 2);
        return resolutionEnd < 0 ? bytes.length : resolutionEnd + 1;
    }
}
