package dev.splatlight.core.light.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HdrReadersTest {
    private static Path exr(String name) {
        return SharedData.path("hdri/exr/studio-256x128-" + name + ".exr");
    }

    @ParameterizedTest
    @ValueSource(strings = {"half-rle", "half-zips", "half-zip", "half-piz", "float-rle", "float-zips", "float-zip", "float-piz"})
    void losslessCodecsDecodeToExactlyTheUncompressedValues(String variant) {
        String depth = variant.substring(0, variant.indexOf('-'));
        HdrImage reference = OpenExrReader.read(exr(depth + "-none"));
        HdrImage decoded = OpenExrReader.read(exr(variant));
        assertEquals(256, decoded.width());
        assertEquals(128, decoded.height());
        assertArrayEquals(reference.rgb(), decoded.rgb(), 0f, variant);
    }

    @Test
    void uncompressedFileHoldsARealEnvironment() {
        HdrImage image = OpenExrReader.read(exr("float-none"));
        double sum = 0;
        float max = 0;
        for (float v : image.rgb()) {
            assertTrue(Float.isFinite(v) && v >= 0, "finite non-negative radiance");
            sum += v;
            max = Math.max(max, v);
        }
        assertTrue(sum / image.rgb().length > 0.01 && max > 1, "an HDR studio: mean " + sum / image.rgb().length + ", max " + max);
    }

    @Test
    void fullSizeHalfExrMatchesTheRadianceFileItWasWrittenFrom() {
        HdrImage hdr = HdrImageReader.read(SharedData.path("hdri/studio.hdr"));
        HdrImage exr = HdrImageReader.read(SharedData.path("hdri/exr/studio-1024x512-half-zip.exr"));
        assertEquals(hdr.width(), exr.width());
        assertEquals(hdr.height(), exr.height());
        float[] a = hdr.rgb(), b = exr.rgb();
        for (int i = 0; i < a.length; i += 3) {
            // RGBE keeps 8 mantissa bits relative to the pixel's largest channel, half 11 bits of each value
            float rgbeStep = Math.max(a[i], Math.max(a[i + 1], a[i + 2])) * 0x1p-8f;
            for (int c = 0; c < 3; c++) {
                assertEquals(a[i + c], b[i + c], rgbeStep + Math.abs(a[i + c]) * 0x1p-10f + 0x1p-23f, "pixel " + i / 3);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"half-b44", "half-pxr24", "half-dwaa", "float-dwaa", "float-pxr24"})
    void lossyCodecsAreRefusedNamingTheCodec(String variant) {
        String codec = variant.substring(variant.indexOf('-') + 1).toUpperCase();
        HdrFormatException error = assertThrows(HdrFormatException.class, () -> OpenExrReader.read(exr(variant)));
        assertTrue(error.getMessage().contains(codec) && error.getMessage().contains(variant), error.getMessage());
        assertTrue(!error.getMessage().contains("\n"), "one line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"half-piz", "float-zip", "half-rle", "float-none"})
    void truncatedExrFailsWithOneLineNamingTheFile(String variant, @TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(exr(variant));
        for (int keep : new int[] {3, 40, 400, whole.length / 2, whole.length - 1}) {
            Path cut = dir.resolve("cut-" + keep + ".exr");
            Files.write(cut, Arrays.copyOf(whole, keep));
            HdrFormatException error = assertThrows(HdrFormatException.class, () -> HdrImageReader.read(cut), "kept " + keep);
            assertTrue(error.getMessage().startsWith(cut.toString()), error.getMessage());
        }
    }

    @Test
    void corruptedPizChunksFailCleanly(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(exr("half-piz"));
        java.util.Random random = new java.util.Random(7);
        for (int trial = 0; trial < 30; trial++) {
            byte[] bad = whole.clone();
            for (int k = 0; k < 8; k++) {
                int at = 400 + random.nextInt(bad.length - 400);
                bad[at] = (byte) random.nextInt(256);
            }
            Path file = dir.resolve("bad-" + trial + ".exr");
            Files.write(file, bad);
            try {
                HdrImageReader.read(file); // a flipped value byte may still decode: fine, as long as nothing else escapes
            } catch (HdrFormatException expected) {
                assertTrue(expected.getMessage().startsWith(file.toString()));
            }
        }
    }

    @Test
    void tiledExrIsRefused(@TempDir Path dir) throws IOException {
        byte[] bytes = Files.readAllBytes(exr("half-none"));
        bytes[5] |= 0x02; // version flags: tiled
        Path file = dir.resolve("tiled.exr");
        Files.write(file, bytes);
        HdrFormatException error = assertThrows(HdrFormatException.class, () -> HdrImageReader.read(file));
        assertTrue(error.getMessage().contains("tiled"), error.getMessage());
    }

    @Test
    void radianceFileDecodesWithBlendersExponentConvention() throws IOException {
        Path file = SharedData.path("hdri/city.hdr");
        HdrImage image = RadianceHdrReader.read(file);
        assertEquals(1024, image.width());
        assertEquals(512, image.height());
        float max = 0;
        for (float v : image.rgb()) {
            max = Math.max(max, v);
        }
        assertTrue(max > 1, "HDR values above 1");
    }

    @Test
    void truncatedOrMissingRadianceFilesFailWithOneLine(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(SharedData.path("hdri/city.hdr"));
        for (int keep : new int[] {2, 30, 100, whole.length / 3, whole.length - 10}) {
            Path cut = dir.resolve("cut-" + keep + ".hdr");
            Files.write(cut, Arrays.copyOf(whole, keep));
            HdrFormatException error = assertThrows(HdrFormatException.class, () -> HdrImageReader.read(cut), "kept " + keep);
            assertTrue(error.getMessage().startsWith(cut.toString()), error.getMessage());
        }
        HdrFormatException missing = assertThrows(HdrFormatException.class, () -> HdrImageReader.read(dir.resolve("none.hdr")));
        assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
        Path text = dir.resolve("notes.hdr");
        Files.writeString(text, "hello");
        assertThrows(HdrFormatException.class, () -> HdrImageReader.read(text));
        Path noPixels = dir.resolve("no-pixels.hdr"); // a whole header, then nothing
        Files.writeString(noPixels, "#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y 8 +X 16\n");
        HdrFormatException empty = assertThrows(HdrFormatException.class, () -> HdrImageReader.read(noPixels));
        assertTrue(empty.getMessage().startsWith(noPixels.toString()), empty.getMessage());
    }

    @Test
    void halfFloatsConvertExactly() {
        for (int bits = 0; bits < (1 << 16); bits++) {
            int exponent = (bits >> 10) & 0x1f, mantissa = bits & 0x3ff;
            double sign = (bits & 0x8000) != 0 ? -1 : 1;
            float converted = HalfFloat.toFloat((short) bits);
            if (exponent == 31) {
                assertTrue(mantissa == 0 ? Float.isInfinite(converted) : Float.isNaN(converted));
                continue;
            }
            double expected = exponent == 0 ? sign * mantissa * Math.pow(2, -24)
                    : sign * (1 + mantissa / 1024.0) * Math.pow(2, exponent - 15);
            assertEquals((float) expected, converted, 0f, "half 0x" + Integer.toHexString(bits));
        }
    }
}
