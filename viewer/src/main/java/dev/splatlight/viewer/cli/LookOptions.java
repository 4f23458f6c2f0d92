package dev.splatlight.viewer.cli;

import dev.splatlight.core.asset.RelightableAsset;
import dev.splatlight.core.cli.BadInputException;
import dev.splatlight.core.light.io.HdrImage;
import dev.splatlight.core.light.io.HdrImageReader;
import dev.splatlight.viewer.render.DisplaySettings;
import dev.splatlight.viewer.render.ViewMode;
import java.nio.file.Path;
import org.joml.Vector3f;
import picocli.CommandLine.Option;

/**
 * How a headless picture looks, for {@code render} and {@code turntable} alike (a picocli mixin): the light (an HDRI,
 * its turn and intensity, or the asset's learned light) and the display (exposure, tone mapping, background, blur).
 */
public final class LookOptions {
    @Option(names = "--hdri", description = "Light with this HDRI (.hdr or .exr) instead of the asset's learned light.")
    Path hdri;

    @Option(names = "--hdri-rotation", defaultValue = "0", description = "Turn the HDRI about +Z, degrees (default: ${DEFAULT-VALUE}).")
    float hdriRotation;

    @Option(names = "--hdri-intensity", defaultValue = "0", description = "Brighten (or darken, if negative) the HDRI by this many stops (default: ${DEFAULT-VALUE}).")
    float hdriIntensity;

    @Option(names = "--exposure", defaultValue = "0", description = "Exposure in EV (default: ${DEFAULT-VALUE}).")
    float exposure;

    @Option(names = "--tone-map", defaultValue = "aces", description = "aces or none (default: ${DEFAULT-VALUE}).")
    String toneMap;

    @Option(names = "--background", defaultValue = "env",
            description = "env (the environment), black, white or #rrggbb (default: ${DEFAULT-VALUE}).")
    String background;

    @Option(names = "--traced-reflections", negatable = true,
            description = "Glossy surfaces reflect the scene itself, traced through the Gaussians, as well as the "
                    + "environment, as eval relights (default: on for an asset whose material stage learned beside "
                    + "them, as train --reflections makes; else off, the environment only).")
    Boolean tracedReflections;

    @Option(names = "--blur", defaultValue = "0", description = "Blur of the environment background, in mip levels (default: ${DEFAULT-VALUE}).")
    float blur;

    private DisplaySettings sceneDisplay; // a scene file's view, for the options the command line leaves to it
    private java.util.function.Predicate<String> sceneGiven;

    /**
     * --[no-]traced-reflections as given; else what the asset's material stage learned with: its mirrors' materials
     * were fitted beside traced hits, so they look as eval relights them only when traced.
     */
    boolean tracedReflections(RelightableAsset asset) {
        return tracedReflections != null ? tracedReflections : asset.tracedReflections();
    }

    /** The HDRI decoded, its intensity applied; null for the learned light. */
    HdrImage readHdri() {
        return hdri == null ? null : HdrImageReader.read(hdri).brightenedBy(hdriIntensity);
    }

    /**
     * Takes a scene file's light and view where the command line does not give them (its {@code given} options),
     * so that {@link #readHdri}, {@link #hdriRotation} and {@link #display} answer for the scene.
     */
    void fillFrom(dev.splatlight.viewer.scene.SceneDescription scene, java.util.function.Predicate<String> given) {
        if (scene == null) {
            return;
        }
        if (hdri == null && scene.hdri() != null) {
            hdri = scene.hdri();
            hdriRotation = given.test("--hdri-rotation") ? hdriRotation : scene.hdriRotationDegrees();
            hdriIntensity = given.test("--hdri-intensity") ? hdriIntensity : scene.hdriIntensityStops();
        }
        sceneDisplay = scene.display();
        sceneGiven = given;
    }

    /** The view: the command line's options, where a scene file is open the scene's for those not given. */
    DisplaySettings display(ViewMode mode) {
        DisplaySettings commandLine = new DisplaySettings(mode, exposure, parseToneMap(toneMap), parseBackground(background), blur);
        if (sceneDisplay == null) {
            return commandLine;
        }
        DisplaySettings d = sceneDisplay;
        return new DisplaySettings(mode, sceneGiven.test("--exposure") ? commandLine.exposure() : d.exposure(),
                sceneGiven.test("--tone-map") ? commandLine.aces() : d.aces(),
                sceneGiven.test("--background") ? commandLine.background() : d.background(),
                sceneGiven.test("--blur") ? commandLine.blurLevel() : d.blurLevel());
    }

    static boolean parseToneMap(String text) {
        return switch (text.toLowerCase()) {
            case "aces" -> true;
            case "none" -> false;
            default -> throw new BadInputException("--tone-map must be aces or none, got '" + text + "'");
        };
    }

    /** null for the environment, else a linear colour. */
    static Vector3f parseBackground(String text) {
        switch (text.toLowerCase()) {
            case "env":
                return null;
            case "black":
                return new Vector3f(0);
            case "white":
                return new Vector3f(1);
            default:
                if (text.matches("#[0-9a-fA-F]{6}")) {
                    int rgb = Integer.parseInt(text.substring(1), 16);
                    return new Vector3f(((rgb >> 16) & 255) / 255f, ((rgb >> 8) & 255) / 255f, (rgb & 255) / 255f);
                }
                throw new BadInputException("--background must be env, black, white or #rrggbb, got '" + text + "'");
        }
    }
}
