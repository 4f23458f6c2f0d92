package dev.splatlight.viewer.cli;

import dev.splatlight.viewer.render.BundledAssets;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Which asset a headless command draws: a positional path or {@code --asset}, else the bundled sample (a picocli mixin). */
public final class AssetChoice {
    @Parameters(arity = "0..1", paramLabel = "ASSET", description = "Asset directory or .ply file (or use --asset; default: the bundled sample).")
    Path positional;

    @Option(names = "--asset", description = "Asset directory or .ply file.")
    Path asset;

    /** The asset's path; the bundled sample when none was given. */
    Path source() {
        return BundledAssets.sampleUnless(asset != null ? asset : positional);
    }

    /** The asset given on the command line, else the scene file's, else the bundled sample. */
    Path source(dev.splatlight.viewer.scene.SceneDescription scene) {
        Path given = asset != null ? asset : positional;
        return BundledAssets.sampleUnless(given == null && scene != null ? scene.asset() : given);
    }
}
