package dev.splatlight.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's shared data (datasets, HDRIs) beside the checkout: {@code ../shared} from the repository root, or
 * the folder {@code -Dsplatlight.shared} names (on machines where the checkout travels without it).
 */
public final class SharedData {
    private SharedData() {
    }

    public static Path path(String relative) {
        String override = System.getProperty("splatlight.shared");
        if (override != null) {
            return Path.of(override).resolve(relative);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve(".ci/run"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (with .ci/run) above " + Path.of("").toAbsolutePath());
        }
        Path shared = dir.resolveSibling("shared").resolve(relative);
        if (!Files.exists(shared)) {
            throw new IllegalStateException(shared + " is missing: the tests need ../shared beside the checkout");
        }
        return shared;
    }
}
