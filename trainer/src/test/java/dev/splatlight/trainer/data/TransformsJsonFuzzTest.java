package dev.splatlight.trainer.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.splatlight.core.cli.BadInputException;
import dev.splatlight.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Whatever a Blender/NeRF-synthetic dataset's transforms JSON holds (both splits given the same bytes, mini's photos
 * beside them), opening the dataset returns it or fails with a one-line bad-input error. Seed: mini's own
 * transforms_train.json. See docs/fuzzing.md.
 */
class TransformsJsonFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void opensOrFailsInOneLine(byte[] transforms) throws IOException {
        Path mini = SharedData.path("datasets/mini");
        Path dir = Files.createTempDirectory("fuzz-dataset");
        try {
            try (Stream<Path> entries = Files.list(mini)) {
                for (Path entry : (Iterable<Path>) entries::iterator) {
                    if (!entry.getFileName().toString().startsWith("transforms_")) {
                        Files.createSymbolicLink(dir.resolve(entry.getFileName()), entry.toAbsolutePath());
                    }
                }
            }
            Files.write(dir.resolve("transforms_train.json"), transforms);
            Files.write(dir.resolve("transforms_test.json"), transforms);
            Datasets.open(dir);
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
