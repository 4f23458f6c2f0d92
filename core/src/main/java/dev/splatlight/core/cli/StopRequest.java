package dev.splatlight.core.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Asks a long run to stop at its next safe point and return. Installed for SIGINT (Ctrl-C) and SIGTERM by {@code train}
 * (which checkpoints the current iteration), {@code turntable} (which removes its unfinished file) and every other
 * command that opens the GPU, which hands it to {@link dev.splatlight.core.gpu.Gpu#stopWhen} so that its next
 * submission throws {@link StoppedException}: the JVM's default handlers would exit at once, throwing work away,
 * leaving partial files and skipping the Vulkan teardown the NVIDIA driver needs (it crashed in libEGL_nvidia when
 * {@code eval} was sent SIGTERM). A second signal while the first is being honoured exits at once (status 130), for a user who does not
 * want to wait.
 */
public final class StopRequest {
    /** Exit status of a run stopped by a signal (128 + SIGINT, the shells' convention). */
    public static final int EXIT_STATUS = 130;

    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile String signal;
    private final String whatHappensNext;

    private StopRequest(String whatHappensNext) {
        this.whatHappensNext = whatHappensNext;
    }

    /** A request nothing sets but {@link #request}: for tests and for runs without signal handling. */
    public static StopRequest none() {
        return new StopRequest("stopping");
    }

    /**
     * A request set by SIGINT or SIGTERM from now on.
     *
     * @param whatHappensNext printed when a signal arrives, e.g. "stopping after this iteration to write a checkpoint"
     */
    public static StopRequest onSignals(String whatHappensNext) {
        StopRequest stop = new StopRequest(whatHappensNext);
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), s -> stop.request("SIG" + s.getName()));
        }
        return stop;
    }

    /**
     * A request set by SIGINT or SIGTERM, for a command that hands it to its {@link dev.splatlight.core.gpu.Gpu#stopWhen}
     * and has no safe point of its own: it stops at the GPU's next submission.
     */
    public static StopRequest atNextGpuSubmission() {
        return onSignals("stopping at the GPU's next submission, releasing the GPU first");
    }

    public void request(String why) {
        if (!requested.compareAndSet(false, true)) {
            System.err.println("\nsplatlight: " + why + " again: exiting at once");
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
        signal = why;
        System.err.println("\nsplatlight: " + why + ": " + whatHappensNext + " (again to exit at once)");
    }

    public boolean requested() {
        return requested.get();
    }

    /** What asked to stop, e.g. "SIGINT". */
    public String reason() {
        return signal;
    }
}
