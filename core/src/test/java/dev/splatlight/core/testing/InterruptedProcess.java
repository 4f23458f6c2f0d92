package dev.splatlight.core.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A program of ours in a JVM of its own that gets Ctrl-C's signal (SIGINT, sent as a shell would) once its output
 * shows it is under way: how the interrupt tests of {@code train} and {@code turntable} meet a real signal.
 */
public final class InterruptedProcess {
    /** Its exit status, everything it printed, and whether the signal was sent. */
    public record Outcome(int exitValue, String log, boolean signalled) {
    }

    private InterruptedProcess() {
    }

    /**
     * Runs {@code main} with {@code args} on this test's class path (and {@code jvmOptions}), sends SIGINT once
     * {@code underWay} accepts its output so far, and waits up to two minutes for it to exit.
     */
    public static Outcome run(List<String> jvmOptions, Class<?> main, List<String> args, Predicate<StringBuilder> underWay)
            throws IOException, InterruptedException {
        return run(jvmOptions, Map.of(), main, args, underWay);
    }

    /** As {@link #run(List, Class, List, Predicate)}, with {@code environment} added to this process's (a display). */
    public static Outcome run(List<String> jvmOptions, Map<String, String> environment, Class<?> main, List<String> args,
                              Predicate<StringBuilder> underWay) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(jvmOptions);
        command.add(main.getName());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        StringBuilder log = new StringBuilder();
        boolean signalled = false;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (int c; (c = reader.read()) >= 0; ) {
                log.append((char) c);
                if (!signalled && underWay.test(log)) {
                    // Process.destroy would send SIGTERM and close our end of the pipe: kill -INT is Ctrl-C's signal
                    new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
                    signalled = true;
                }
            }
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("did not exit within 2 minutes: " + log);
        }
        return new Outcome(process.exitValue(), log.toString(), signalled);
    }
}
