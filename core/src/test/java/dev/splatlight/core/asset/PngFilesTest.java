package dev.splatlight.core.asset;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.bench.HeapUsage;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngFilesTest {
    /**
     * Each write hands STB a native callback; one left unfreed keeps a JNI reference to its encoded bytes for the life
     * of the process (the trainer soak found it: 4 MiB a run). Forty ~0.8 MB pictures must leave the heap where it was.
     */
    @Test
    void writingManyPicturesHoldsNoMemory(@TempDir Path dir) throws Exception {
        byte[] noise = new byte[512 * 512 * 3]; // incompressible: each PNG encodes to ~0.8 MB
        new Random(1).nextBytes(noise);
        PngFiles.write(dir.resolve("warm-up.png"), noise, 512, 512, 3);
        long before = HeapUsage.afterCollection();
        for (int i = 0; i < 40; i++) {
            PngFiles.write(dir.resolve("noise.png"), noise, 512, 512, 3);
        }
        long grown = HeapUsage.afterCollection() - before;
        assertTrue(grown < 8 << 20, "the heap grew by " + grown / 1048576 + " MiB over 40 writes of ~0.8 MB");
    }
}
