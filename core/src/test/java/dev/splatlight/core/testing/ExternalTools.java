package dev.splatlight.core.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Programs outside the JVM that some tests use where present (npx, Xvfb). */
public final class ExternalTools {
    private ExternalTools() {
    }

    /** Whether {@code program} is an executable in a folder of PATH. */
    public static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
