package dev.splatlight.core.gpu;

import static org.lwjgl.vulkan.KHRPushDescriptor.VK_DESCRIPTOR_SET_LAYOUT_CREATE_PUSH_DESCRIPTOR_BIT_KHR;
import static org.lwjgl.vulkan.VK10.vkCreateDescriptorSetLayout;
import static org.lwjgl.vulkan.VK10.vkCreatePipelineLayout;

import java.nio.LongBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.vulkan.VkDescriptorSetLayoutBinding;
import org.lwjgl.vulkan.VkDescriptorSetLayoutCreateInfo;
import org.lwjgl.vulkan.VkPipelineLayoutCreateInfo;
import org.lwjgl.vulkan.VkPushConstantRange;

/**
 * The layouts every Splatlight pipeline has, compute or graphics: one push-descriptor set and at most one push-constant
 * range, both visible to {@code stages}. The caller destroys what these return.
 */
final class PushDescriptorLayouts {
    private PushDescriptorLayouts() {
    }

    /** A push-descriptor set layout: binding {@code bindings[i]} holds one descriptor of {@code types[i]}. */
    static long setLayout(Gpu gpu, int[] bindings, int[] types, int stages, String what, MemoryStack stack) {
        VkDescriptorSetLayoutBinding.Buffer layoutBindings = VkDescriptorSetLayoutBinding.calloc(bindings.length, stack);
        for (int i = 0; i < bindings.length; i++) {
            layoutBindings.get(i).binding(bindings[i]).descriptorType(types[i]).descriptorCount(1).stageFlags(stages);
        }
        LongBuffer out = stack.mallocLong(1);
        Vk.check(vkCreateDescriptorSetLayout(gpu.device(), VkDescriptorSetLayoutCreateInfo.calloc(stack).sType$Default()
                .flags(VK_DESCRIPTOR_SET_LAYOUT_CREATE_PUSH_DESCRIPTOR_BIT_KHR).pBindings(layoutBindings), null, out), what);
        return out.get(0);
    }

    /** A pipeline layout of {@code setLayout} and, when {@code pushBytes} > 0, one push-constant range from offset 0. */
    static long pipelineLayout(Gpu gpu, long setLayout, int pushBytes, int stages, String what, MemoryStack stack) {
        VkPipelineLayoutCreateInfo info = VkPipelineLayoutCreateInfo.calloc(stack).sType$Default().pSetLayouts(stack.longs(setLayout));
        if (pushBytes > 0) {
            info.pPushConstantRanges(VkPushConstantRange.calloc(1, stack).stageFlags(stages).offset(0).size(pushBytes));
        }
        LongBuffer out = stack.mallocLong(1);
        Vk.check(vkCreatePipelineLayout(gpu.device(), info, null, out), what);
        return out.get(0);
    }
}
