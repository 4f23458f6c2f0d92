package dev.splatlight.viewer.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MP4 writer, checked by decoding its output through the same binding. */
class Mp4WriterTest {
    @TempDir
    Path dir;

    /** A smooth picture that moves with {@code t}: colour gradients and a bright square (what H.264 keeps well). */
    static byte[] picture(int width, int height, int t) {
        byte[] rgba = new byte[4 * width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = 4 * (y * width + x);
                boolean square = Math.abs(x - (t * 3) % width) < 8 && Math.abs(y - height / 2) < 8;
                rgba[p] = (byte) (square ? 250 : 255 * x / width);
                rgba[p + 1] = (byte) (square ? 250 : 255 * y / height);
                rgba[p + 2] = (byte) (square ? 250 : 128);
                rgba[p + 3] = (byte) 255;
            }
        }
        return rgba;
    }

    @Test
    void decodesBackWithTheFramesSizeFormatAndDurationWritten() throws IOException {
        int width = 96, height = 64, fps = 24, frames = 30;
        Path out = dir.resolve("clip.mp4");
        try (Mp4Writer writer = new Mp4Writer(out, width, height, fps, 16, 2)) {
            for (int i = 0; i < frames; i++) {
                writer.write(picture(width, height, i));
            }
            assertFalse(Files.exists(out), "nothing under the final name before commit");
            writer.commit();
        }
        Mp4Reader.Video video = Mp4Reader.read(out);
        assertEquals("h264", video.codec());
        assertEquals("yuv420p", video.pixelFormat());
        assertEquals(width, video.width());
        assertEquals(height, video.height());
        assertEquals(frames, video.frames().size());
        assertEquals(fps, video.fps(), 1e-6);
        assertEquals(frames / (double) fps, video.durationSeconds(), 1e-3);
        assertTrue(video.moovFirst(), "faststart: the index before the media data");
        for (int i : new int[] {0, 17, frames - 1}) {
            double psnr = Psnr.rgb(picture(width, height, i), video.frames().get(i));
            assertTrue(psnr > 36, "frame " + i + " decodes close to what was written: " + psnr + " dB");
        }
        assertNoTemporaries();
    }

    @Test
    void aLowerQuantiserGivesALargerSharperFile() throws IOException {
        int width = 128, height = 96;
        Random random = new Random(7);
        byte[][] noisy = new byte[8][];
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] = picture(width, height, i);
            for (int p = 0; p < noisy[i].length; p += 4) { // grey noise: in luma, which yuv420p keeps at full resolution
                int grain = random.nextInt(24);
                for (int c = 0; c < 3; c++) {
                    noisy[i][p + c] = (byte) Math.min(255, (noisy[i][p + c] & 255) + grain);
                }
            }
        }
        long[] sizes = new long[2];
        double[] psnr = new double[2];
        int[] quantisers = {12, 36};
        for (int q = 0; q < 2; q++) {
            Path out = dir.resolve("q" + quantisers[q] + ".mp4");
            try (Mp4Writer writer = new Mp4Writer(out, width, height, 30, quantisers[q], 1)) {
                for (byte[] frame : noisy) {
                    writer.write(frame);
                }
                writer.commit();
            }
            sizes[q] = Files.size(out);
            psnr[q] = Psnr.rgb(noisy[3], Mp4Reader.read(out).frames().get(3));
        }
        assertTrue(sizes[0] > 2 * sizes[1], "quantiser 12 vs 36: " + sizes[0] + " vs " + sizes[1] + " bytes");
        assertTrue(psnr[0] > psnr[1] + 3, "quantiser 12 vs 36: " + psnr[0] + " vs " + psnr[1] + " dB");
    }

    @Test
    void anUncommittedVideoLeavesNothingBehind() throws IOException {
        Path out = dir.resolve("cancelled.mp4");
        try (Mp4Writer writer = new Mp4Writer(out, 32, 32, 30, 20, 1)) {
            writer.write(picture(32, 32, 0));
        }
        assertFalse(Files.exists(out));
        assertNoTemporaries();
    }

    @Test
    void anExistingVideoSurvivesACancelledExport() throws IOException {
        Path out = dir.resolve("kept.mp4");
        Files.writeString(out, "previous export");
        try (Mp4Writer writer = new Mp4Writer(out, 32, 32, 30, 20, 1)) {
            writer.write(picture(32, 32, 0));
        }
        assertEquals("previous export", Files.readString(out));
    }

    @Test
    void oddSizesAndBadSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Mp4Writer(dir.resolve("a.mp4"), 33, 32, 30, 20, 1));
        assertThrows(IllegalArgumentException.class, () -> new Mp4Writer(dir.resolve("a.mp4"), 32, 32, 0, 20, 1));
        assertThrows(IllegalArgumentException.class, () -> new Mp4Writer(dir.resolve("a.mp4"), 32, 32, 30, 52, 1));
    }

    private void assertNoTemporaries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".partial")), "no temporaries left");
        }
    }
}
