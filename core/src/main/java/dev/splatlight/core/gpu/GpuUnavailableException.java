package dev.splatlight.core.gpu;

/**
 * No usable Vulkan driver, device or layer. The message is one line meant for the user; the command line maps this
 * to exit code 2.
 */
public final class GpuUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GpuUnavailableException(String message) {
        super(message);
    }

    public GpuUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
