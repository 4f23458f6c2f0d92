package dev.splatlight.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A temporary folder standing for {@code source} — each entry a symbolic link to the original — less the entries a
 * test writes itself (a fuzzed manifest or transforms file). Deleted, links and written files, on close.
 */
public final class LinkedFolder implements AutoCloseable {
    private final Path path;

    private LinkedFolder(Path path) {
        this.path = path;
    }

    /** Links every entry of {@code source} whose name is not in {@code leftOut}. */
    public static LinkedFolder of(Path source, Set<String> leftOut) throws IOException {
        Path dir = Files.createTempDirectory("linked-" + source.getFileName());
        try (Stream<Path> entries = Files.list(source)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (!leftOut.contains(entry.getFileName().toString())) {
                    Files.createSymbolicLink(dir.resolve(entry.getFileName()), entry.toAbsolutePath());
                }
            }
        }
        return new LinkedFolder(dir);
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            dev.splatlight.core.asset.FileTrees.delete(path); // links are deleted, never followed
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
