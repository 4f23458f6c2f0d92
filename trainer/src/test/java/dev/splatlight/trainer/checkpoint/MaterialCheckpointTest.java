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

/**
 * The material checkpoint round-trips bit-exactly, with and without learned normals and sun lobes; version 1 and 2
 * files still read.
 */
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
            for (int i = 0; i < 10; i++) {
                assertArrayEquals(arrays(written)[i], arrays(read)[i], "array " + i);
            }
        }
    }

    @Test
    void aVersionOneFileReadsWithoutNormals(@TempDir Path dir) throws Exception {
        MaterialCheckpoint c = checkpoint(false);
        Path file = dir.resolve("v1.bin");
        writeOldVersion(file, 1, c, 6);
        MaterialCheckpoint read = MaterialCheckpoint.read(file);
        assertFalse(read.hasNormals());
        assertEquals(0, read.sunLobes().length);
        assertArrayEquals(c.logits(), read.logits());
        assertArrayEquals(c.irradianceMoments(), read.irradianceMoments());
    }

    @Test
    void aVersionTwoFileReadsWithoutSunLobes(@TempDir Path dir) throws Exception {
        MaterialCheckpoint c = checkpoint(true);
        Path file = dir.resolve("v2.bin");
        writeOldVersion(file, 2, c, 8);
        MaterialCheckpoint read = MaterialCheckpoint.read(file);
        assertTrue(read.hasNormals());
        assertEquals(0, read.sunLobes().length);
        assertEquals(0, read.sunLobeMoments().length);
        assertArrayEquals(c.normalMoments(), read.normalMoments());
    }

    private static void writeOldVersion(Path file, int version, MaterialCheckpoint c, int arrays) throws Exception {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeLong(0x53504C544D41544CL);
            out.writeInt(version);
            out.writeInt(c.iteration());
            out.writeInt(c.environmentSize());
            out.writeInt(c.irradianceResolution());
            out.writeFloat(c.irradianceBound());
            for (int i = 0; i < arrays; i++) {
                FloatArrays.writeSized(out, arrays(c)[i]);
            }
        }
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
                RESOLUTION, 1.5f, c.irradiance(), c.irradianceMoments(), new float[6], new float[12], new float[0],
                new float[0]).write(file);
        BadInputException inconsistent = assertThrows(BadInputException.class, () -> MaterialCheckpoint.read(file));
        assertTrue(inconsistent.getMessage().contains("inconsistent"), inconsistent.getMessage());
        new MaterialCheckpoint(c.iteration(), c.logits(), c.logitMoments(), SIZE, c.environment(), c.environmentMoments(),
                RESOLUTION, 1.5f, c.irradiance(), c.irradianceMoments(), c.normals(), c.normalMoments(), new float[12],
                new float[24]).write(file);
        BadInputException partLobe = assertThrows(BadInputException.class, () -> MaterialCheckpoint.read(file));
        assertTrue(partLobe.getMessage().contains("inconsistent"), partLobe.getMessage());
    }

    private MaterialCheckpoint checkpoint(boolean normals) {
        return new MaterialCheckpoint(321, values(5 * N), values(10 * N), SIZE, values(18 * SIZE * SIZE),
                values(36 * SIZE * SIZE), RESOLUTION, 1.5f, values(9 * 8), values(18 * 8),
                normals ? values(3 * N) : new float[0], normals ? values(6 * N) : new float[0],
                normals ? values(16) : new float[0], normals ? values(32) : new float[0]);
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
                c.irradianceMoments(), c.normals(), c.normalMoments(), c.sunLobes(), c.sunLobeMoments()};
    }
}
