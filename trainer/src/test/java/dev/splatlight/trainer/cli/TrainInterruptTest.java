package dev.splatlight.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.testing.SharedData;
import dev.splatlight.trainer.checkpoint.Checkpoint;
import dev.splatlight.trainer.stage.GeometryStage;
import dev.splatlight.core.cli.StopRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real signal to a real {@code train} process (lavapipe): SIGINT (Ctrl-C) mid-run checkpoints the current iteration, says
 * how to continue in one line and exits 130 after tearing the device down; the checkpoint resumes.
 */
class TrainInterruptTest {
    @Test
    void aSignalCheckpointsTheCurrentIterationAndExitsWithHowToResume(@TempDir Path out) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                TrainerMain.class.getName(), "train", "--data", SharedData.path("datasets/mini").toString(),
                "--out", out.toString(), "--stages", "geometry", "--iterations", "100000", "--checkpoint-every", "100000",
                "--initial-points", "500");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder log = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            boolean signalled = false;
            for (int c; (c = reader.read()) >= 0; ) {
                log.append((char) c);
                // the progress bar reports every 10 iterations: signal once training is under way
                if (!signalled && log.indexOf(" it/s") >= 0 && log.indexOf("splats") >= 0) {
                    // Ctrl-C's signal, sent as a shell would (Process.destroy would also close our end of the pipe)
                    new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
                    signalled = true;
                }
            }
            assertTrue(signalled, "training started: " + log);
        }
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "exited: " + log);
        assertEquals(StopRequest.EXIT_STATUS, process.exitValue(), log.toString());
        String text = log.toString();
        assertTrue(text.contains("stopped (SIGINT) at geometry iteration") && text.contains("--resume"), text);
        assertTrue(!text.contains("\tat "), "no stack trace: " + text);
        Path checkpoint = out.resolve(GeometryStage.CHECKPOINT_FILE);
        assertTrue(Files.exists(checkpoint), "checkpoint written");
        int iteration = Checkpoint.readHeader(checkpoint).iteration();
        assertTrue(iteration >= 10 && iteration < 100000, "iteration of the checkpoint: " + iteration);
        assertTrue(text.contains("iteration " + iteration + ","), "the message names the checkpoint's iteration: " + text);
        assertEquals(iteration, Checkpoint.read(checkpoint).iteration(), "the whole checkpoint reads back");
    }
}
