package dev.splatlight.viewer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.cli.StopRequest;
import dev.splatlight.core.testing.InterruptedProcess;
import dev.splatlight.core.testing.VulkanTest;
import dev.splatlight.viewer.testing.CheckoutHome;
import dev.splatlight.viewer.testing.ViewerCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./splatlight turntable} as a user meets it: a short export of the bundled sample; bad options, a missing
 * asset and an unwritable output end with exit 2 and one line; a real SIGINT mid-export exits 130 leaving no file.
 */
@VulkanTest
@ExtendWith(CheckoutHome.class)
class TurntableCommandTest {
    private static final java.util.regex.Pattern FRAMES_WRITTEN = java.util.regex.Pattern.compile(" [1-9][0-9]*/100000 frames");

    @TempDir
    Path dir;

    private static String[] run(String... args) {
        ViewerCommands.Result result = ViewerCommands.run(args);
        return new String[] {Integer.toString(result.code()), result.err()};
    }

    private void assertRefused(String expectedInMessage, String... args) throws Exception {
        ViewerCommands.assertRefused(expectedInMessage, args);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "nothing written");
        }
    }

    @Test
    void exportsTheBundledSample() throws Exception {
        Path video = dir.resolve("sample.mp4");
        String[] result = run("turntable", "--out", video.toString(), "--frames", "4", "--size", "64x48",
                "--json", dir.resolve("timing.json").toString());
        assertEquals("0", result[0], result[1]);
        assertTrue(Files.size(video) > 0);
        assertTrue(Files.readString(dir.resolve("timing.json")).contains("\"frames_per_second\""));
    }

    @Test
    void oddVideoSizesAreRefusedWithASuggestion() throws Exception {
        assertRefused("try 64x48", "turntable", "--out", dir.resolve("a.mp4").toString(), "--size", "65x49");
    }

    @Test
    void otherVideoContainersAreRefused() throws Exception {
        assertRefused(".mov is not written", "turntable", "--out", dir.resolve("a.mov").toString());
    }

    @Test
    void theTurningLightNeedsAnHdri() throws Exception {
        assertRefused("--hdri", "turntable", "--out", dir.resolve("a.mp4").toString(), "--mode", "light");
    }

    @Test
    void badNumbersAreRefused() throws Exception {
        assertRefused("--frames", "turntable", "--out", dir.resolve("a.mp4").toString(), "--frames", "0");
        assertRefused("--crf", "turntable", "--out", dir.resolve("a.mp4").toString(), "--crf", "60");
        assertRefused("--mode must be camera or light", "turntable", "--out", dir.resolve("a.mp4").toString(), "--mode", "spin");
    }

    @Test
    void aMissingAssetIsNamed() throws Exception {
        assertRefused("nowhere", "turntable", dir.resolve("nowhere").toString(), "--out", dir.resolve("a.mp4").toString());
    }

    @Test
    void anUnwritableOutputIsNamed() throws Exception {
        String[] result = run("turntable", "--out", "/proc/forbidden/a.mp4", "--frames", "2", "--size", "32x32");
        assertEquals("2", result[0], result[1]);
        assertTrue(result[1].contains("/proc/forbidden"), result[1]);
    }

    @Test
    void aSignalStopsTheExportAndLeavesNoFile() throws Exception {
        Path video = dir.resolve("interrupted.mp4");
        // signal once a frame is written (the bar redraws every 500 ms, so any count may be the first shown)
        InterruptedProcess.Outcome run = InterruptedProcess.run(List.of("-Dsplatlight.home=.."), ViewerMain.class,
                List.of("turntable", "--out", video.toString(), "--frames", "100000", "--size", "64x48"),
                log -> FRAMES_WRITTEN.matcher(log).find());
        assertTrue(run.signalled(), "the export started: " + run.log());
        assertEquals(StopRequest.EXIT_STATUS, run.exitValue(), run.log());
        assertTrue(run.log().contains("stopped (SIGINT)") && run.log().contains("nothing was written"), run.log());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "no video and no temporary left");
        }
    }
}
