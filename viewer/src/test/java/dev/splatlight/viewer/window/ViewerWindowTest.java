package dev.splatlight.viewer.window;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.asset.RelightableAsset;
import dev.splatlight.core.cli.StopRequest;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.testing.ExternalTools;
import dev.splatlight.core.testing.InterruptedProcess;
import dev.splatlight.core.mesh.MeshImporter;
import dev.splatlight.core.mesh.MeshPlacement;
import dev.splatlight.core.testing.MeshFiles;
import dev.splatlight.core.testing.VulkanTest;
import dev.splatlight.viewer.cli.ViewerMain;
import dev.splatlight.viewer.render.DecodedPng;
import dev.splatlight.viewer.render.DisplaySettings;
import dev.splatlight.viewer.render.HeadlessRenderGoldenTest;
import dev.splatlight.viewer.render.HeadlessRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The viewer's window on a real X server (Xvfb, started here when there is no display): `view` opens a window on a
 * synthetic asset with a mesh beside it, draws a few frames through the swapchain, writes its last frame and closes — in a child JVM, as
 * a user runs it. Its frame must be the headless render of the same view.
 */
@VulkanTest
class ViewerWindowTest {
    /** Without any display `view` says so in one line (no window-system noise) and writes the headless render. */
    @Test
    void withoutADisplayViewSaysSoAndRendersHeadless(Gpu gpu, @TempDir Path dir) throws Exception {
        Path assetDir = dir.resolve("asset");
        HeadlessRenderGoldenTest.syntheticAsset().write(assetDir);
        ProcessBuilder view = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.splatlight.viewer.cli.ViewerMain", "view", assetDir.toString(),
                "--size", "64x48").directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("view.log").toFile());
        view.environment().remove("DISPLAY");
        view.environment().remove("WAYLAND_DISPLAY");
        view.environment().remove("XDG_RUNTIME_DIR");
        Process process = view.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the viewer ends");
        String log = Files.readString(dir.resolve("view.log"));
        assertEquals(0, process.exitValue(), log);
        assertTrue(log.contains("no display") && !log.contains("XDG_RUNTIME_DIR"), "one line, no noise: " + log);
        assertTrue(Files.isRegularFile(dir.resolve("splatlight-view.png")), log);
    }

    /** This machine's display, or an Xvfb started on a free-looking one (null: the display was already there). */
    private record Display(String name, Process xvfb) implements AutoCloseable {
        static Display open(Path dir, int offset) throws Exception {
            String display = System.getenv("DISPLAY");
            if (display != null && !display.isEmpty()) {
                return new Display(display, null);
            }
            Assumptions.assumeTrue(ExternalTools.onPath("Xvfb"), "no display and no Xvfb (apt-get install xvfb): the window test is skipped");
            display = ":" + (90 + offset + (int) (ProcessHandle.current().pid() % 9));
            Process xvfb = new ProcessBuilder("Xvfb", display, "-screen", "0", "640x480x24").redirectErrorStream(true)
                    .redirectOutput(dir.resolve("xvfb.log").toFile()).start();
            Thread.sleep(1500);
            return new Display(display, xvfb);
        }

        @Override
        public void close() {
            if (xvfb != null) {
                xvfb.destroy();
            }
        }
    }

    /** Ctrl-C in the terminal closes the window as its close button would: the device torn down, exit 130. */
    @Test
    void ctrlCClosesTheWindow(@TempDir Path dir) throws Exception {
        try (Display display = Display.open(dir, 10)) {
            Path assetDir = dir.resolve("asset");
            HeadlessRenderGoldenTest.syntheticAsset().write(assetDir);
            InterruptedProcess.Outcome run = InterruptedProcess.run(List.of(), Map.of("DISPLAY", display.name(),
                            "XDG_RUNTIME_DIR", System.getProperty("java.io.tmpdir")), ViewerMain.class,
                    List.of("view", assetDir.toString(), "--size", "96x64"), log -> log.indexOf("splatlight: viewing") >= 0);
            assertTrue(run.signalled(), "the window opened: " + run.log());
            assertEquals(StopRequest.EXIT_STATUS, run.exitValue(), run.log());
            assertTrue(run.log().contains("splatlight: closed on SIGINT") && !run.log().contains("\tat "), run.log());
        }
    }

    @Test
    void viewOpensDrawsScreenshotsAndCloses(Gpu gpu, @TempDir Path dir) throws Exception {
        try (Display opened = Display.open(dir, 0)) {
            String display = opened.name();
            RelightableAsset asset = HeadlessRenderGoldenTest.syntheticAsset();
            Path assetDir = dir.resolve("asset");
            asset.write(assetDir);
            Path shot = dir.resolve("shot.png");
            Path cube = MeshFiles.gltf(dir, "cube", MeshFiles.Box.of(0.3f, 0, 0, 0.25f), new float[] {0.2f, 0.8f, 0.3f, 1}, 0.4f, 0,
                    null, 0);
            ProcessBuilder view = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), "dev.splatlight.viewer.cli.ViewerMain", "view", assetDir.toString(),
                    "--size", "96x64", "--frames", "3", "--screenshot", shot.toString(), "--mesh", cube.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("view.log").toFile());
            view.environment().put("DISPLAY", display);
            view.environment().putIfAbsent("XDG_RUNTIME_DIR", System.getProperty("java.io.tmpdir"));
            Process process = view.start();
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the viewer closes after its frames");
            String log = Files.readString(dir.resolve("view.log"));
            assertEquals(0, process.exitValue(), log);
            assertTrue(log.contains("wrote " + shot) && !log.contains("no display"), "drew in a window: " + log);

            byte[] windowFrame = readRgba(shot, 96, 64);
            byte[] headless;
            try (HeadlessRenderer renderer = new HeadlessRenderer(gpu, RelightableAsset.read(assetDir), null, 0)) {
                renderer.addMesh(cube, MeshImporter.readTriangles(cube), MeshPlacement.Y_UP_TO_Z_UP);
                headless = renderer.render(HeadlessRenderer.framing(asset.gaussians(), 45, 20, 40), 96, 64, DisplaySettings.DEFAULT);
            }
            assertArrayEquals(headless, windowFrame, "the window shows the headless render of the same view");
        }
    }

    private static byte[] readRgba(Path png, int width, int height) throws Exception {
        DecodedPng picture = DecodedPng.read(png);
        assertTrue(picture.width() == width && picture.height() == height, "a " + width + "x" + height + " screenshot");
        return picture.rgba();
    }
}
