package dev.splatlight.core.gpu;

import static org.lwjgl.vulkan.EXTShaderAtomicFloat.VK_EXT_SHADER_ATOMIC_FLOAT_EXTENSION_NAME;
import static org.lwjgl.vulkan.KHRPushDescriptor.VK_KHR_PUSH_DESCRIPTOR_EXTENSION_NAME;
import static org.lwjgl.vulkan.VK10.*;
import static org.lwjgl.vulkan.VK11.*;
import static org.lwjgl.vulkan.VK13.*;

import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.vulkan.VkExtensionProperties;
import org.lwjgl.vulkan.VkInstance;
import org.lwjgl.vulkan.VkMemoryHeap;
import org.lwjgl.vulkan.VkPhysicalDevice;
import org.lwjgl.vulkan.VkPhysicalDeviceDriverProperties;
import org.lwjgl.vulkan.VkPhysicalDeviceFeatures2;
import org.lwjgl.vulkan.VkPhysicalDeviceMemoryProperties;
import org.lwjgl.vulkan.VkPhysicalDeviceProperties2;
import org.lwjgl.vulkan.VkPhysicalDeviceShaderAtomicFloatFeaturesEXT;
import org.lwjgl.vulkan.VkPhysicalDeviceSubgroupProperties;
import org.lwjgl.vulkan.VkPhysicalDeviceSubgroupSizeControlProperties;
import org.lwjgl.vulkan.VkPhysicalDeviceVulkan13Features;
import org.lwjgl.vulkan.VkQueueFamilyProperties;

/** Enumerates physical devices and reads, for each, what {@link DeviceInfo} records and what Splatlight requires. */
final class PhysicalDevices {
    static final int REQUIRED_API = VK_API_VERSION_1_3;
    static final int REQUIRED_SUBGROUP_OPS =
            VK_SUBGROUP_FEATURE_BASIC_BIT | VK_SUBGROUP_FEATURE_BALLOT_BIT | VK_SUBGROUP_FEATURE_ARITHMETIC_BIT
                    | VK_SUBGROUP_FEATURE_VOTE_BIT | VK_SUBGROUP_FEATURE_SHUFFLE_BIT;

    private PhysicalDevices() {
    }

