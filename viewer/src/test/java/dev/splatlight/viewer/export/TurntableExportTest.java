package dev.splatlight.viewer.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.light.io.HdrImage;
import dev.splatlight.core.testing.VulkanTest;
import dev.splatlight.viewer.camera.OrbitCamera;
import dev.splatlight.viewer.render.DisplaySettings;
import dev.splatlight.viewer.render.HeadlessRenderGoldenTest;
import dev.splatlight.viewer.render.HeadlessRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Turntables of the synthetic sphere on lavapipe: an MP4 decoded back (frames, size, format, duration) with a frame
 * compared against a headless render of the same camera; the PNG sequence (lossless: equal to the renders); the
 * turning light; cancellation and encoder failure leaving nothing behind.
 */
@VulkanTest
class TurntableExportTest {
    private static final int W = 96, H = 64, FRAMES = 8, FPS = 24;
    /**
     * Decoded video against the render: yuv420p halves the chroma resolution and the quantiser 16 rounds, which on
     * this small, sharp-edged picture costs a few 8-bit steps on average (measured 37.9 dB on lavapipe).
     */
    private static final double MIN_VIDEO_PSNR = 30;

    @TempDir
    Path dir;

    private static Turntable turntable(TurntableMotion motion) {
        return new Turntable(new OrbitCamera(new Vector3f(), 30, 20, 2.2f, 40), W, H, FRAMES, FPS, motion, 0,
                DisplaySettings.DEFAULT);
    }

