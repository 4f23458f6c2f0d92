package dev.splatlight.core.light.io;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever bytes an HDRI holds, the OpenEXR and Radiance readers return an image or fail with
 * {@link HdrFormatException} in one line — never another exception, an out-of-memory from a header's claimed size, or a
 * hang. CI replays the corpus in src/test/resources/…/HdrReadersFuzzTestInputs (real EXR files of three codecs, a small
 * .hdr); docs/fuzzing.md says how to fuzz for longer.
 */
class HdrReadersFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void decodesOrFailsInOneLine(byte[] data) {
        try {
            if (OpenExrReader.hasMagic(data)) {
                OpenExrReader.decode(data, "fuzz.exr");
            } else {
                RadianceHdrReader.decode(data, "fuzz.hdr");
            }
        } catch (HdrFormatException expected) {
            if (expected.getMessage().contains("\n")) {
                throw new AssertionError("a multi-line error: " + expected.getMessage());
            }
        }
    }
}