    static List<VkPhysicalDevice> handles(VkInstance instance) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer count = stack.mallocInt(1);
            Vk.check(vkEnumeratePhysicalDevices(instance, count, null), "vkEnumeratePhysicalDevices");
            PointerBuffer pointers = stack.mallocPointer(count.get(0));
            Vk.check(vkEnumeratePhysicalDevices(instance, count, pointers), "vkEnumeratePhysicalDevices");
            List<VkPhysicalDevice> devices = new ArrayList<>();
            for (int i = 0; i < count.get(0); i++) {
                devices.add(new VkPhysicalDevice(pointers.get(i), instance));
            }
            return devices;
        }
    }

    static List<DeviceInfo> describeAll(VkInstance instance) {
        List<VkPhysicalDevice> devices = handles(instance);
        List<DeviceInfo> infos = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            infos.add(describe(i, devices.get(i)));
        }
        return infos;
    }

    static DeviceInfo describe(int index, VkPhysicalDevice device) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            VkPhysicalDeviceDriverProperties driver = VkPhysicalDeviceDriverProperties.calloc(stack).sType$Default();
            VkPhysicalDeviceSubgroupProperties subgroup = VkPhysicalDeviceSubgroupProperties.calloc(stack).sType$Default();
            VkPhysicalDeviceSubgroupSizeControlProperties sizeControl =
                    VkPhysicalDeviceSubgroupSizeControlProperties.calloc(stack).sType$Default();
            VkPhysicalDeviceProperties2 properties = VkPhysicalDeviceProperties2.calloc(stack).sType$Default()
                    .pNext(driver).pNext(subgroup).pNext(sizeControl);
            vkGetPhysicalDeviceProperties2(device, properties);
            var core = properties.properties();
            Set<String> extensions = extensionNames(device, stack);

            VkPhysicalDeviceVulkan13Features features13 = VkPhysicalDeviceVulkan13Features.calloc(stack).sType$Default();
            VkPhysicalDeviceShaderAtomicFloatFeaturesEXT atomicFloat =
                    VkPhysicalDeviceShaderAtomicFloatFeaturesEXT.calloc(stack).sType$Default();
            VkPhysicalDeviceFeatures2 features = VkPhysicalDeviceFeatures2.calloc(stack).sType$Default().pNext(features13);
            if (extensions.contains(VK_EXT_SHADER_ATOMIC_FLOAT_EXTENSION_NAME)) {
                features.pNext(atomicFloat);
            }
            boolean apiOk = Integer.compareUnsigned(core.apiVersion(), REQUIRED_API) >= 0;
            if (apiOk) {
                vkGetPhysicalDeviceFeatures2(device, features);
            }
            int queueFamily = computeQueueFamily(device, stack);
            boolean timestamps = queueFamily >= 0 && queueTimestampBits(device, queueFamily, stack) > 0;

            List<String> missing = new ArrayList<>();
            if (!apiOk) {
                missing.add("Vulkan " + Vk.versionString(core.apiVersion()) + " is older than the 1.3 required");
            }
            if (queueFamily < 0) {
                missing.add("no compute queue");
            }
            if (!extensions.contains(VK_KHR_PUSH_DESCRIPTOR_EXTENSION_NAME)) {
                missing.add("no " + VK_KHR_PUSH_DESCRIPTOR_EXTENSION_NAME);
            }
            if ((subgroup.supportedStages() & VK_SHADER_STAGE_COMPUTE_BIT) == 0
                    || (subgroup.supportedOperations() & REQUIRED_SUBGROUP_OPS) != REQUIRED_SUBGROUP_OPS) {
                missing.add("compute shaders lack subgroup basic/ballot/arithmetic operations");
            }
            int minSubgroup = apiOk ? sizeControl.minSubgroupSize() : subgroup.subgroupSize();
            int maxSubgroup = apiOk ? sizeControl.maxSubgroupSize() : subgroup.subgroupSize();
            return new DeviceInfo(index, core.deviceNameString(), typeOf(core.deviceType()),
                    driver.driverNameString(), driver.driverInfoString(), core.apiVersion(),
                    subgroup.subgroupSize(), Math.max(1, minSubgroup), Math.max(1, maxSubgroup),
                    features13.subgroupSizeControl() && features13.computeFullSubgroups(),
                    Integer.toUnsignedLong(core.limits().maxStorageBufferRange()),
                    core.limits().maxComputeSharedMemorySize(),
                    core.limits().maxComputeWorkGroupCount(0),
                    extensions.contains(VK_EXT_SHADER_ATOMIC_FLOAT_EXTENSION_NAME) && atomicFloat.shaderBufferFloat32AtomicAdd(),
                    timestamps, core.limits().timestampPeriod(), largestDeviceLocalHeap(device, stack), List.copyOf(missing));
        }
    }

    static long largestDeviceLocalHeap(VkPhysicalDevice device, MemoryStack stack) {
        VkPhysicalDeviceMemoryProperties memory = VkPhysicalDeviceMemoryProperties.malloc(stack);
        vkGetPhysicalDeviceMemoryProperties(device, memory);
        long largest = 0;
        for (int i = 0; i < memory.memoryHeapCount(); i++) {
            VkMemoryHeap heap = memory.memoryHeaps(i);
            if ((heap.flags() & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT) != 0) {
                largest = Math.max(largest, heap.size());
            }
        }
        return largest;
    }

    static Set<String> extensionNames(VkPhysicalDevice device, MemoryStack stack) {
        IntBuffer count = stack.mallocInt(1);
        Vk.check(vkEnumerateDeviceExtensionProperties(device, (String) null, count, null), "vkEnumerateDeviceExtensionProperties");
        VkExtensionProperties.Buffer properties = VkExtensionProperties.malloc(count.get(0), stack);
        Vk.check(vkEnumerateDeviceExtensionProperties(device, (String) null, count, properties), "vkEnumerateDeviceExtensionProperties");
        Set<String> names = new HashSet<>();
        for (VkExtensionProperties p : properties) {
            names.add(p.extensionNameString());
        }
        return names;
    }

    /** A queue family with compute, preferring one that also does graphics (the viewer presents from it). */
    static int computeQueueFamily(VkPhysicalDevice device, MemoryStack stack) {
        VkQueueFamilyProperties.Buffer families = queueFamilies(device, stack);
        int computeOnly = -1;
        for (int i = 0; i < families.capacity(); i++) {
            int flags = families.get(i).queueFlags();
            if ((flags & VK_QUEUE_COMPUTE_BIT) != 0) {
                if ((flags & VK_QUEUE_GRAPHICS_BIT) != 0) {
                    return i;
                }
                if (computeOnly < 0) {
                    computeOnly = i;
                }
            }
        }
        return computeOnly;
    }

    private static int queueTimestampBits(VkPhysicalDevice device, int family, MemoryStack stack) {
        return queueFamilies(device, stack).get(family).timestampValidBits();
    }

    private static VkQueueFamilyProperties.Buffer queueFamilies(VkPhysicalDevice device, MemoryStack stack) {
        IntBuffer count = stack.mallocInt(1);
        vkGetPhysicalDeviceQueueFamilyProperties(device, count, null);
        VkQueueFamilyProperties.Buffer families = VkQueueFamilyProperties.malloc(count.get(0), stack);
        vkGetPhysicalDeviceQueueFamilyProperties(device, count, families);
        return families;
    }

    private static DeviceInfo.DeviceType typeOf(int vkType) {
        return switch (vkType) {
            case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU -> DeviceInfo.DeviceType.DISCRETE_GPU;
            case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU -> DeviceInfo.DeviceType.INTEGRATED_GPU;
            case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU -> DeviceInfo.DeviceType.VIRTUAL_GPU;
            case VK_PHYSICAL_DEVICE_TYPE_CPU -> DeviceInfo.DeviceType.CPU;
            default -> DeviceInfo.DeviceType.OTHER;
        };
    }
}
