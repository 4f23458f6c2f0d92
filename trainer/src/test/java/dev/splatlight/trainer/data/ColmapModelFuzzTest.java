package dev.splatlight.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.splatlight.core.asset.FileTrees;
import dev.splatlight.core.cli.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever a COLMAP model file holds — cameras, images or points, binary or text — opening the scene returns it or
 * fails with a one-line bad-input error (no allocation a file's counts claim but its size cannot hold). Each target
 * replaces one file of {@link ColmapFixture}'s valid scene; the seeds are that scene's own files. See docs/fuzzing.md.
 */
class ColmapModelFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void camerasBinOpensOrFailsInOneLine(byte[] file) throws IOException {
        openWith(true, "cameras.bin", file);
    }

    @FuzzTest(maxDuration = "60s")
    void imagesBinOpensOrFailsInOneLine(byte[] file) throws IOException {
        openWith(true, "images.bin", file);
    }

    @FuzzTest(maxDuration = "60s")
    void points3DBinOpensOrFailsInOneLine(byte[] file) throws IOException {
        openWith(true, "points3D.bin", file);
    }

    @FuzzTest(maxDuration = "60s")
    void imagesTxtOpensOrFailsInOneLine(byte[] file) throws IOException {
        openWith(false, "images.txt", file);
    }

    /** The fixture itself opens, in both forms (so a fuzz target starts from a scene that works). */
    @Test
    void theFixtureIsAValidScene(@TempDir Path dir) throws IOException {
        for (boolean binary : new boolean[] {true, false}) {
            Path root = dir.resolve(binary ? "bin" : "txt");
            ColmapFixture.write(root, binary);
            Dataset scene = Datasets.open(root);
            assertEquals(2, scene.train().size() + scene.test().size());
            assertEquals(2, scene.sparsePoints().orElseThrow().count());
        }
        Path seeds = Path.of("src/test/resources/dev/splatlight/trainer/data/ColmapModelFuzzTestInputs");
        org.junit.jupiter.api.Assertions.assertArrayEquals(ColmapFixture.camerasBin(),
                Files.readAllBytes(seeds.resolve("camerasBinOpensOrFailsInOneLine/valid-cameras.bin")), "the seeds are the fixture's files");
        org.junit.jupiter.api.Assertions.assertArrayEquals(ColmapFixture.imagesBin(),
                Files.readAllBytes(seeds.resolve("imagesBinOpensOrFailsInOneLine/valid-images.bin")));
        org.junit.jupiter.api.Assertions.assertArrayEquals(ColmapFixture.pointsBin(),
                Files.readAllBytes(seeds.resolve("points3DBinOpensOrFailsInOneLine/valid-points3D.bin")));
    }

    private static void openWith(boolean binary, String name, byte[] content) throws IOException {
        Path root = Files.createTempDirectory("colmap-fuzz");
        try {
            ColmapFixture.write(root, binary);
            Files.write(root.resolve("sparse/0").resolve(name), content);
            Datasets.open(root);
        } catch (BadInputException expected) {
            if (expected.getMessage().contains("\n")) {
                throw new AssertionError("a multi-line error: " + expected.getMessage());
            }
        } finally {
            FileTrees.delete(root);
        }
    }
}
