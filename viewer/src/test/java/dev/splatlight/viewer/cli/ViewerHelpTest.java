package dev.splatlight.viewer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.viewer.testing.ViewerCommands;
import org.junit.jupiter.api.Test;

/** Every viewer command's --help prints cleanly: picocli warns instead when a description holds a bare %. */
class ViewerHelpTest {
    @Test
    void everyCommandsHelpFormats() {
        java.util.Set<String> commands = new picocli.CommandLine(new ViewerMain()).getSubcommands().keySet();
        assertTrue(commands.size() >= 3, "commands: " + commands);
        for (String command : commands) {
            ViewerCommands.Result result = ViewerCommands.run(command, "--help");
            assertEquals(0, result.code(), command + ": " + result.err());
            // stderr may hold other lines (the fuzz tests' instrumentation logs class loading in CI)
            assertTrue(!result.err().contains("picocli WARN"), command + " --help warns (a bare % in a description?): " + result.err());
        }
    }
}
