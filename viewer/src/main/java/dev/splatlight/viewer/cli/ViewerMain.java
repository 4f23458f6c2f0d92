package dev.splatlight.viewer.cli;

import dev.splatlight.core.cli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the viewer's commands; the launcher routes {@code view}, {@code render}, {@code turntable} and {@code bench-view} here. */
@Command(name = "splatlight", mixinStandardHelpOptions = true, version = "Splatlight 0.1.0", subcommands = {ViewCommand.class, RenderCommand.class, TurntableCommand.class, BenchViewCommand.class})
public final class ViewerMain implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        CommandLine.runAndExit(new ViewerMain(), args);
    }
}
