package dev.splatlight.core.asset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing a folder with everything in it (an unfinished export, a test's scratch folder). */
public final class FileTrees {
    private FileTrees() {
    }

    /** Deletes {@code root} and all below it, deepest first; symbolic links are deleted, never followed. Missing: nothing. */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> entries = Files.walk(root)) {
            for (Path entry : (Iterable<Path>) entries.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(entry);
            }
        }
    }
}
