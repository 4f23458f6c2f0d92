package dev.splatlight.core.gpu;

import static org.lwjgl.vulkan.EXTDebugUtils.VK_EXT_DEBUG_UTILS_EXTENSION_NAME;
import static org.lwjgl.vulkan.VK10.*;

import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.vulkan.VK;
import org.lwjgl.vulkan.VkApplicationInfo;
import org.lwjgl.vulkan.VkExtensionProperties;
import org.lwjgl.vulkan.VkInstance;
import org.lwjgl.vulkan.VkInstanceCreateInfo;
import org.lwjgl.vulkan.VkLayerProperties;

/** The Vulkan instance, with the validation layer and its messenger when asked for. */
public final class VulkanInstance implements AutoCloseable {
    public static final String VALIDATION_LAYER = "VK_LAYER_KHRONOS_validation";

    private final VkInstance instance;
    private final ValidationMessenger messenger; // null without validation
    private final boolean debugUtils;
    private boolean closed;

    private VulkanInstance(VkInstance instance, ValidationMessenger messenger, boolean debugUtils) {
        this.instance = instance;
        this.messenger = messenger;
        this.debugUtils = debugUtils;
    }

    /**
     * Creates the instance.
     *
     * @param extraExtensions instance extensions the caller needs (the viewer's window-system surface)
     * @throws GpuUnavailableException when there is no loader, no driver, or validation was asked for but is missing
     */
    public static VulkanInstance create(boolean validation, List<String> extraExtensions) {
        loadVulkanLibrary();
        try (MemoryStack stack = MemoryStack.stackPush()) {
            Set<String> available = availableExtensions(stack);
            List<String> extensions = new ArrayList<>(extraExtensions);
            boolean debugUtils = available.contains(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
            if (debugUtils) {
                extensions.add(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
            }
            if (validation && !availableLayers(stack).contains(VALIDATION_LAYER)) {
                throw new GpuUnavailableException(VALIDATION_LAYER + " is not installed (Debian: apt-get install "
                        + "vulkan-validationlayers), or run without validation (-Dsplatlight.validation=off)");
            }
            VkApplicationInfo app = VkApplicationInfo.calloc(stack).sType$Default()
                    .pApplicationName(stack.UTF8("Splatlight")).applicationVersion(VK_MAKE_VERSION(0, 1, 0))
                    .pEngineName(stack.UTF8("Splatlight")).engineVersion(VK_MAKE_VERSION(0, 1, 0))
                    .apiVersion(PhysicalDevices.REQUIRED_API);
            PointerBuffer extensionNames = stack.mallocPointer(extensions.size());
            extensions.forEach(e -> extensionNames.put(stack.UTF8(e)));
            extensionNames.flip();
            PointerBuffer layers = null;
            if (validation) {
                layers = stack.pointers(stack.UTF8(VALIDATION_LAYER));
            }
            VkInstanceCreateInfo info = VkInstanceCreateInfo.calloc(stack).sType$Default()
                    .pApplicationInfo(app).ppEnabledExtensionNames(extensionNames).ppEnabledLayerNames(layers);
            PointerBuffer handle = stack.mallocPointer(1);
            int result = vkCreateInstance(info, null, handle);
            if (result == VK_ERROR_INCOMPATIBLE_DRIVER) {
                throw new GpuUnavailableException("no Vulkan 1.3 driver found (vkCreateInstance: VK_ERROR_INCOMPATIBLE_DRIVER); "
                        + "install a GPU driver, or mesa-vulkan-drivers for the lavapipe CPU driver");
            }
            Vk.check(result, "vkCreateInstance");
            VkInstance instance = new VkInstance(handle.get(0), info);
            ValidationMessenger messenger = null;
            if (validation && debugUtils) {
                messenger = ValidationMessenger.attach(instance);
            }
            return new VulkanInstance(instance, messenger, debugUtils);
        }
    }

    private static void loadVulkanLibrary() {
        try {
            if (VK.getFunctionProvider() == null) {
                VK.create();
            }
        } catch (Throwable e) {
            throw new GpuUnavailableException("no Vulkan loader found (libvulkan.so.1): install libvulkan1 and a Vulkan driver ("
                    + e.getMessage() + ")", e);
        }
    }

    private static Set<String> availableExtensions(MemoryStack stack) {
        IntBuffer count = stack.mallocInt(1);
        Vk.check(vkEnumerateInstanceExtensionProperties((String) null, count, null), "vkEnumerateInstanceExtensionProperties");
        VkExtensionProperties.Buffer properties = VkExtensionProperties.malloc(count.get(0), stack);
        Vk.check(vkEnumerateInstanceExtensionProperties((String) null, count, properties), "vkEnumerateInstanceExtensionProperties");
        Set<String> names = new HashSet<>();
        properties.forEach(p -> names.add(p.extensionNameString()));
        return names;
    }

    private static Set<String> availableLayers(MemoryStack stack) {
        IntBuffer count = stack.mallocInt(1);
        Vk.check(vkEnumerateInstanceLayerProperties(count, null), "vkEnumerateInstanceLayerProperties");
        VkLayerProperties.Buffer properties = VkLayerProperties.malloc(count.get(0), stack);
        Vk.check(vkEnumerateInstanceLayerProperties(count, properties), "vkEnumerateInstanceLayerProperties");
        Set<String> names = new HashSet<>();
        properties.forEach(p -> names.add(p.layerNameString()));
        return names;
    }

    public VkInstance handle() {
        return instance;
    }

    /** Validation messages recorded so far; empty when validation is off. */
    public List<String> validationMessages() {
        return messenger == null ? List.of() : messenger.messages();
    }

    public void clearValidationMessages() {
        if (messenger != null) {
            messenger.clear();
        }
    }

    public boolean validationEnabled() {
        return messenger != null;
    }

    public boolean debugUtilsEnabled() {
        return debugUtils;
    }

    public List<DeviceInfo> devices() {
        return PhysicalDevices.describeAll(instance);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (messenger != null) {
            messenger.close();
        }
        vkDestroyInstance(instance, null);
    }
}
