package dev.splatlight.core.asset;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.splatlight.core.cli.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Whatever an asset's manifest.json holds, opening the asset (the bundled sample's other files beside it) returns it
 * or fails with a one-line bad-input error. Seeds: the sample's own manifest. See docs/fuzzing.md.
 */
class AssetManifestFuzzTest {
    private static final Path SAMPLE = Path.of(System.getProperty("splatlight.sample", "../assets/sample"));

    @FuzzTest(maxDuration = "60s")
    void opensOrFailsInOneLine(byte[] manifest) throws IOException {
        Path dir = Files.createTempDirectory("fuzz-asset");
        try {
            try (Stream<Path> files = Files.list(SAMPLE)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.createSymbolicLink(dir.resolve(file.getFileName()), file.toAbsolutePath());
                }
            }
            Files.delete(dir.resolve("manifest.json"));
            Files.write(dir.resolve("manifest.json"), manifest);
            RelightableAsset.read(dir);
        } catch (BadInputException expected) {
            if (expected.getMessage().contains("\n")) {
                throw new AssertionError("a multi-line error: " + expected.getMessage());
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
