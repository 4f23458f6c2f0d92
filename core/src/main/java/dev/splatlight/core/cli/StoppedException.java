package dev.splatlight.core.cli;

/**
 * Thrown by the GPU's next submission once a {@link StopRequest} it was given is set (Ctrl-C or SIGTERM during a
 * command without its own safe point, such as {@code eval} or {@code render}): unwinding it closes every Vulkan object
 * in reverse order, the device last, which the NVIDIA driver needs before the JVM exits. {@link CommandLine} reports
 * it in one line with {@link StopRequest#EXIT_STATUS}.
 */
public final class StoppedException extends RuntimeException {
    public StoppedException(String signal) {
        super("stopped (" + signal + ") before finishing; nothing was written but what is complete");
    }
}
