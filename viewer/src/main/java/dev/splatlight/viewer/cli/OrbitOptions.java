package dev.splatlight.viewer.cli;

import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.viewer.camera.OrbitCamera;
import dev.splatlight.viewer.render.HeadlessRenderer;
import picocli.CommandLine.Option;

/** The orbit camera of a headless picture, for {@code render} and {@code turntable} alike (a picocli mixin). */
public final class OrbitOptions {
    @Option(names = "--yaw", defaultValue = "45", description = "Degrees about +Z (a turntable's first frame); 0 looks from +X (default: ${DEFAULT-VALUE}).")
    float yaw;

    @Option(names = {"--pitch", "--elevation"}, defaultValue = "20", description = "Degrees above the horizon (default: ${DEFAULT-VALUE}).")
    float pitch;

    @Option(names = "--distance", description = "Distance from the asset's centre (default: frames the asset).")
    Float distance;

    @Option(names = "--fov", defaultValue = "40", description = "Vertical field of view, degrees (default: ${DEFAULT-VALUE}).")
    float fov;

    /**
     * The camera of a scene file, with what the command line gives instead; framing {@code cloud} as below where
     * the scene has no camera.
     */
    OrbitCamera orbit(GaussianCloud cloud, OrbitCamera fromScene, java.util.function.Predicate<String> given) {
        if (fromScene == null) {
            return orbit(cloud);
        }
        return new OrbitCamera(fromScene.pivot(), given.test("--yaw") ? yaw : fromScene.yawDegrees(),
                given.test("--pitch") ? pitch : fromScene.pitchDegrees(), distance != null ? distance : fromScene.distance(),
                given.test("--fov") ? fov : fromScene.fovYDegrees());
    }

    /** The camera these options give around {@code cloud}: framing it, unless a distance is given. */
    OrbitCamera orbit(GaussianCloud cloud) {
        OrbitCamera framed = HeadlessRenderer.framing(cloud, yaw, pitch, fov);
        return distance == null ? framed : new OrbitCamera(framed.pivot(), yaw, pitch, distance, fov);
    }
}
