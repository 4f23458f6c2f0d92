package dev.splatlight.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.cli.StopRequest;
import dev.splatlight.core.testing.InterruptedProcess;
import dev.splatlight.core.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Ctrl-C to a real {@code eval} process (lavapipe) while it renders: it stops at the GPU's next submission,
 * tears the device down (the NVIDIA driver crashed in libEGL_nvidia when eval died on SIGTERM without that), says so
 * in one line and exits 130, leaving no report behind.
 */
class EvalInterruptTest {
    private static final Pattern RENDERED_SOME = Pattern.compile(" [1-9][0-9]*/[0-9]+ views");
    @Test
    void aSignalStopsTheEvaluationWithTheDeviceReleased(@TempDir Path out) throws Exception {
        Path report = out.resolve("report.json");
        InterruptedProcess.Outcome run = InterruptedProcess.run(List.of(), TrainerMain.class,
                List.of("eval", "--asset", Path.of(System.getProperty("splatlight.sample", "../assets/sample")).toString(), "--data",
                        SharedData.path("datasets/mini").toString(), "--out", report.toString()),
                log -> RENDERED_SOME.matcher(log).find()); // the bar counts rendered views: rendering is under way
        assertTrue(run.signalled(), "the evaluation started: " + run.log());
        assertEquals(StopRequest.EXIT_STATUS, run.exitValue(), run.log());
        assertTrue(run.log().contains("splatlight: stopped (SIGINT)"), run.log());
        assertFalse(run.log().contains("\tat "), "no stack trace: " + run.log());
        assertFalse(Files.exists(report), "no report from an unfinished evaluation");
        assertFalse(run.log().contains("eval 100%"), "the bar does not claim a finished evaluation: " + run.log());
    }
}
