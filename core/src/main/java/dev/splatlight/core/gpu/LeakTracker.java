package dev.splatlight.core.gpu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Knows every live GPU object of one {@link Gpu}. At shutdown the survivors are reported (with where they were
 * created, when traced) and closed in reverse order of creation so that the device can still be destroyed cleanly.
 */
final class LeakTracker {
    private final boolean traceCreation;
    private final Map<AutoCloseable, String> live = new LinkedHashMap<>();

    LeakTracker(boolean traceCreation) {
        this.traceCreation = traceCreation;
    }

    synchronized void register(AutoCloseable resource, String description) {
        String where = "";
        if (traceCreation) {
            StackTraceElement[] stack = new Throwable().getStackTrace();
            StringBuilder sb = new StringBuilder();
            for (int i = 2; i < Math.min(stack.length, 9); i++) {
                sb.append("\n      at ").append(stack[i]);
            }
            where = sb.toString();
        }
        live.put(resource, description + where);
    }

    synchronized void unregister(AutoCloseable resource) {
        live.remove(resource);
    }

    synchronized int liveCount() {
        return live.size();
    }

    /** Closes whatever is still alive, newest first; returns one description per leaked object. */
    List<String> closeSurvivors() {
        List<Map.Entry<AutoCloseable, String>> survivors;
        synchronized (this) {
            survivors = new ArrayList<>(live.entrySet());
        }
        List<String> report = new ArrayList<>();
        for (int i = survivors.size() - 1; i >= 0; i--) {
            report.add(survivors.get(i).getValue());
            try {
                survivors.get(i).getKey().close();
            } catch (Exception e) {
                report.add("  (closing it failed: " + e.getMessage() + ")");
            }
        }
        return report;
    }
}
