package dev.splatlight.trainer.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.cli.BadInputException;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The material checkpoint round-trips bit-exactly, with and without learned normals; version 1 files still read. */
class MaterialCheckpointTest {
    private static final int N = 7, SIZE = 2, RESOLUTION = 2;
    private final Random random = new Random(12);

    @Test
    void roundTripsWithAndWithoutLearnedNormals(@TempDir Path dir) throws Exception {
        for (boolean normals : new boolean[] {true, false}) {
            MaterialCheckpoint written = checkpoint(normals);
            Path file = dir.resolve("c-" + normals + ".bin");
            written.write(file);
            MaterialCheckpoint read = MaterialCheckpoint.read(file);
            assertEquals(written.iteration(), read.iteration());
            assertEquals(normals, read.hasNormals());
            for (int i = 0; i < 8; i++) {
                assertArrayEquals(arrays(written)[i], arrays(read)[i], "array " + i);
            }
        }
    }

    @Test
    void aVersionOneFileReadsWithoutNormals(@TempDir Path dir) throws Exception {
        MaterialCheckpoint c = checkpoint(false);
        Path file = dir.resolve("v1.bin");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeLong(0x53504C544D41544CL);
            out.writeInt(1);
            out.writeInt(c.iteration());
            out.writeInt(c.environmentSize());
            out.writeInt(c.irradianceResolution());
            out.writeFloat(c.irradianceBound());
            for (int i = 0; i < 6; i++) {
                FloatArrays.writeSized(out, arrays(c)[i]);
            }
        }
        MaterialCheckpoint read = MaterialCheckpoint.read(file);
        assertFalse(read.hasNormals());
        assertArrayEquals(c.logits(), read.logits());
        assertArrayEquals(c.irradianceMoments(), read.irradianceMoments());
    }

    @Test
    void truncatedOrInconsistentFilesAreOneLineErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.bin");
        checkpoint(true).write(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));
        BadInputException truncated = assertThrows(BadInputException.class, () -> MaterialCheckpoint.read(file));
        assertTrue(truncated.getMessage().contains("truncated") && truncated.getMessage().contains(file.toString()),
                truncated.getMessage());
        MaterialCheckpoint c = checkpoint(true);
        new MaterialCheckpoint(c.iteration(), c.logits(), c.logitMoments(), SIZE, c.environment(), c.environmentMoments(),
                RESOLUTION, 1.5f, c.irradiance(), c.irradianceMoments(), new float[6], new float[12]).write(file);
        BadInputException inconsistent = assertThrows(BadInputException.class, () -> MaterialCheckpoint.read(file));
        assertTrue(inconsistent.getMessage().contains("inconsistent"), inconsistent.getMessage());
    }

    private MaterialCheckpoint checkpoint(boolean normals) {
        return new MaterialCheckpoint(321, values(5 * N), values(10 * N), SIZE, values(18 * SIZE * SIZE),
                values(36 * SIZE * SIZE), RESOLUTION, 1.5f, values(9 * 8), values(18 * 8),
                normals ? values(3 * N) : new float[0], normals ? values(6 * N) : new float[0]);
    }

    private float[] values(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static float[][] arrays(MaterialCheckpoint c) {
        return new float[][] {c.logits(), c.logitMoments(), c.environment(), c.environmentMoments(), c.irradiance(),
                c.irradianceMoments(), c.normals(), c.normalMoments()};
    }
}
