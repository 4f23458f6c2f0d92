package dev.splatlight.trainer.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.cli.BadInputException;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.trainer.model.GaussianState;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The geometry checkpoint: bit-exact round trips with reflection strength and mirror environment; version 1 files. */
class CheckpointTest {
    private final long seed = System.nanoTime();

    private static GaussianCloud randomCloud(Random random, int n) {
        GaussianCloud cloud = new GaussianCloud(n);
        for (float[] array : new float[][] {cloud.means, cloud.logScales, cloud.rotations, cloud.opacityLogits, cloud.sh,
                cloud.normals, cloud.reflection}) {
            for (int i = 0; i < array.length; i++) {
                array[i] = random.nextFloat();
            }
        }
        return cloud;
    }

    private static GaussianState randomState(Random random, int n) {
        float[] sums = new float[n], views = new float[n], radii = new float[n];
        for (int i = 0; i < n; i++) {
            sums[i] = random.nextFloat();
            views[i] = random.nextInt(9);
            radii[i] = random.nextFloat() * 30;
        }
        return new GaussianState(randomCloud(random, n), randomCloud(random, n), randomCloud(random, n), sums, views, radii);
    }

    private static void assertSameCloud(GaussianCloud a, GaussianCloud b) {
        assertArrayEquals(a.means, b.means);
        assertArrayEquals(a.logScales, b.logScales);
        assertArrayEquals(a.rotations, b.rotations);
        assertArrayEquals(a.opacityLogits, b.opacityLogits);
        assertArrayEquals(a.sh, b.sh);
        assertArrayEquals(a.normals, b.normals);
        assertArrayEquals(a.reflection, b.reflection);
    }

    @Test
    void roundTripsWithAndWithoutAMirrorEnvironment(@TempDir Path dir) throws Exception {
        Random random = new Random(seed);
        GaussianState state = randomState(random, 37);
        float[] environment = new float[3 * 18 * 4 * 4];
        for (int i = 0; i < environment.length; i++) {
            environment[i] = (float) random.nextGaussian();
        }
        for (float[] mirror : new float[][] {environment, null}) {
            Path file = dir.resolve("checkpoint.bin");
            new Checkpoint(1234, state, mirror).write(file);
            Checkpoint back = Checkpoint.read(file);
            assertEquals(1234, back.iteration());
            assertSameCloud(state.parameters(), back.state().parameters());
            assertSameCloud(state.firstMoments(), back.state().firstMoments());
            assertSameCloud(state.secondMoments(), back.state().secondMoments());
            assertArrayEquals(state.gradientSum(), back.state().gradientSum());
            assertArrayEquals(state.viewCount(), back.state().viewCount());
            assertArrayEquals(state.maxRadius(), back.state().maxRadius());
            assertArrayEquals(mirror, back.mirrorEnvironment(), "seed " + seed);
            assertArrayEquals(mirror, Checkpoint.readMirrorEnvironment(file), "the mirror alone, seed " + seed);
        }
    }

    @Test
    void aVersionOneFileReadsWithoutReflection(@TempDir Path dir) throws Exception {
        Random random = new Random(seed);
        GaussianState state = randomState(random, 5);
        Path file = dir.resolve("v1.bin");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeLong(0x53504C4154434B50L);
            out.writeInt(1);
            out.writeInt(700);
            out.writeInt(5);
            for (GaussianCloud c : new GaussianCloud[] {state.parameters(), state.firstMoments(), state.secondMoments()}) {
                for (float[] array : new float[][] {c.means, c.logScales, c.rotations, c.opacityLogits, c.sh, c.normals}) {
                    for (float v : array) {
                        out.writeFloat(v);
                    }
                }
            }
            for (float[] array : new float[][] {state.gradientSum(), state.viewCount(), state.maxRadius()}) {
                for (float v : array) {
                    out.writeFloat(v);
                }
            }
        }
        Checkpoint back = Checkpoint.read(file);
        assertEquals(700, back.iteration());
        assertArrayEquals(state.parameters().sh, back.state().parameters().sh);
        assertArrayEquals(state.maxRadius(), back.state().maxRadius());
        assertArrayEquals(new float[5], back.state().parameters().reflection);
        assertNull(back.mirrorEnvironment());
        assertNull(Checkpoint.readMirrorEnvironment(file));
    }

    @Test
    void truncatedAndFutureFilesAreOneLineErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("checkpoint.bin");
        new Checkpoint(10, randomState(new Random(seed), 8), new float[54]).write(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 7));
        BadInputException truncated = assertThrows(BadInputException.class, () -> Checkpoint.read(file));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
        bytes[11] = 9; // version 9
        Files.write(file, bytes);
        BadInputException future = assertThrows(BadInputException.class, () -> Checkpoint.read(file));
        assertTrue(future.getMessage().contains("version 9"), future.getMessage());
    }
}
