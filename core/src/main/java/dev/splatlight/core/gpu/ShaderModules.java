package dev.splatlight.core.gpu;

import static org.lwjgl.vulkan.VK10.vkCreateShaderModule;

import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;
import org.lwjgl.vulkan.VkShaderModuleCreateInfo;

/** Shader modules for pipeline creation (compute kernels, the overlay); the caller destroys them once the pipeline exists. */
final class ShaderModules {
    private ShaderModules() {
    }

    /** A module of {@code spirv}; {@code program} names it in errors. */
    static long create(Gpu gpu, Object program, byte[] spirv) {
        ByteBuffer code = MemoryUtil.memAlloc(spirv.length);
        try (MemoryStack stack = MemoryStack.stackPush()) {
            code.put(spirv).flip();
            LongBuffer out = stack.mallocLong(1);
            Vk.check(vkCreateShaderModule(gpu.device(), VkShaderModuleCreateInfo.calloc(stack).sType$Default().pCode(code), null, out),
                    "vkCreateShaderModule(" + program + ")");
            return out.get(0);
        } finally {
            MemoryUtil.memFree(code);
        }
    }
}
