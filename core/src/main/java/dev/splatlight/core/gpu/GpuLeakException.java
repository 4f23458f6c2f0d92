package dev.splatlight.core.gpu;

/** GPU objects were still alive when their {@link Gpu} closed; they have been freed, and this names them. */
public final class GpuLeakException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GpuLeakException(String message) {
        super(message);
    }
}
