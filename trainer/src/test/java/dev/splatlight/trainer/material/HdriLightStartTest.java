package dev.splatlight.trainer.material;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.splatlight.core.light.EnvironmentCube;
import dev.splatlight.core.light.io.HdrImage;
import dev.splatlight.core.light.io.HdrImageReader;
import dev.splatlight.core.light.io.RadianceHdrWriter;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.trainer.checkpoint.MaterialCheckpoint;
import dev.splatlight.trainer.stage.MaterialStage;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The material stage's light started from an HDRI file: the file's light, resampled, as log radiance; black floored. */
class HdriLightStartTest {
    private final long seed = System.nanoTime();

    @Test
    void theStageStartsFromTheFilesLightInLogRadiance(@TempDir Path dir) throws Exception {
        Random random = new Random(seed);
        int width = 128, height = 64, size = 32;
        float[] rgb = new float[3 * width * height];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = random.nextDouble() < 0.05 ? 0 : (float) Math.exp(3 * random.nextGaussian());
        }
        Path file = dir.resolve("light.hdr");
        RadianceHdrWriter.write(file, new HdrImage(width, height, rgb));
        float[] stored = EnvironmentCube.fromEquirect(HdrImageReader.read(file), size).rgb(); // as RGBE keeps it

        MaterialSettings settings = new MaterialSettings(10, size, 0, true, 0, 0, 0, 0.01f, 0, 0.01f, 8, 1000, true, 0f, 0f,
                0f, 0, file.toString(), 0f, false, false, MaterialSettings.RATE_DECAY);
        GaussianCloud cloud = new GaussianCloud(4);
        MaterialCheckpoint start = MaterialStage.initialState(settings, cloud, 1.5f, null, seed);
        assertEquals(size, start.environmentSize());
        float[] theta = start.environment();
        assertEquals(stored.length, theta.length);
        for (int i = 0; i < theta.length; i++) {
            assertEquals(Math.log(Math.max(stored[i], 1e-4)), theta[i], 1e-5, "θ " + i + ", seed " + seed);
        }
    }
}
