package dev.splatlight.core.bench;

/** The host heap a soak samples: what a leak would keep. */
public final class HeapUsage {
    private HeapUsage() {
    }

    /** Bytes of heap in use after a full collection: only live objects count. */
    public static long afterCollection() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
