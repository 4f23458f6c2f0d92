package dev.splatlight.viewer.cli;

import dev.splatlight.core.asset.AssetCameras;
import dev.splatlight.core.asset.AssetFormatException;
import dev.splatlight.core.asset.PngFiles;
import dev.splatlight.core.asset.RelightableAsset;
import dev.splatlight.core.cli.GpuChoice;
import dev.splatlight.core.cli.StopRequest;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.light.io.HdrImage;
import dev.splatlight.core.light.io.HdrImageReader;
import dev.splatlight.viewer.render.BundledAssets;
import dev.splatlight.viewer.render.DisplaySettings;
import dev.splatlight.viewer.render.HeadlessRenderer;
import dev.splatlight.viewer.window.ViewerWindow;
import java.nio.file.Files;
import dev.splatlight.viewer.camera.OrbitCamera;
import dev.splatlight.viewer.scene.SceneDescription;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./splatlight view}: the relighting viewer's window, or a headless render where there is no display. */
@Command(name = "view", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Open an asset in a window, relit in real time: left drag orbits, right or middle drag pans, the wheel "
                + "zooms, F frames the asset; M next view mode, + and - exposure, B environment or black background, [ and ] "
                + "turn the HDRI, V vsync, Esc quits; drop an .hdr or .exr on the window to relight.")
public final class ViewCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "ASSET", description = "Asset directory or .ply file (default: the bundled sample, assets/sample).")
    Path asset;

    @Option(names = "--hdri", description = "Light with this HDRI instead of the asset's learned light.")
    Path hdri;

    @Option(names = "--size", defaultValue = "1280x800", description = "Window size WxH (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--frames", defaultValue = "0", description = "Close after this many frames (0: when the window closes).")
    int frames;

    @Option(names = "--screenshot", description = "Write the last frame to this PNG (with --frames).")
    Path screenshot;

    @Mixin
    SceneOptions sceneOptions;

    @Mixin
    GpuChoice gpu;

    @Override
    public Integer call() throws Exception {
        SceneDescription scene = sceneOptions.read();
        asset = BundledAssets.sampleUnless(asset == null && scene != null ? scene.asset() : asset);
        if (hdri == null && scene != null) {
            hdri = scene.hdri();
        }
        int[] wh = RenderCommand.parseSize(size);
        RelightableAsset loaded = RelightableAsset.open(asset);
        HdrImage image = hdri == null ? null : HdrImageReader.read(hdri);
        List<SceneOptions.ReadMesh> meshes = sceneOptions.readMeshes(scene); // before a window opens
        byte[] last;
        int[] lastSize;
        try (ViewerWindow window = new ViewerWindow(loaded, image, "Splatlight — " + asset.getFileName(), wh[0], wh[1], gpu.choice())) {
            window.applyScene(asset, hdri, scene);
            for (SceneOptions.ReadMesh mesh : meshes) {
                window.addMeshNow(mesh.file(), mesh.mesh(), mesh.placement());
            }
            if (Files.isDirectory(asset)) {
                try {
                    window.offerDatasetCameras(AssetCameras.read(asset));
                } catch (AssetFormatException e) { // the asset itself is fine: view it without them
                    System.err.println("splatlight: no dataset cameras: " + e.getMessage());
                }
            }
            StopRequest stop = StopRequest.onSignals("closing the window");
            System.out.println("splatlight: viewing " + asset + " (close the window or press Ctrl-C to quit)");
            last = window.run(frames, stop);
            lastSize = window.size();
            if (stop.requested()) { // returning closes the window, the device last
                System.err.println("splatlight: closed on " + stop.reason());
                return StopRequest.EXIT_STATUS;
            }
        } catch (ViewerWindow.NoDisplayException noDisplay) {
            Path out = screenshot != null ? screenshot : Path.of("splatlight-view.png");
            try (Gpu device = gpu.open();
                 HeadlessRenderer renderer = new HeadlessRenderer(device, loaded, image,
                         scene != null && hdri != null && hdri.equals(scene.hdri()) ? scene.hdriRotationDegrees() : 0)) {
                SceneOptions.place(meshes, renderer);
                OrbitCamera view = scene != null && scene.camera() != null ? scene.camera() : HeadlessRenderer.framing(loaded.gaussians());
                byte[] rgba = renderer.render(view, wh[0], wh[1], scene != null ? scene.display() : DisplaySettings.DEFAULT);
                PngFiles.write(out, rgba, wh[0], wh[1], 4);
            }
            System.out.println("splatlight: no display (" + noDisplay.getMessage().trim() + "): wrote a headless render of the "
                    + "same view to " + out);
            return 0;
        }
        if (screenshot != null && last != null) {
            PngFiles.write(screenshot, last, lastSize[0], lastSize[1], 4);
            System.out.println("wrote " + screenshot);
        }
        return 0;
    }
}
