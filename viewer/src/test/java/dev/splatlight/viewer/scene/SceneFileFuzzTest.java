package dev.splatlight.viewer.scene;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.splatlight.core.cli.BadInputException;
import java.nio.file.Path;

/**
 * Whatever a scene file holds, reading it gives a scene or a one-line bad-input error. Seeds: a full scene file, a
 * minimal one, and ones with wrong fields. See docs/fuzzing.md.
 */
class SceneFileFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void readsOrFailsInOneLine(byte[] json) {
        try {
            SceneFiles.parse(json, Path.of("/scenes/fuzzed.json"));
        } catch (BadInputException expected) {
            if (expected.getMessage().contains("\n")) {
                throw new AssertionError("a multi-line error: " + expected.getMessage());
            }
        }
    }
}
