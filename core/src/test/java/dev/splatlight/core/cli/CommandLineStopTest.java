package dev.splatlight.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** A command stopped by a signal at its GPU's next submission exits 130 with one line, no stack trace. */
class CommandLineStopTest {
    @Command(name = "stopped")
    static final class StoppedCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new StoppedException("SIGINT");
        }
    }

    @Test
    void aStoppedCommandExitsWithTheSignalStatusAndOneLine() {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            status = CommandLine.run(new StoppedCommand(), new String[0]);
        } finally {
            System.setErr(original);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(StopRequest.EXIT_STATUS, status, text);
        // only our lines: a CI run's class-loading agent writes its own to stderr
        assertEquals(java.util.List.of("splatlight: stopped (SIGINT) before finishing; nothing was written but what is complete"),
                text.lines().filter(line -> line.startsWith("splatlight") || line.startsWith("\tat ")).toList(), text);
    }
}
