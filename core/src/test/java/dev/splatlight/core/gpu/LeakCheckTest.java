package dev.splatlight.core.gpu;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("gpu")
class LeakCheckTest {
    @Test
    void closingAGpuWithLiveObjectsFreesThemAndNamesThem() {
        Gpu gpu = Gpu.open(GpuOptions.forTests());
        GpuBuffer.create(gpu, "forgotten buffer", 64, MemoryKind.DEVICE);
        GpuLeakException leak = assertThrows(GpuLeakException.class, gpu::close);
        assertTrue(leak.getMessage().contains("forgotten buffer"), leak.getMessage());
        assertTrue(leak.getMessage().contains("LeakCheckTest"), "creation site is traced: " + leak.getMessage());
    }
}
