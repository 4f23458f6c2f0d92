package dev.splatlight.viewer.testing;

import dev.splatlight.core.cli.CommandLine;
import dev.splatlight.viewer.cli.ViewerMain;
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
}
