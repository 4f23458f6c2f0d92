package dev.splatlight.core.gpu;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.splatlight.core.testing.VulkanTest;
import org.junit.jupiter.api.Test;
import org.lwjgl.vulkan.VK10;

/** The validation layer is really on and really heard: a deliberate misuse must produce a message. */
@VulkanTest
class ValidationLayerTest {
    @Test
    void misuseOfTheApiIsReported(Gpu gpu) {
        assumeTrue(gpu.validationEnabled(), "validation is off (-Dsplatlight.validation=off)");
        try (GpuBuffer buffer = GpuBuffer.create(gpu, "target of a misaligned fill", 64, MemoryKind.DEVICE)) {
            // vkCmdFillBuffer needs a 4-byte aligned offset (VUID-vkCmdFillBuffer-dstOffset-00025).
            gpu.submitAndWait(commands -> VK10.vkCmdFillBuffer(commands.commandBuffer(), buffer.handle(), 2, 4, 0));
        }
        assertFalse(gpu.validationMessages().isEmpty(), "the misaligned fill was not reported");
        gpu.clearValidationMessages(); // expected: do not fail this test for it
    }
}
