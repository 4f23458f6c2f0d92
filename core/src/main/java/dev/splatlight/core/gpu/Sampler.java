package dev.splatlight.core.gpu;

import static org.lwjgl.vulkan.VK10.*;

import org.lwjgl.system.MemoryStack;
import org.lwjgl.vulkan.VkSamplerCreateInfo;

/** A Vulkan sampler: trilinear or nearest filtering, clamped or repeating addressing, over all mips. */
public final class Sampler implements AutoCloseable {
    /** How texture coordinates outside [0, 1] behave. */
    public enum Addressing { CLAMP, REPEAT }

    private final Gpu gpu;
    private final long handle;
    private boolean closed;

    private Sampler(Gpu gpu, long handle) {
        this.gpu = gpu;
        this.handle = handle;
    }

    public static Sampler create(Gpu gpu, boolean linear, Addressing addressing) {
        int filter = linear ? VK_FILTER_LINEAR : VK_FILTER_NEAREST;
        int address = addressing == Addressing.CLAMP ? VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE : VK_SAMPLER_ADDRESS_MODE_REPEAT;
        try (MemoryStack stack = MemoryStack.stackPush()) {
            VkSamplerCreateInfo info = VkSamplerCreateInfo.calloc(stack).sType$Default()
                    .magFilter(filter).minFilter(filter)
                    .mipmapMode(linear ? VK_SAMPLER_MIPMAP_MODE_LINEAR : VK_SAMPLER_MIPMAP_MODE_NEAREST)
                    .addressModeU(address).addressModeV(address).addressModeW(address)
                    .minLod(0).maxLod(VK_LOD_CLAMP_NONE);
            var out = stack.mallocLong(1);
            Vk.check(vkCreateSampler(gpu.device(), info, null, out), "vkCreateSampler");
            Sampler sampler = new Sampler(gpu, out.get(0));
            gpu.register(sampler, "sampler (" + (linear ? "linear" : "nearest") + ", " + addressing + ")");
            return sampler;
        }
    }

    long handle() {
        return handle;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        vkDestroySampler(gpu.device(), handle, null);
        gpu.unregister(this);
    }
}
