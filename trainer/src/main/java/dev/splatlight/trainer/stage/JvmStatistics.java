package dev.splatlight.trainer.stage;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/** What the JVM spent on itself, for the training summary: a run slowed by the host shows here. */
final class JvmStatistics {
    private JvmStatistics() {
    }

    /** Milliseconds all garbage collectors have spent collecting since the JVM started (−1 terms are skipped). */
    static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionTime());
        }
        return total;
    }
}
