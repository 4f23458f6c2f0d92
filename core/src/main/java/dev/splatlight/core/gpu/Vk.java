package dev.splatlight.core.gpu;

import static org.lwjgl.vulkan.VK10.*;

/** Checks VkResults: every Vulkan and VMA call that returns one goes through {@link #check}. */
public final class Vk {
    private Vk() {
    }

    /** Throws a {@link VulkanException} naming {@code what} unless {@code result} is VK_SUCCESS. */
    public static void check(int result, String what) {
        if (result != VK_SUCCESS) {
            throw new VulkanException(what + " failed: " + resultName(result), result);
        }
    }

    public static String resultName(int result) {
        return switch (result) {
            case VK_SUCCESS -> "VK_SUCCESS";
            case VK_NOT_READY -> "VK_NOT_READY";
            case VK_TIMEOUT -> "VK_TIMEOUT";
            case VK_INCOMPLETE -> "VK_INCOMPLETE";
            case VK_ERROR_OUT_OF_HOST_MEMORY -> "VK_ERROR_OUT_OF_HOST_MEMORY";
            case VK_ERROR_OUT_OF_DEVICE_MEMORY -> "VK_ERROR_OUT_OF_DEVICE_MEMORY";
            case VK_ERROR_INITIALIZATION_FAILED -> "VK_ERROR_INITIALIZATION_FAILED";
            case VK_ERROR_DEVICE_LOST -> "VK_ERROR_DEVICE_LOST";
            case VK_ERROR_MEMORY_MAP_FAILED -> "VK_ERROR_MEMORY_MAP_FAILED";
            case VK_ERROR_LAYER_NOT_PRESENT -> "VK_ERROR_LAYER_NOT_PRESENT";
            case VK_ERROR_EXTENSION_NOT_PRESENT -> "VK_ERROR_EXTENSION_NOT_PRESENT";
            case VK_ERROR_FEATURE_NOT_PRESENT -> "VK_ERROR_FEATURE_NOT_PRESENT";
            case VK_ERROR_INCOMPATIBLE_DRIVER -> "VK_ERROR_INCOMPATIBLE_DRIVER";
            case VK_ERROR_TOO_MANY_OBJECTS -> "VK_ERROR_TOO_MANY_OBJECTS";
            case VK_ERROR_FORMAT_NOT_SUPPORTED -> "VK_ERROR_FORMAT_NOT_SUPPORTED";
            case VK_ERROR_FRAGMENTED_POOL -> "VK_ERROR_FRAGMENTED_POOL";
            default -> "VkResult " + result;
        };
    }

    /** "1.3.230" from a packed VK_MAKE_API_VERSION value. */
    public static String versionString(int packed) {
        return VK_API_VERSION_MAJOR(packed) + "." + VK_API_VERSION_MINOR(packed) + "." + VK_API_VERSION_PATCH(packed);
    }
}
