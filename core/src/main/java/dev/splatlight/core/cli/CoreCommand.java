package dev.splatlight.core.cli;

import dev.splatlight.core.bench.PrimitivesBenchmark;
import picocli.CommandLine.Command;

/** Entry point of the core tools: {@code gpus} and {@code bench}. The launcher routes to it. */
@Command(name = "splatlight", mixinStandardHelpOptions = true, version = "Splatlight 0.1.0",
        subcommands = {GpusCommand.class, PrimitivesBenchmark.class},
        description = "Relightable 3D Gaussian splats on Vulkan.")
public final class CoreCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        CommandLine.runAndExit(new CoreCommand(), args);
    }
}
