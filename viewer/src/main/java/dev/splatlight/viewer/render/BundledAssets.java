package dev.splatlight.viewer.render;

import dev.splatlight.core.cli.BadInputException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What ships in {@code assets/}: the trained sample shown when no asset is named, and the HDRI that lights assets
 * without a learned light. Found under the {@code splatlight.home} system property (the launcher sets it to the
 * checkout), else the working directory.
 */
public final class BundledAssets {
    private BundledAssets() {
    }

    /** The sample asset ({@code assets/sample}), trained by the command in assets/README.md. */
    public static Path sample() {
        return require("assets/sample", "name an asset directory or .ply file");
    }

    /** {@code asset} as named, or the sample where none is. */
    public static Path sampleUnless(Path asset) {
        return asset != null ? asset : sample();
    }

    /** The studio HDRI ({@code assets/hdri/studio.hdr}). */
    public static Path studioHdri() {
        return require("assets/hdri/studio.hdr", "the asset has no learned light: pass --hdri FILE");
    }

    private static Path require(String relative, String advice) {
        Path file = Path.of(System.getProperty("splatlight.home", ".")).resolve(relative);
        if (!Files.exists(file)) {
            throw new BadInputException("the bundled " + file + " is missing: " + advice);
        }
        return file;
    }
}
