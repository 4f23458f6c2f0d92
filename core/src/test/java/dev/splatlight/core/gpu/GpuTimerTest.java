package dev.splatlight.core.gpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.primitives.BufferCopy;
import dev.splatlight.core.testing.VulkanTest;
import org.junit.jupiter.api.Test;

@VulkanTest
class GpuTimerTest {
    @Test
    void timestampsAroundWorkMeasureAPositiveDuration(Gpu gpu) {
        try (GpuTimer timer = GpuTimer.create(gpu, 2);
             BufferCopy copy = new BufferCopy(gpu);
             GpuBuffer source = GpuBuffer.create(gpu, "source", 1 << 20, MemoryKind.DEVICE);
             GpuBuffer destination = GpuBuffer.create(gpu, "destination", 1 << 20, MemoryKind.DEVICE)) {
            gpu.submitAndWait(commands -> {
                commands.resetTimer(timer);
                commands.timestamp(timer, 0);
                copy.record(commands, source, destination, (1 << 20) / 4);
                commands.timestamp(timer, 1);
            });
            double nanos = timer.elapsedNanos(0, 1);
            assertTrue(nanos > 0 && nanos < 10e9, "elapsed " + nanos + " ns");
        }
    }
}
