package dev.splatlight.core.asset;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.splatlight.core.cli.BadInputException;
import dev.splatlight.core.testing.LinkedFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Whatever an asset's manifest.json holds, opening the asset (the bundled sample's other files beside it) returns it
 * or fails with a one-line bad-input error. Seeds: the sample's own manifest. See docs/fuzzing.md.
 */
class AssetManifestFuzzTest {
    private static final Path SAMPLE = Path.of(System.getProperty("splatlight.sample", "../assets/sample"));

    @FuzzTest(maxDuration = "60s")
    void opensOrFailsInOneLine(byte[] manifest) throws IOException {
        try (LinkedFolder asset = LinkedFolder.of(SAMPLE, Set.of("manifest.json"))) {
            Files.write(asset.path().resolve("manifest.json"), manifest);
            RelightableAsset.read(asset.path());
        } catch (BadInputException expected) {
            if (expected.getMessage().contains("\n")) {
                throw new AssertionError("a multi-line error: " + expected.getMessage());
            }
        }
    }
}
