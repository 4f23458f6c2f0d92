package dev.splatlight.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.testing.InterruptedProcess;
import dev.splatlight.core.testing.SharedData;
import dev.splatlight.trainer.checkpoint.Checkpoint;
import dev.splatlight.trainer.stage.GeometryStage;
import dev.splatlight.core.cli.StopRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real signal to a real {@code train} process (lavapipe): SIGINT (Ctrl-C) mid-run checkpoints the current iteration, says
 * how to continue in one line and exits 130 after tearing the device down; the checkpoint resumes.
 */
class TrainInterruptTest {
    @Test
    void aSignalCheckpointsTheCurrentIterationAndExitsWithHowToResume(@TempDir Path out) throws Exception {
        // the progress bar reports every 10 iterations: signal once training is under way
        InterruptedProcess.Outcome run = InterruptedProcess.run(List.of(), TrainerMain.class,
                List.of("train", "--data", SharedData.path("datasets/mini").toString(), "--out", out.toString(), "--stages",
                        "geometry", "--iterations", "100000", "--checkpoint-every", "100000", "--initial-points", "500"),
                log -> log.indexOf(" it/s") >= 0 && log.indexOf("splats") >= 0);
        assertTrue(run.signalled(), "training started: " + run.log());
        assertEquals(StopRequest.EXIT_STATUS, run.exitValue(), run.log());
        String text = run.log();
        assertTrue(text.contains("stopped (SIGINT) at geometry iteration") && text.contains("--resume"), text);
        assertTrue(!text.contains("\tat "), "no stack trace: " + text);
        Path checkpoint = out.resolve(GeometryStage.CHECKPOINT_FILE);
        assertTrue(Files.exists(checkpoint), "checkpoint written");
        int iteration = Checkpoint.readHeader(checkpoint).iteration();
        assertTrue(iteration >= 10 && iteration < 100000, "iteration of the checkpoint: " + iteration);
        assertTrue(text.contains("iteration " + iteration + ","), "the message names the checkpoint's iteration: " + text);
        assertEquals(iteration, Checkpoint.read(checkpoint).iteration(), "the whole checkpoint reads back");

        // the printed command is the run's own, with --resume; run as printed (but 10 iterations further), it resumes
        String hint = text.substring(text.indexOf("continue with: ") + "continue with: ".length()).lines().findFirst().orElseThrow();
        assertTrue(hint.endsWith("--iterations 100000 --checkpoint-every 100000 --initial-points 500 --resume"), hint);
        List<String> again = new java.util.ArrayList<>(List.of(hint.strip().split(" ")));
        again.remove(0); // ./splatlight
        again.set(again.indexOf("--iterations") + 1, String.valueOf(iteration + 10));
        assertEquals(0, dev.splatlight.core.cli.CommandLine.run(new TrainerMain(), again.toArray(String[]::new)), "resumed");
        assertEquals(iteration + 10, Checkpoint.readHeader(checkpoint).iteration(), "it continued from the checkpoint");
    }
}
