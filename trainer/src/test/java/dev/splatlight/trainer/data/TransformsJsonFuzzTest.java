package dev.splatlight.trainer.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.splatlight.core.cli.BadInputException;
import dev.splatlight.core.testing.LinkedFolder;
import dev.splatlight.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Set;

/**
 * Whatever a Blender/NeRF-synthetic dataset's transforms JSON holds (both splits given the same bytes, mini's photos
 * beside them), opening the dataset returns it or fails with a one-line bad-input error. Seed: mini's own
 * transforms_train.json. See docs/fuzzing.md.
 */
class TransformsJsonFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void opensOrFailsInOneLine(byte[] transforms) throws IOException {
        try (LinkedFolder dataset = LinkedFolder.of(SharedData.path("datasets/mini"),
                Set.of("transforms_train.json", "transforms_test.json"))) {
            Files.write(dataset.path().resolve("transforms_train.json"), transforms);
            Files.write(dataset.path().resolve("transforms_test.json"), transforms);
            Datasets.open(dataset.path());
        } catch (BadInputException expected) {
            if (expected.getMessage().contains("\n")) {
                throw new AssertionError("a multi-line error: " + expected.getMessage());
            }
        }
    }
}
