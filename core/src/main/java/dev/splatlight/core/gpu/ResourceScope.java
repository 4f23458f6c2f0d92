package dev.splatlight.core.gpu;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Owns a group of resources with one lifetime (a training run, a stage's scratch, a frame) and closes them in reverse
 * order of {@link #own}. Closing continues past failures and rethrows the first one.
 */
public final class ResourceScope implements AutoCloseable {
    private final String name;
    private final Deque<AutoCloseable> owned = new ArrayDeque<>();
    private boolean closed;

    public ResourceScope(String name) {
        this.name = name;
    }

    public <T extends AutoCloseable> T own(T resource) {
        if (closed) {
            throw new IllegalStateException("resource scope '" + name + "' is closed");
        }
        owned.push(resource);
        return resource;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException first = null;
        while (!owned.isEmpty()) {
            try {
                owned.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("closing resource scope '" + name + "'", e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
