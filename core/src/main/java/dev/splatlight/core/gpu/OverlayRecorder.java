package dev.splatlight.core.gpu;

import static org.lwjgl.vulkan.KHRPushDescriptor.vkCmdPushDescriptorSetKHR;
import static org.lwjgl.vulkan.VK10.*;

import org.lwjgl.system.MemoryStack;
import org.lwjgl.vulkan.VkCommandBuffer;
import org.lwjgl.vulkan.VkDescriptorImageInfo;
import org.lwjgl.vulkan.VkRect2D;
import org.lwjgl.vulkan.VkViewport;
import org.lwjgl.vulkan.VkWriteDescriptorSet;

/** Draw commands of the overlay pipeline ({@link OverlayPipeline}) inside the swapchain's overlay pass ({@link Swapchain#present}). */
public final class OverlayRecorder {
    private final VkCommandBuffer commands;
    private final int width;
    private final int height;

    OverlayRecorder(VkCommandBuffer commands, int width, int height) {
        this.commands = commands;
        this.width = width;
        this.height = height;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Binds the pipeline, its texture, the screen transform and the vertex and index buffers (u16 indices). */
    public void begin(GraphicsPipeline pipeline, GpuImage texture, Sampler sampler, float[] transform, GpuBuffer vertices,
                      GpuBuffer indices) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            vkCmdBindPipeline(commands, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline.pipeline());
            VkWriteDescriptorSet.Buffer write = VkWriteDescriptorSet.calloc(1, stack).sType$Default().dstBinding(0)
                    .descriptorCount(1).descriptorType(VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER)
                    .pImageInfo(VkDescriptorImageInfo.calloc(1, stack).imageView(texture.view()).sampler(sampler.handle())
                            .imageLayout(texture.layout()));
            vkCmdPushDescriptorSetKHR(commands, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline.layout(), 0, write);
            vkCmdPushConstants(commands, pipeline.layout(), GraphicsPipeline.STAGES, 0, stack.floats(transform));
            vkCmdBindVertexBuffers(commands, 0, stack.longs(vertices.handle()), stack.longs(0));
            vkCmdBindIndexBuffer(commands, indices.handle(), 0, VK_INDEX_TYPE_UINT16);
            vkCmdSetViewport(commands, 0, VkViewport.calloc(1, stack).width(width).height(height).maxDepth(1));
        }
    }

    /** Draws {@code count} indices from {@code firstIndex}, offset by {@code vertexOffset}, clipped to a pixel rectangle. */
    public void draw(int count, int firstIndex, int vertexOffset, int clipX, int clipY, int clipWidth, int clipHeight) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            VkRect2D.Buffer scissor = VkRect2D.calloc(1, stack);
            scissor.offset().set(clipX, clipY);
            scissor.extent().set(clipWidth, clipHeight);
            vkCmdSetScissor(commands, 0, scissor);
            vkCmdDrawIndexed(commands, count, 1, firstIndex, vertexOffset, 0);
        }
    }
}
