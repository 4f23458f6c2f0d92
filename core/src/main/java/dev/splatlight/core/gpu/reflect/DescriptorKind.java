package dev.splatlight.core.gpu.reflect;

import static org.lwjgl.vulkan.VK10.*;

/** The descriptor types Splatlight's shaders use, with their Vulkan enum values. */
public enum DescriptorKind {
    STORAGE_BUFFER(VK_DESCRIPTOR_TYPE_STORAGE_BUFFER),
    UNIFORM_BUFFER(VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER),
    STORAGE_IMAGE(VK_DESCRIPTOR_TYPE_STORAGE_IMAGE),
    COMBINED_IMAGE_SAMPLER(VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER);

    private final int vkType;

    DescriptorKind(int vkType) {
        this.vkType = vkType;
    }

    public int vkType() {
        return vkType;
    }

    public boolean isBuffer() {
        return this == STORAGE_BUFFER || this == UNIFORM_BUFFER;
    }
}
