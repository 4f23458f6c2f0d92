package dev.splatlight.core.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.gpu.DeviceInfo.DeviceType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeviceSelectionTest {
    private static DeviceInfo device(int index, String name, DeviceType type, String... missing) {
        return new DeviceInfo(index, name, type, "driver", "info", 1 << 22 | 3 << 12, 32, 32, 32, true,
                1L << 32, 49152, 65535, true, true, 1f, 8L << 30, List.of(missing));
    }

    private final List<DeviceInfo> devices = List.of(
            device(0, "llvmpipe (LLVM 15.0.6, 256 bits)", DeviceType.CPU),
            device(1, "Intel(R) UHD Graphics", DeviceType.INTEGRATED_GPU),
            device(2, "NVIDIA H100 80GB HBM3", DeviceType.DISCRETE_GPU),
            device(3, "Old GPU", DeviceType.DISCRETE_GPU, "Vulkan 1.1.0 is older than the 1.3 required"));

    @Test
    void automaticSelectionPrefersAUsableDiscreteGpu() {
        assertEquals(2, DeviceSelection.automatic().choose(devices).index());
    }

    @Test
    void aRequestPicksByIndexOrByPartOfTheName() {
        assertEquals(0, new DeviceSelection(Optional.of("0")).choose(devices).index());
        assertEquals(1, new DeviceSelection(Optional.of("intel")).choose(devices).index());
        assertEquals(0, new DeviceSelection(Optional.of("LLVMPIPE")).choose(devices).index());
    }

    @Test
    void unmatchedOrUnusableRequestsFailWithAOneLineReason() {
        var unknown = assertThrows(GpuUnavailableException.class, () -> new DeviceSelection(Optional.of("radeon")).choose(devices));
        assertTrue(unknown.getMessage().contains("NVIDIA H100"), "lists what exists: " + unknown.getMessage());
        var old = assertThrows(GpuUnavailableException.class, () -> new DeviceSelection(Optional.of("old")).choose(devices));
        assertTrue(old.getMessage().contains("older than the 1.3"), old.getMessage());
        assertThrows(GpuUnavailableException.class, () -> new DeviceSelection(Optional.of("9")).choose(devices));
        assertThrows(GpuUnavailableException.class, () -> DeviceSelection.automatic().choose(List.of()));
    }
}