    @Test
    void anMp4DecodesBackToTheFramesOfTheHeadlessRenderer(Gpu gpu) throws IOException {
        Turntable turntable = turntable(TurntableMotion.CAMERA);
        Path out = dir.resolve("turntable.mp4");
        List<Integer> progress = new ArrayList<>();
        TurntableJob.Timing timing;
        byte[] third;
        try (HeadlessRenderer renderer = new HeadlessRenderer(gpu, HeadlessRenderGoldenTest.syntheticAsset(), null, 0);
             Mp4Writer writer = new Mp4Writer(out, W, H, FPS, 16, 2)) {
            timing = TurntableExport.run(renderer, turntable, writer, (written, total) -> progress.add(written), () -> false);
            third = renderer.render(turntable.camera(3), W, H, turntable.display());
        }
        assertEquals(FRAMES, timing.frames());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), progress);
        Mp4Reader.Video video = Mp4Reader.read(out);
        assertEquals("h264", video.codec());
        assertEquals("yuv420p", video.pixelFormat());
        assertEquals(W, video.width());
        assertEquals(H, video.height());
        assertEquals(FRAMES, video.frames().size());
        assertEquals(FRAMES / (double) FPS, video.durationSeconds(), 1e-3);
        double psnr = Psnr.rgb(third, video.frames().get(3));
        assertTrue(psnr >= MIN_VIDEO_PSNR, "decoded frame 3 against a headless render of its camera: " + psnr + " dB");
        // and not merely any frame: the camera moved 45° between frames 3 and 4
        assertTrue(Psnr.rgb(third, video.frames().get(4)) < psnr - 3, "frame 4 differs from frame 3's render");
    }

    @Test
    void aPngSequenceHoldsExactlyTheRenders(Gpu gpu) throws IOException {
        Turntable turntable = turntable(TurntableMotion.CAMERA);
        Path out = dir.resolve("frames");
        byte[] first, last;
        try (HeadlessRenderer renderer = new HeadlessRenderer(gpu, HeadlessRenderGoldenTest.syntheticAsset(), null, 0);
             PngSequenceWriter writer = new PngSequenceWriter(out, W, H, FRAMES)) {
            TurntableExport.run(renderer, turntable, writer, (written, total) -> { }, () -> false);
            first = renderer.render(turntable.camera(0), W, H, turntable.display());
            last = renderer.render(turntable.camera(FRAMES - 1), W, H, turntable.display());
        }
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(FRAMES, files.count());
        }
        assertArrayEquals(first, readPng(out.resolve("frame_0000.png")));
        assertArrayEquals(last, readPng(out.resolve("frame_0007.png")));
        assertOnly(dir, "frames");
    }

    @Test
    void theLightModeTurnsTheHdriAroundAStillCamera(Gpu gpu) throws IOException {
        Turntable turntable = turntable(TurntableMotion.LIGHT);
        Path out = dir.resolve("light");
        HdrImage sky = HeadlessRenderGoldenTest.sunnySky();
        try (HeadlessRenderer renderer = new HeadlessRenderer(gpu, HeadlessRenderGoldenTest.syntheticAsset(), sky, 0);
             PngSequenceWriter writer = new PngSequenceWriter(out, W, H, FRAMES)) {
            TurntableExport.run(renderer, turntable, writer, (written, total) -> { }, () -> false);
        }
        byte[] quarter = readPng(out.resolve("frame_0002.png")); // 90°
        try (HeadlessRenderer turned = new HeadlessRenderer(gpu, HeadlessRenderGoldenTest.syntheticAsset(), sky, 90)) {
            byte[] expected = turned.render(turntable.start(), W, H, turntable.display());
            assertTrue(Psnr.rgb(expected, quarter) > 45, "frame 2 is the asset under the HDRI turned by 90°: "
                    + Psnr.rgb(expected, quarter) + " dB");
        }
        assertTrue(Psnr.rgb(readPng(out.resolve("frame_0000.png")), quarter) < 35, "the light moved between frames 0 and 2");
    }

    @Test
    void theLearnedLightCannotTurn(Gpu gpu) throws IOException {
        try (HeadlessRenderer renderer = new HeadlessRenderer(gpu, HeadlessRenderGoldenTest.syntheticAsset(), null, 0);
             PngSequenceWriter writer = new PngSequenceWriter(dir.resolve("x"), W, H, FRAMES)) {
            assertThrows(IllegalArgumentException.class, () -> TurntableExport.run(renderer, turntable(TurntableMotion.LIGHT),
                    writer, (written, total) -> { }, () -> false));
        }
    }

    @Test
    void aCancelledExportLeavesNeitherTheVideoNorATemporary(Gpu gpu) throws IOException {
        Path out = dir.resolve("cancelled.mp4");
        int[] seen = {0};
        try (HeadlessRenderer renderer = new HeadlessRenderer(gpu, HeadlessRenderGoldenTest.syntheticAsset(), null, 0);
             Mp4Writer writer = new Mp4Writer(out, W, H, FPS, 20, 1)) {
            assertThrows(TurntableExport.Cancelled.class, () -> TurntableExport.run(renderer, turntable(TurntableMotion.CAMERA),
                    writer, (written, total) -> seen[0] = written, () -> seen[0] >= 2));
        }
        assertTrue(seen[0] >= 2 && seen[0] < FRAMES, "stopped part-way: " + seen[0]);
        assertOnly(dir);
    }

    @Test
    void anEncoderFailureStopsTheRendererAndIsReported(Gpu gpu) throws IOException {
        FrameSink failing = new FrameSink() {
            int frames;

            @Override
            public void write(byte[] rgba) throws IOException {
                if (++frames == 3) {
                    throw new IOException("No space left on device (injected)");
                }
            }

            @Override
            public void commit() {
                throw new AssertionError("a failed export must not commit");
            }

            @Override
            public void close() {
            }
        };
        try (HeadlessRenderer renderer = new HeadlessRenderer(gpu, HeadlessRenderGoldenTest.syntheticAsset(), null, 0)) {
            IOException e = assertThrows(IOException.class, () -> TurntableExport.run(renderer,
                    new Turntable(turntable(TurntableMotion.CAMERA).start(), W, H, 200, FPS, TurntableMotion.CAMERA, 0,
                            DisplaySettings.DEFAULT), failing, (written, total) -> { }, () -> false));
            assertTrue(e.getMessage().contains("No space left"), e.getMessage());
        }
    }

    @Test
    void theViewersBackgroundExportAdvancesInSmallStepsAndCommitsAtTheEnd(Gpu gpu) throws IOException {
        Path out = dir.resolve("from-the-viewer.mp4");
        int steps = 0;
        try (BackgroundTurntable export = new BackgroundTurntable(gpu, HeadlessRenderGoldenTest.syntheticAsset(), null,
                dev.splatlight.core.light.GBufferShader.Overrides.NONE, turntable(TurntableMotion.CAMERA), out, 20)) {
            float last = 0;
            long deadline = System.nanoTime() + 120_000_000_000L; // the encoder thread may lag on a loaded CI machine
            while (export.step(1) == BackgroundTurntable.Phase.RUNNING) {
                assertTrue(export.progress() >= last, "progress never goes back");
                last = export.progress();
                steps++;
                assertTrue(System.nanoTime() < deadline, "finishes within two minutes");
                Thread.onSpinWait();
            }
            assertEquals(BackgroundTurntable.Phase.DONE, export.step(1), export.message());
            assertTrue(export.message().startsWith("wrote "), export.message());
        }
        assertTrue(steps >= 2, "spread over several viewer frames: " + steps);
        assertEquals(FRAMES, Mp4Reader.read(out).frames().size());
    }

    @Test
    void aCancelledBackgroundExportLeavesNothing(Gpu gpu) throws IOException {
        try (BackgroundTurntable export = new BackgroundTurntable(gpu, HeadlessRenderGoldenTest.syntheticAsset(), null,
                dev.splatlight.core.light.GBufferShader.Overrides.NONE, turntable(TurntableMotion.CAMERA),
                dir.resolve("cancelled.mp4"), 20)) {
            export.step(1);
        }
        assertOnly(dir);
    }

    @Test
    void aPngSequenceNeedsANewOrEmptyFolder() throws IOException {
        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("keep.txt"), "mine");
        assertThrows(RuntimeException.class, () -> new PngSequenceWriter(full, W, H, FRAMES));
        assertEquals("mine", Files.readString(full.resolve("keep.txt")));
        try (PngSequenceWriter writer = new PngSequenceWriter(dir.resolve("never"), W, H, FRAMES)) {
            writer.write(new byte[4 * W * H]);
        }
        assertFalse(Files.exists(dir.resolve("never")), "uncommitted: no folder under the final name");
        assertOnly(dir, "full");
    }

    private static byte[] readPng(Path file) throws IOException {
        return dev.splatlight.viewer.render.DecodedPng.read(file).rgba();
    }

    /** Asserts {@code folder} holds exactly {@code names} (no temporaries). */
    private static void assertOnly(Path folder, String... names) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            assertEquals(List.of(names), entries.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
