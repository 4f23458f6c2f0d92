package dev.splatlight.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.cli.CommandLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Set;
import java.util.function.Supplier;

/** Checks a program's commands' --help: picocli prints a warning and the raw text when a description holds a bare %. */
public final class CommandHelp {
    private CommandHelp() {
    }

    /** Every command of {@code program} (a fresh instance per run) prints its --help, exit 0, without picocli's warning. */
    public static void assertEveryCommandsHelpFormats(Supplier<Object> program) {
        Set<String> commands = new picocli.CommandLine(program.get()).getSubcommands().keySet();
        assertTrue(commands.size() >= 3, "commands: " + commands);
        for (String command : commands) {
            PrintStream saved = System.err;
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            System.setErr(new PrintStream(err, true));
            int code;
            try {
                code = CommandLine.run(program.get(), new String[] {command, "--help"});
            } finally {
                System.setErr(saved);
            }
            assertEquals(0, code, command + ": " + err);
            // stderr may hold other lines (the fuzz tests' instrumentation logs class loading in CI)
            assertTrue(!err.toString().contains("picocli WARN"), command + " --help warns (a bare % in a description?): " + err);
        }
    }
}
