package dev.splatlight.core.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.gpu.reflect.DescriptorKind;
import dev.splatlight.core.gpu.reflect.ReflectedBinding;
import dev.splatlight.core.testing.VulkanTest;
import dev.splatlight.shaders.ShaderProgram;
import java.util.List;
import org.junit.jupiter.api.Test;

@VulkanTest
class ComputeKernelTest {
    @Test
    void reflectionReadsBindingsPushConstantsAndWorkgroupSize(Gpu gpu) {
        try (ComputeKernel kernel = ComputeKernel.create(gpu, ShaderProgram.RADIX_SORT_SCATTER)) {
            List<ReflectedBinding> bindings = kernel.reflection().bindings();
            assertEquals(List.of("KeysIn", "ValuesIn", "KeysOut", "ValuesOut", "DigitOffsets", "SortCount"),
                    bindings.stream().map(ReflectedBinding::name).toList());
            assertTrue(bindings.stream().allMatch(b -> b.kind() == DescriptorKind.STORAGE_BUFFER));
            assertEquals(8, kernel.reflection().pushConstantBytes(), "shift, numBlocks (the count is in SortCount)");
            assertEquals(gpu.workgroupShape().size(), kernel.workgroupSize());
        }
    }

    @Test
    void bindingAnUnknownNameListsTheKnownOnes(Gpu gpu) {
        try (ComputeKernel kernel = ComputeKernel.create(gpu, ShaderProgram.BUFFER_COPY);
             GpuBuffer buffer = GpuBuffer.create(gpu, "b", 64, MemoryKind.DEVICE)) {
            var error = assertThrows(IllegalArgumentException.class, () -> kernel.call().buffer("Sauce", buffer));
            assertTrue(error.getMessage().contains("Source") && error.getMessage().contains("Destination"), error.getMessage());
        }
    }

    @Test
    void dispatchRefusesMissingBindingsAndWrongPushConstantSizes(Gpu gpu) {
        try (ComputeKernel kernel = ComputeKernel.create(gpu, ShaderProgram.BUFFER_COPY);
             GpuBuffer buffer = GpuBuffer.create(gpu, "b", 64, MemoryKind.DEVICE)) {
            assertThrows(IllegalStateException.class, () -> gpu.submitAndWait(commands ->
                    commands.dispatch(kernel.call().buffer("Source", buffer).pushInt(4), 1)));
            assertThrows(IllegalStateException.class, () -> gpu.submitAndWait(commands ->
                    commands.dispatch(kernel.call().buffer("Source", buffer).buffer("Destination", buffer), 1)));
            assertThrows(IllegalArgumentException.class, () -> kernel.call().pushInts(1, 2));
        }
    }
}
