package dev.splatlight.viewer.cli;

import dev.splatlight.core.testing.CommandHelp;
import org.junit.jupiter.api.Test;

/** Every viewer command's --help prints cleanly: picocli warns instead when a description holds a bare %. */
class ViewerHelpTest {
    @Test
    void everyCommandsHelpFormats() {
        CommandHelp.assertEveryCommandsHelpFormats(ViewerMain::new);
    }
}
