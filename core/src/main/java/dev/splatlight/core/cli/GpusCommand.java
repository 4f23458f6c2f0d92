package dev.splatlight.core.cli;

import dev.splatlight.core.gpu.DeviceInfo;
import dev.splatlight.core.gpu.DeviceSelection;
import dev.splatlight.core.gpu.VulkanInstance;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ./splatlight gpus}: the Vulkan devices, which one Splatlight would use, and why others are unusable. */
@Command(name = "gpus", mixinStandardHelpOptions = true,
        description = "List Vulkan devices with type, driver and API version, and mark the one Splatlight picks "
                + "(override with --gpu or " + DeviceSelection.ENVIRONMENT_VARIABLE + ").")
public final class GpusCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        try (VulkanInstance instance = VulkanInstance.create(false, List.of())) {
            List<DeviceInfo> devices = instance.devices();
            DeviceInfo chosen = null;
            try {
                chosen = DeviceSelection.fromOptionOrEnvironment(null).choose(devices);
            } catch (RuntimeException e) {
                System.out.println("no device would be chosen: " + e.getMessage());
            }
            for (DeviceInfo device : devices) {
                System.out.printf("%s %d: %s%n", device == chosen ? "*" : " ", device.index(), device.name());
                System.out.printf("     type %s, driver %s (%s), Vulkan %s, %.1f GiB of device memory%n", device.type().label(),
                        device.driverName(), device.driverInfo(), device.apiVersionString(),
                        device.largestDeviceLocalHeap() / (double) (1L << 30));
                System.out.printf("     subgroups %d (%d..%d), storage buffer range %d MiB, shared memory %d KiB%s%n",
                        device.subgroupSize(), device.minSubgroupSize(), device.maxSubgroupSize(),
                        device.maxStorageBufferRange() >> 20, device.maxComputeSharedMemory() >> 10,
                        device.bufferFloatAtomicAdd() ? ", float atomics" : "");
                if (!device.usable()) {
                    System.out.println("     unusable: " + String.join("; ", device.missing()));
                }
            }
            return devices.isEmpty() ? CommandLine.BAD_INPUT : CommandLine.OK;
        }
    }
}
