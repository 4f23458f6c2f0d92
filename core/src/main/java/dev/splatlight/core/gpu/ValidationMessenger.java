package dev.splatlight.core.gpu;

import static org.lwjgl.vulkan.EXTDebugUtils.*;
import static org.lwjgl.vulkan.VK10.VK_NULL_HANDLE;

import java.util.ArrayList;
import java.util.List;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.vulkan.VkDebugUtilsMessengerCallbackDataEXT;
import org.lwjgl.vulkan.VkDebugUtilsMessengerCallbackEXT;
import org.lwjgl.vulkan.VkDebugUtilsMessengerCreateInfoEXT;
import org.lwjgl.vulkan.VkInstance;

/**
 * Receives the Khronos validation layer's messages. Warnings and errors about API use are recorded (tests fail on
 * any) and printed; loader chatter of the GENERAL type is ignored.
 */
public final class ValidationMessenger implements AutoCloseable {
    private final VkInstance instance;
    private final VkDebugUtilsMessengerCallbackEXT callback;
    private final long handle;
    private final List<String> messages = new ArrayList<>();

    private ValidationMessenger(VkInstance instance) {
        this.instance = instance;
        this.callback = VkDebugUtilsMessengerCallbackEXT.create((severity, types, data, userData) -> {
            VkDebugUtilsMessengerCallbackDataEXT message = VkDebugUtilsMessengerCallbackDataEXT.create(data);
            record(severity, types, message.pMessageString());
            return org.lwjgl.vulkan.VK10.VK_FALSE;
        });
        try (MemoryStack stack = MemoryStack.stackPush()) {
            VkDebugUtilsMessengerCreateInfoEXT info = createInfo(stack, callback);
            var handleOut = stack.mallocLong(1);
            Vk.check(vkCreateDebugUtilsMessengerEXT(instance, info, null, handleOut), "vkCreateDebugUtilsMessengerEXT");
            this.handle = handleOut.get(0);
        }
    }

    static ValidationMessenger attach(VkInstance instance) {
        return new ValidationMessenger(instance);
    }

    private static VkDebugUtilsMessengerCreateInfoEXT createInfo(MemoryStack stack, VkDebugUtilsMessengerCallbackEXT callback) {
        return VkDebugUtilsMessengerCreateInfoEXT.calloc(stack).sType$Default()
                .messageSeverity(VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT)
                .messageType(VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT
                        | VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT)
                .pfnUserCallback(callback);
    }

    private synchronized void record(int severity, int types, String text) {
        if ((types & (VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT)) == 0) {
            return;
        }
        String level = (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) != 0 ? "error" : "warning";
        String line = "validation " + level + ": " + text;
        messages.add(line);
        System.err.println(line);
    }

    /** Every recorded warning and error since the last {@link #clear}. */
    public synchronized List<String> messages() {
        return List.copyOf(messages);
    }

    public synchronized void clear() {
        messages.clear();
    }

    @Override
    public void close() {
        if (handle != VK_NULL_HANDLE) {
            vkDestroyDebugUtilsMessengerEXT(instance, handle, null);
        }
        callback.free();
    }
}
