package dev.splatlight.core.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @Test
    void aWriteThatFailsHalfwayLeavesThePreviousFileAndNoTemporary(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("checkpoint.bin");
        AtomicFiles.write(target, out -> out.write(new byte[] {1, 2, 3}));
        IOException full = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[1 << 21]); // past the buffer: part of it reaches the temporary file
            throw new IOException("No space left on device"); // what a full disk reports
        }));
        assertEquals("No space left on device", full.getMessage());
        assertEquals(3, Files.size(target), "the previous file is intact");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary left behind");
        }
    }

    @Test
    void aCompleteWriteReplacesTheFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("report.json");
        AtomicFiles.write(target, out -> out.write(new byte[] {1}));
        AtomicFiles.writeJson(target, java.util.Map.of("psnr", 30.5));
        assertEquals("{\n  \"psnr\" : 30.5\n}", Files.readString(target));
    }
}
