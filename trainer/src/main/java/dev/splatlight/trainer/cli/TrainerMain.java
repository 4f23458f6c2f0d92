package dev.splatlight.trainer.cli;

import dev.splatlight.core.cli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the trainer's commands; the launcher routes {@code train} and {@code eval} here. */
@Command(name = "splatlight", mixinStandardHelpOptions = true, version = "Splatlight 0.1.0",
        subcommands = {TrainCommand.class, EvalCommand.class, BenchTrainCommand.class})
public final class TrainerMain implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        CommandLine.runAndExit(new TrainerMain(), args);
    }
}
