package dev.splatlight.viewer.testing;

import dev.splatlight.core.cli.CommandLine;
import dev.splatlight.viewer.cli.ViewerMain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/** Runs a viewer command in this JVM as the launcher would: its exit code and what it printed to stderr. */
public final class ViewerCommands {
    public record Result(int code, String err) {
    }

    private ViewerCommands() {
    }

    public static Result run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        try {
            return new Result(CommandLine.run(new ViewerMain(), args), err.toString());
        } finally {
            System.setErr(saved);
        }
    }

    /** The command is bad input: exit 2, its "splatlight:" line names {@code expected}, no stack trace. */
    public static void assertRefused(String expected, String... args) {
        Result result = run(args);
        assertEquals(2, result.code(), result.err());
        String message = result.err().lines().filter(l -> l.startsWith("splatlight:")).findFirst().orElse(result.err());
        assertTrue(message.contains(expected), message);
        assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
    }
}
