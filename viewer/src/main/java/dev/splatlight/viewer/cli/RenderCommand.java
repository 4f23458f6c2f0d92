package dev.splatlight.viewer.cli;

import dev.splatlight.core.asset.AssetCameras;
import dev.splatlight.core.asset.PngFiles;
import dev.splatlight.core.asset.RelightableAsset;
import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.cli.BadInputException;
import dev.splatlight.core.cli.GpuChoice;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.light.io.HdrImage;
import dev.splatlight.viewer.camera.OrbitCamera;
import dev.splatlight.viewer.render.DisplaySettings;
import dev.splatlight.viewer.render.HeadlessRenderer;
import dev.splatlight.viewer.render.ViewMode;
import dev.splatlight.viewer.scene.SceneDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./splatlight render}: one frame of an asset, headless, through the viewer's passes. */
@Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Render an asset (directory from 'train', or a 3DGS .ply) to a PNG without a window, lit by its "
                + "learned light or an HDRI, from an orbit camera.")
public final class RenderCommand implements Callable<Integer> {
    @Mixin
    AssetChoice asset;

    @Option(names = "--out", required = true, description = "PNG file to write.")
    Path out;

    @Option(names = "--size", description = "Image size WxH (default: 800x600, or the --camera's own size).")
    String size;

    @Option(names = "--camera", description = "Render from the asset's dataset camera of this name (e.g. test_000; "
            + "see the asset's cameras.json) instead of an orbit.")
    String cameraName;

    @Mixin
    OrbitOptions orbit;

    @Option(names = "--mode", defaultValue = "shaded",
            description = "shaded, albedo, normal, roughness, metallic, occlusion, indirect, depth or radiance (default: ${DEFAULT-VALUE}).")
    ViewMode mode;

    @Mixin
    LookOptions look;

    @Mixin
    SceneOptions sceneOptions;

    @Mixin
    GpuChoice gpu;

    @Override
    public Integer call() throws Exception {
        dev.splatlight.core.cli.OutputPaths.fileIn(out);
        SceneDescription scene = sceneOptions.readInto(look);
        Path source = asset.source(scene);
        mode = sceneOptions.mode(mode, "--mode", scene);
        RelightableAsset loaded = RelightableAsset.open(source);
        Camera datasetCamera = cameraName == null ? null : datasetCamera(source, cameraName);
        int[] wh = size != null ? parseSize(size)
                : datasetCamera != null ? new int[] {datasetCamera.width(), datasetCamera.height()} : parseSize("800x600");
        HdrImage image = look.readHdri();
        List<SceneOptions.ReadMesh> meshes = sceneOptions.readMeshes(scene);
        DisplaySettings display = look.display(mode);
        try (Gpu device = gpu.open();
             HeadlessRenderer renderer = new HeadlessRenderer(device, loaded, image, look.hdriRotation)) {
            renderer.setTracedReflections(look.tracedReflections(loaded));
            SceneOptions.place(meshes, renderer);
            OrbitCamera camera = orbit.orbit(loaded.gaussians(), scene == null ? null : scene.camera(), sceneOptions.given());
            byte[] rgba = datasetCamera == null ? renderer.render(camera, wh[0], wh[1], display)
                    : renderer.render(datasetCamera.resized(wh[0], wh[1]), camera.distance(), display);
            PngFiles.write(out, rgba, wh[0], wh[1], 4);
        }
        System.out.println("wrote " + out + " (" + wh[0] + "x" + wh[1] + ", " + mode.name().toLowerCase() + ")");
        return 0;
    }

    /** The named camera of an asset directory's cameras.json. */
    static Camera datasetCamera(Path source, String name) {
        List<AssetCameras.Named> cameras = Files.isDirectory(source) ? AssetCameras.read(source) : List.of();
        if (cameras.isEmpty()) {
            throw new BadInputException("--camera: " + source + " has no " + AssetCameras.FILE + " (assets trained by this "
                    + "version of Splatlight have one)");
        }
        return cameras.stream().filter(c -> c.name().equals(name)).findFirst().map(AssetCameras.Named::camera)
                .orElseThrow(() -> new BadInputException("--camera: " + source + " has no camera '" + name + "' (it has "
                        + cameras.get(0).name() + " … " + cameras.get(cameras.size() - 1).name() + ")"));
    }

    static int[] parseSize(String text) {
        String[] parts = text.toLowerCase().split("x");
        try {
            int w = Integer.parseInt(parts[0].trim()), h = Integer.parseInt(parts[1].trim());
            if (parts.length == 2 && w > 0 && h > 0 && w <= 16384 && h <= 16384) {
                return new int[] {w, h};
            }
        } catch (RuntimeException ignored) {
            // reported below
        }
        throw new BadInputException("--size must be WxH with both in 1..16384, got '" + text + "'");
    }
}
