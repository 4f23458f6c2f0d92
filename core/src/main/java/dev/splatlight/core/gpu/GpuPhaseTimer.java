package dev.splatlight.core.gpu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named GPU timestamps across one or more submissions: {@link #begin} resets, {@link #mark} starts a phase (and ends
 * the previous one), and after the GPU has finished {@link #millis} gives each phase's duration (phases marked more
 * than once add up). The last mark only ends the phase before it.
 */
public final class GpuPhaseTimer implements AutoCloseable {
    private final GpuTimer timer;
    private final List<String> marks = new ArrayList<>();

    public GpuPhaseTimer(Gpu gpu, int capacity) {
        this.timer = GpuTimer.create(gpu, capacity);
    }

    public void begin(CommandRecorder commands) {
        marks.clear();
        commands.resetTimer(timer);
    }

    public void mark(CommandRecorder commands, String phase) {
        if (marks.size() == timer.capacity()) {
            throw new IllegalStateException("more than " + timer.capacity() + " timestamp marks");
        }
        commands.timestamp(timer, marks.size());
        marks.add(phase);
    }

    public Map<String, Double> millis() {
        Map<String, Double> phases = new LinkedHashMap<>();
        for (int i = 0; i + 1 < marks.size(); i++) {
            phases.merge(marks.get(i), timer.elapsedNanos(i, i + 1) * 1e-6, Double::sum);
        }
        return phases;
    }

    @Override
    public void close() {
        timer.close();
    }
}
