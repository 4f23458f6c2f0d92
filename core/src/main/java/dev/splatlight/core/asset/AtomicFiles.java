package dev.splatlight.core.asset;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that readers see the old file or the complete new one, never a partial one: temporary, flushed to
 * disk, then renamed. A failure while writing (disk full, an error in the writer) leaves the old file as it was and no
 * temporary behind.
 */
public final class AtomicFiles {
    /** Writes a file's content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper().enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    private AtomicFiles() {
    }

    /** Writes {@code value} as indented JSON (manifests, reports, summaries), atomically. */
    public static void writeJson(Path target, Object value) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(value);
        write(target, out -> out.write(bytes));
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path temporary = temporaryFor(target);
        try {
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(temporary,
                    java.nio.file.StandardOpenOption.WRITE)) {
                OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 20);
                writer.write(out);
                out.flush();
            }
            commit(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * A new empty temporary file beside {@code target} (same folder, so the final rename is atomic) for a writer that
     * needs a path of its own (FFmpeg's muxer); {@link #commit} it when complete, delete it otherwise.
     */
    public static Path temporaryFor(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        return Files.createTempFile(dir, "." + target.getFileName() + ".", ".partial");
    }

    /** Puts a complete temporary from {@link #temporaryFor} on disk and renames it to {@code target}. */
    public static void commit(Path temporary, Path target) throws IOException {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(temporary,
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true); // on disk before the rename: a crash then leaves the old file or the whole new one
        }
        if (temporary.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // Temporary files are private (0600); the result should be as readable as any other output.
            Files.setPosixFilePermissions(temporary, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
