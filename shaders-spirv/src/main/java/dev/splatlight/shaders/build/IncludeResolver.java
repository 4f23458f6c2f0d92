package dev.splatlight.shaders.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves {@code #include "a/b.glsl"} against the one include root, {@code glsl/include}. Programs share code only
 * this way: a function used by two passes lives in one include, never in two copies.
 */
public final class IncludeResolver {
    private final Path includeRoot;

    public IncludeResolver(Path includeRoot) {
        this.includeRoot = includeRoot.toAbsolutePath().normalize();
    }

    /** The include file for a requested name; throws with the requesting file's name when it does not exist. */
    public Path resolve(String requested, String requestingSource) {
        Path candidate = includeRoot.resolve(requested).normalize();
        if (!candidate.startsWith(includeRoot)) {
            throw new IllegalArgumentException(requestingSource + ": include \"" + requested + "\" leaves the include root");
        }
        if (!Files.isRegularFile(candidate)) {
            throw new IllegalArgumentException(requestingSource + ": include \"" + requested + "\" not found under " + includeRoot);
        }
        return candidate;
    }

    public String read(Path include) throws IOException {
        return Files.readString(include);
    }
}
