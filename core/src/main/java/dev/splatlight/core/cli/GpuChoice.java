package dev.splatlight.core.cli;

import dev.splatlight.core.gpu.DeviceSelection;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuOptions;
import picocli.CommandLine.Option;

/** The {@code --gpu} option of every command that opens a device (a picocli mixin: {@code @Mixin GpuChoice gpu}). */
public final class GpuChoice {
    @Option(names = "--gpu", paramLabel = "N|NAME",
            description = "Device index or part of its name (default: SPLATLIGHT_GPU, else the best device).")
    String choice;

    /** What was asked for, or null (then SPLATLIGHT_GPU, else the best device). */
    public String choice() {
        return choice;
    }

    /** How a program opens the chosen device. */
    public GpuOptions options() {
        return GpuOptions.forProgram(DeviceSelection.fromOptionOrEnvironment(choice));
    }

    /**
     * Opens the chosen device for a command without a safe point of its own: from now on Ctrl-C or SIGTERM makes its
     * next submission throw {@link StoppedException}, so that the command unwinds with the device torn down
     * ({@link StopRequest#atNextGpuSubmission}).
     */
    public Gpu open() {
        StopRequest stop = StopRequest.atNextGpuSubmission();
        return Gpu.open(options()).stopWhen(stop);
    }
}
