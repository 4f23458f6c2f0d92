package dev.splatlight.trainer.stage;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Asks a training run to stop at the end of its current iteration, checkpoint it and return. Installed for SIGINT
 * (Ctrl-C) and SIGTERM by {@code train}: the JVM's default handlers would exit at once, throwing away the iterations
 * since the last checkpoint and skipping the Vulkan teardown the NVIDIA driver needs. A second signal while the first
 * is being honoured exits at once (status 130), for a user who does not want to wait for the checkpoint.
 */
public final class StopRequest {
    /** Exit status of a run stopped by a signal (128 + SIGINT, the shells' convention). */
    public static final int EXIT_STATUS = 130;

    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile String signal;

    /** A request nothing sets but {@link #request}: for tests and for runs without signal handling. */
    public static StopRequest none() {
        return new StopRequest();
    }

    /** A request set by SIGINT or SIGTERM from now on. */
    public static StopRequest onSignals() {
        StopRequest stop = new StopRequest();
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), s -> stop.request("SIG" + s.getName()));
        }
        return stop;
    }

    public void request(String why) {
        if (!requested.compareAndSet(false, true)) {
            System.err.println("\nsplatlight: " + why + " again: exiting without a checkpoint");
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
        signal = why;
        System.err.println("\nsplatlight: " + why + ": stopping after this iteration to write a checkpoint "
                + "(again to exit at once)");
    }

    public boolean requested() {
        return requested.get();
    }

    /** What asked to stop, e.g. "SIGINT". */
    public String reason() {
        return signal;
    }
}
