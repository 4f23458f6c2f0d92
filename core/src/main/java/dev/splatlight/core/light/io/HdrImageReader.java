package dev.splatlight.core.light.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads an HDRI by its content: OpenEXR (magic 0x762f3101) or Radiance RGBE ("#?"). */
public final class HdrImageReader {
    private HdrImageReader() {
    }

    public static HdrImage read(Path file) {
        byte[] bytes = readAll(file);
        if (OpenExrReader.hasMagic(bytes)) {
            return OpenExrReader.decode(bytes, file.toString());
        }
        if (RadianceHdrReader.hasMagic(bytes)) {
            return RadianceHdrReader.decode(bytes, file.toString());
        }
        throw new HdrFormatException(file + ": not an HDR image (expected Radiance .hdr or OpenEXR .exr)");
    }

    static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new HdrFormatException(file + ": HDRI file not found");
        } catch (IOException e) {
            throw new HdrFormatException(file + ": cannot read HDRI (" + e.getMessage() + ")");
        }
    }
}
