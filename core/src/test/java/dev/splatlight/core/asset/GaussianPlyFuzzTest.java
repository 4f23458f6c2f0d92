package dev.splatlight.core.asset;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whatever bytes a .ply file holds, reading it returns a cloud or fails with {@link AssetFormatException} (one line
 * naming the file) — never another exception, an out-of-memory from a header's claimed size, or a hang. CI replays the
 * corpus in src/test/resources/…/GaussianPlyFuzzTestInputs; to fuzz for N seconds:
 * {@code JAZZER_FUZZ=1 mvn -pl core test -Dtest=GaussianPlyFuzzTest -Djazzer.max_duration=Ns} (docs/fuzzing.md).
 */
class GaussianPlyFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void readsOrFailsInOneLine(byte[] data) throws IOException {
        Path file = Files.createTempFile("fuzz", ".ply");
        try {
            Files.write(file, data);
            GaussianPly.read(file);
        } catch (AssetFormatException expected) {
            if (expected.getMessage().contains("\n")) {
                throw new AssertionError("a multi-line error: " + expected.getMessage());
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
