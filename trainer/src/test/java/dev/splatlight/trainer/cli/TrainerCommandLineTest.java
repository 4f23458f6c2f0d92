package dev.splatlight.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.cli.CommandLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input ends with exit code 2 and a one-line reason naming the file, never a stack trace. */
class TrainerCommandLineTest {
    private static String[] run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        try {
            int code = CommandLine.run(new TrainerMain(), args);
            return new String[] {Integer.toString(code), err.toString()};
        } finally {
            System.setErr(saved);
        }
    }

    @Test
    void aMissingDatasetIsABadInputWithItsPath(@TempDir Path dir) {
        String[] result = run("train", "--data", dir.resolve("nowhere").toString(), "--out", dir.resolve("out").toString());
        assertEquals("2", result[0]);
        assertTrue(result[1].contains("nowhere") && result[1].contains("not found"), result[1]);
        assertTrue(!result[1].contains("\tat "), "no stack trace: " + result[1]);
    }

    @Test
    void resumingWithoutACheckpointSaysSo(@TempDir Path dir) {
        String[] result = run("train", "--data", dir.toString(), "--out", dir.toString(), "--resume");
        assertEquals("2", result[0]);
        assertTrue(result[1].contains("checkpoint"), result[1]);
    }

    @Test
    void evalOfADirectoryThatIsNoAssetSaysWhatIsMissing(@TempDir Path dir) {
        String[] result = run("eval", "--asset", dir.toString(), "--data", dir.toString(), "--out", dir.resolve("r.json").toString());
        assertEquals("2", result[0]);
        assertTrue(result[1].contains("manifest.json"), result[1]);
    }

    @Test
    void unknownOptionsAreRefused() {
        assertEquals("2", run("train", "--frobnicate")[0]);
    }
}
