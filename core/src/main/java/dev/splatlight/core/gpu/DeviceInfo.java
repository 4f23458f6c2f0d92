package dev.splatlight.core.gpu;

import java.util.List;

/**
 * What Splatlight needs to know of one Vulkan physical device, read once at start-up.
 *
 * @param index position in vkEnumeratePhysicalDevices order (what {@code --gpu N} means)
 * @param largestDeviceLocalHeap bytes of its largest device-local memory heap (what sizes optional caches)
 * @param missing why the device cannot run Splatlight; empty when it can
 */
public record DeviceInfo(
        int index,
        String name,
        DeviceType type,
        String driverName,
        String driverInfo,
        int apiVersion,
        int subgroupSize,
        int minSubgroupSize,
        int maxSubgroupSize,
        boolean fullSubgroups,
        long maxStorageBufferRange,
        int maxComputeSharedMemory,
        int maxWorkgroupCountX,
        boolean bufferFloatAtomicAdd,
        boolean timestamps,
        float timestampPeriodNanos,
        long largestDeviceLocalHeap,
        List<String> missing) {

    public boolean usable() {
        return missing.isEmpty();
    }

    public String apiVersionString() {
        return Vk.versionString(apiVersion);
    }

    /** Physical device kinds in order of preference for a compute-heavy program. */
    public enum DeviceType {
        DISCRETE_GPU, INTEGRATED_GPU, VIRTUAL_GPU, CPU, OTHER;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }
}
