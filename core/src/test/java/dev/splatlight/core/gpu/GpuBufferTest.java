package dev.splatlight.core.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.testing.Buffers;
import dev.splatlight.core.testing.VulkanTest;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

@VulkanTest
class GpuBufferTest {
    @Test
    void uploadThenDownloadReturnsTheSameBytes(Gpu gpu) {
        float[] values = new float[1234];
        Random random = new Random();
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat() * 100 - 50;
        }
        try (GpuBuffer buffer = Buffers.floats(gpu, "round trip [1234] f32", values)) {
            assertArrayEquals(values, Buffers.readFloats(buffer, values.length));
        }
    }

    @Test
    void peakAllocatedBytesRemembersTheHighWaterMark(Gpu gpu) {
        long before = gpu.allocatedBytes();
        long size = 8L << 20;
        try (GpuBuffer big = GpuBuffer.create(gpu, "8 MiB", size, MemoryKind.DEVICE)) {
            assertTrue(gpu.peakAllocatedBytes() >= before + size, "peak " + gpu.peakAllocatedBytes() + " after " + size);
        }
        assertTrue(gpu.allocatedBytes() < before + size, "freed");
        assertTrue(gpu.peakAllocatedBytes() >= before + size, "the peak stays after the buffer is freed");
    }

    @Test
    void newDeviceBuffersArePoisonedInTests(Gpu gpu) {
        try (GpuBuffer buffer = GpuBuffer.create(gpu, "fresh", 64, MemoryKind.DEVICE)) {
            for (int word : Buffers.readInts(buffer, 16)) {
                assertEquals(GpuBuffer.POISON, word);
            }
            assertTrue(Float.isNaN(Float.intBitsToFloat(GpuBuffer.POISON)), "poison reads as NaN");
        }
    }

    @Test
    void sizesRoundUpToWholeSixteenByteWords(Gpu gpu) {
        try (GpuBuffer empty = GpuBuffer.create(gpu, "empty", 0, MemoryKind.DEVICE);
             GpuBuffer odd = GpuBuffer.create(gpu, "odd", 17, MemoryKind.UPLOAD)) {
            assertEquals(16, empty.size());
            assertEquals(32, odd.size());
        }
    }

    @Test
    void uploadLargerThanTheBufferIsRefusedWithItsName(Gpu gpu) {
        try (GpuBuffer buffer = GpuBuffer.create(gpu, "small buffer", 16, MemoryKind.DEVICE)) {
            var error = assertThrows(IllegalArgumentException.class, () -> buffer.upload(ByteBuffer.allocate(64)));
            assertTrue(error.getMessage().contains("small buffer"), error.getMessage());
        }
    }

    @Test
    void closedBuffersStopCountingAsLive(Gpu gpu) {
        int before = gpu.liveObjectCount();
        GpuBuffer buffer = GpuBuffer.create(gpu, "short-lived", 16, MemoryKind.DEVICE);
        assertEquals(before + 1, gpu.liveObjectCount());
        buffer.close();
        buffer.close(); // idempotent
        assertEquals(before, gpu.liveObjectCount());
    }
}
