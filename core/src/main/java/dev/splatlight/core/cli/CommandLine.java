package dev.splatlight.core.cli;

import dev.splatlight.core.gpu.GpuLeakException;
import dev.splatlight.core.gpu.GpuUnavailableException;
import dev.splatlight.core.gpu.VulkanException;
import java.io.PrintWriter;

/**
 * Runs a picocli command with Splatlight's exit-code contract (design.md §6): 0 on success, 2 on bad input or a
 * missing GPU with a one-line reason, 1 otherwise. Stack traces only with SPLATLIGHT_DEBUG=1.
 */
public final class CommandLine {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int BAD_INPUT = 2;

    private CommandLine() {
    }

    /** Parses {@code args} for {@code command}, runs it and exits the JVM with the contract's exit code. */
    public static void runAndExit(Object command, String[] args) {
        System.exit(run(command, args));
    }

    public static int run(Object command, String[] args) {
        picocli.CommandLine commandLine = new picocli.CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((error, line, parsed) -> report(error, line.getErr()));
        commandLine.setParameterExceptionHandler((error, args_) -> {
            PrintWriter err = error.getCommandLine().getErr();
            err.println("splatlight: " + error.getMessage());
            err.println("(see --help)");
            return BAD_INPUT;
        });
        return commandLine.execute(args);
    }

    private static int report(Exception error, PrintWriter err) {
        if ("1".equals(System.getenv("SPLATLIGHT_DEBUG"))) {
            error.printStackTrace(err);
        }
        if (error instanceof StoppedException) {
            err.println("splatlight: " + error.getMessage());
            return StopRequest.EXIT_STATUS;
        }
        if (error instanceof GpuUnavailableException || error instanceof BadInputException
                || error instanceof IllegalArgumentException) {
            err.println("splatlight: " + error.getMessage());
            return BAD_INPUT;
        }
        if (error instanceof VulkanException vulkan && vulkan.isOutOfMemory()) {
            err.println("splatlight: " + error.getMessage() + " — try a smaller scene or a GPU with more memory");
            return FAILURE;
        }
        if (error instanceof GpuLeakException) {
            err.println("splatlight: internal error: " + error.getMessage());
            return FAILURE;
        }
        err.println("splatlight: " + error.getClass().getSimpleName() + ": " + error.getMessage()
                + " (SPLATLIGHT_DEBUG=1 shows the stack trace)");
        return FAILURE;
    }
}
