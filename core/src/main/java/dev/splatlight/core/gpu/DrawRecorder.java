package dev.splatlight.core.gpu;

import static org.lwjgl.vulkan.KHRPushDescriptor.vkCmdPushDescriptorSetKHR;
import static org.lwjgl.vulkan.VK10.*;

import java.nio.ByteBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.vulkan.VkCommandBuffer;
import org.lwjgl.vulkan.VkDescriptorBufferInfo;
import org.lwjgl.vulkan.VkDescriptorImageInfo;
import org.lwjgl.vulkan.VkWriteDescriptorSet;

/** Draw commands inside {@link CommandRecorder#draw}: a {@link GraphicsPipeline}, its descriptors and indexed draws. */
public final class DrawRecorder {
    private final VkCommandBuffer commands;
    private GraphicsPipeline pipeline;

    DrawRecorder(VkCommandBuffer commands) {
        this.commands = commands;
    }

    public DrawRecorder bind(GraphicsPipeline pipeline) {
        this.pipeline = pipeline;
        vkCmdBindPipeline(commands, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline.pipeline());
        return this;
    }

    /** A uniform buffer at {@code binding} of the bound pipeline's push descriptor set. */
    public DrawRecorder uniform(int binding, GpuBuffer buffer) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            VkWriteDescriptorSet.Buffer write = VkWriteDescriptorSet.calloc(1, stack).sType$Default().dstBinding(binding)
                    .descriptorCount(1).descriptorType(VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER)
                    .pBufferInfo(VkDescriptorBufferInfo.calloc(1, stack).buffer(buffer.handle()).offset(0).range(VK_WHOLE_SIZE));
            vkCmdPushDescriptorSetKHR(commands, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline.layout(), 0, write);
        }
        return this;
    }

    /** A sampled texture at {@code binding} (in GENERAL layout). */
    public DrawRecorder texture(int binding, GpuImage image, Sampler sampler) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            VkWriteDescriptorSet.Buffer write = VkWriteDescriptorSet.calloc(1, stack).sType$Default().dstBinding(binding)
                    .descriptorCount(1).descriptorType(VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER)
                    .pImageInfo(VkDescriptorImageInfo.calloc(1, stack).imageView(image.view()).sampler(sampler.handle())
                            .imageLayout(image.layout()));
            vkCmdPushDescriptorSetKHR(commands, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline.layout(), 0, write);
        }
        return this;
    }

    /** Push constants for the vertex and fragment stages, from the buffer's position to its limit. */
    public DrawRecorder pushConstants(ByteBuffer bytes) {
        vkCmdPushConstants(commands, pipeline.layout(), GraphicsPipeline.STAGES, 0, bytes);
        return this;
    }

    /** Binds a vertex buffer and a u32 index buffer. */
    public DrawRecorder geometry(GpuBuffer vertices, GpuBuffer indices) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            vkCmdBindVertexBuffers(commands, 0, stack.longs(vertices.handle()), stack.longs(0));
        }
        vkCmdBindIndexBuffer(commands, indices.handle(), 0, VK_INDEX_TYPE_UINT32);
        return this;
    }

    public void drawIndexed(int count, int firstIndex) {
        if (count > 0) {
            vkCmdDrawIndexed(commands, count, 1, firstIndex, 0, 0);
        }
    }
}
