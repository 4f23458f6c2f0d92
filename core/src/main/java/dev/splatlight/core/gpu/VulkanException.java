package dev.splatlight.core.gpu;

/** A Vulkan or VMA call failed; the message names the call, what it was for, and the VkResult. */
public final class VulkanException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int result;

    public VulkanException(String message, int result) {
        super(message);
        this.result = result;
    }

    public int result() {
        return result;
    }

    /** True when the device or host ran out of memory: callers turn this into a user-facing message. */
    public boolean isOutOfMemory() {
        return result == org.lwjgl.vulkan.VK10.VK_ERROR_OUT_OF_DEVICE_MEMORY
                || result == org.lwjgl.vulkan.VK10.VK_ERROR_OUT_OF_HOST_MEMORY;
    }
}
