package dev.splatlight.core.gpu;

import static org.lwjgl.vulkan.KHRPushDescriptor.vkCmdPushDescriptorSetKHR;
import static org.lwjgl.vulkan.VK10.*;
import static org.lwjgl.vulkan.VK12.VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;
import static org.lwjgl.vulkan.VK13.vkCmdBeginRendering;
import static org.lwjgl.vulkan.VK13.vkCmdEndRendering;

import dev.splatlight.core.gpu.reflect.ReflectedBinding;
import java.nio.ByteBuffer;
import java.util.Map;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.vulkan.VkBufferCopy;
import org.lwjgl.vulkan.VkBufferImageCopy;
import org.lwjgl.vulkan.VkCommandBuffer;
import org.lwjgl.vulkan.VkDescriptorBufferInfo;
import org.lwjgl.vulkan.VkDescriptorImageInfo;
import org.lwjgl.vulkan.VkImageBlit;
import org.lwjgl.vulkan.VkImageMemoryBarrier;
import org.lwjgl.vulkan.VkMemoryBarrier;
import org.lwjgl.vulkan.VkRect2D;
import org.lwjgl.vulkan.VkRenderingAttachmentInfo;
import org.lwjgl.vulkan.VkRenderingInfo;
import org.lwjgl.vulkan.VkViewport;
import org.lwjgl.vulkan.VkWriteDescriptorSet;

/**
 * Records into one command buffer: dispatches with push descriptors, barriers, copies, fills, image layout
 * transitions and timestamps. Dependent dispatches must be separated by {@link #barrier()}.
 */
public final class CommandRecorder {
    private final Gpu gpu;
    private final VkCommandBuffer commands;

    CommandRecorder(Gpu gpu, VkCommandBuffer commands) {
        this.gpu = gpu;
        this.commands = commands;
    }

    /** Dispatches {@code groupsX} workgroups of the call's kernel. Zero groups records nothing. */
    public void dispatch(KernelCall call, int groupsX) {
        dispatch(call, groupsX, 1);
    }

    /** Dispatches a {@code groupsX} × {@code groupsY} grid of workgroups. An empty grid records nothing. */
    public void dispatch(KernelCall call, int groupsX, int groupsY) {
        call.checkComplete();
        if (groupsX < 0 || groupsY < 0) {
            throw new IllegalArgumentException("negative workgroup count " + groupsX + " x " + groupsY);
        }
        if (groupsX == 0 || groupsY == 0) {
            return;
        }
        ComputeKernel kernel = call.kernel();
        try (MemoryStack stack = MemoryStack.stackPush()) {
            vkCmdBindPipeline(commands, VK_PIPELINE_BIND_POINT_COMPUTE, kernel.pipeline());
            Map<ReflectedBinding, Object> bound = call.bound();
            if (!bound.isEmpty()) {
                VkWriteDescriptorSet.Buffer writes = VkWriteDescriptorSet.calloc(bound.size(), stack);
                int i = 0;
                for (Map.Entry<ReflectedBinding, Object> entry : bound.entrySet()) {
                    describe(writes.get(i++), entry.getKey(), entry.getValue(), stack);
                }
                vkCmdPushDescriptorSetKHR(commands, VK_PIPELINE_BIND_POINT_COMPUTE, kernel.pipelineLayout(), 0, writes);
            }
            ByteBuffer push = call.pushConstants();
            if (push.remaining() > 0) {
                ByteBuffer native_ = stack.malloc(push.remaining());
                native_.put(push).flip();
                vkCmdPushConstants(commands, kernel.pipelineLayout(), VK_SHADER_STAGE_COMPUTE_BIT, 0, native_);
            }
            vkCmdDispatch(commands, groupsX, groupsY, 1);
        }
    }

    private static void describe(VkWriteDescriptorSet write, ReflectedBinding binding, Object resource, MemoryStack stack) {
        write.sType$Default().dstBinding(binding.binding()).descriptorCount(1).descriptorType(binding.kind().vkType());
        if (resource instanceof KernelCall.BufferRange range) {
            write.pBufferInfo(VkDescriptorBufferInfo.calloc(1, stack)
                    .buffer(range.buffer().handle()).offset(range.offset()).range(range.range()));
        } else if (resource instanceof KernelCall.ImageBinding image) {
            VkDescriptorImageInfo.Buffer info = VkDescriptorImageInfo.calloc(1, stack)
                    .imageView(image.image().view()).imageLayout(image.image().layout());
            if (image.sampler() != null) {
                info.sampler(image.sampler().handle());
            }
            write.pImageInfo(info);
        }
    }

    /** Makes all earlier shader and transfer writes visible to later shader and transfer work. */
    public void barrier() {
        memoryBarrier(VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT,
                VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_READ_BIT | VK_ACCESS_TRANSFER_WRITE_BIT);
    }

    /** At the end of a submission: every device write becomes visible to the host and to later submissions. */
    void barrierToHost() {
        memoryBarrier(VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, VK_PIPELINE_STAGE_HOST_BIT | VK_PIPELINE_STAGE_ALL_COMMANDS_BIT,
                VK_ACCESS_MEMORY_WRITE_BIT, VK_ACCESS_HOST_READ_BIT | VK_ACCESS_MEMORY_READ_BIT | VK_ACCESS_MEMORY_WRITE_BIT);
    }

    private void memoryBarrier(int sourceStages, int destinationStages, int sourceAccess, int destinationAccess) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            VkMemoryBarrier.Buffer barrier = VkMemoryBarrier.calloc(1, stack).sType$Default()
                    .srcAccessMask(sourceAccess).dstAccessMask(destinationAccess);
            vkCmdPipelineBarrier(commands, sourceStages, destinationStages, 0, barrier, null, null);
        }
    }

    /** Fills a whole buffer with a 32-bit pattern (transfer command; fine for initialisation). */
    public void fill(GpuBuffer buffer, int value) {
        vkCmdFillBuffer(commands, buffer.handle(), 0, VK_WHOLE_SIZE, value);
    }

    public void copy(GpuBuffer source, GpuBuffer destination, long bytes) {
        copy(source, 0, destination, 0, bytes);
    }

    public void copy(GpuBuffer source, long sourceOffset, GpuBuffer destination, long destinationOffset, long bytes) {
        if (bytes == 0) {
            return;
        }
        try (MemoryStack stack = MemoryStack.stackPush()) {
            vkCmdCopyBuffer(commands, source.handle(), destination.handle(),
                    VkBufferCopy.calloc(1, stack).srcOffset(sourceOffset).dstOffset(destinationOffset).size(bytes));
        }
    }

    /** Moves every mip level and layer of {@code image} to {@code newLayout}, waiting for all earlier work. */
    public void transition(GpuImage image, int newLayout) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            VkImageMemoryBarrier.Buffer barrier = VkImageMemoryBarrier.calloc(1, stack).sType$Default()
                    .srcAccessMask(VK_ACCESS_MEMORY_WRITE_BIT).dstAccessMask(VK_ACCESS_MEMORY_READ_BIT | VK_ACCESS_MEMORY_WRITE_BIT)
                    .oldLayout(image.layout()).newLayout(newLayout)
                    .srcQueueFamilyIndex(VK_QUEUE_FAMILY_IGNORED).dstQueueFamilyIndex(VK_QUEUE_FAMILY_IGNORED)
                    .image(image.handle());
            barrier.subresourceRange().aspectMask(image.aspect()).baseMipLevel(0).levelCount(image.mipLevels())
                    .baseArrayLayer(0).layerCount(image.layers());
            vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, 0, null, null, barrier);
        }
        image.setLayout(newLayout);
    }

    /**
     * Fills mips 1.. of a 2D image from mip 0 by linear blits, each half the size of the one before (each level moved
     * to TRANSFER_SRC once written); the whole image ends in SHADER_READ_ONLY layout, for sampling.
     */
    public void generateMips(GpuImage image) {
        transition(image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL);
        try (MemoryStack stack = MemoryStack.stackPush()) {
            VkImageBlit.Buffer blit = VkImageBlit.calloc(1, stack);
            for (int level = 1; level < image.mipLevels(); level++) {
                levelBarrier(image, level - 1, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, stack);
                int sourceWidth = Math.max(1, image.width() >> (level - 1)), sourceHeight = Math.max(1, image.height() >> (level - 1));
                blit.srcSubresource().aspectMask(image.aspect()).mipLevel(level - 1).baseArrayLayer(0).layerCount(image.layers());
                blit.srcOffsets(1).set(sourceWidth, sourceHeight, 1);
                blit.dstSubresource().aspectMask(image.aspect()).mipLevel(level).baseArrayLayer(0).layerCount(image.layers());
                blit.dstOffsets(1).set(Math.max(1, sourceWidth / 2), Math.max(1, sourceHeight / 2), 1);
                vkCmdBlitImage(commands, image.handle(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, image.handle(),
                        VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, blit, VK_FILTER_LINEAR);
            }
            levelBarrier(image, image.mipLevels() - 1, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, stack);
        }
        image.setLayout(VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL); // every level is now
        transition(image, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL);
    }

    private void levelBarrier(GpuImage image, int level, int oldLayout, int newLayout, MemoryStack stack) {
        VkImageMemoryBarrier.Buffer barrier = VkImageMemoryBarrier.calloc(1, stack).sType$Default()
                .srcAccessMask(VK_ACCESS_TRANSFER_WRITE_BIT).dstAccessMask(VK_ACCESS_TRANSFER_READ_BIT)
                .oldLayout(oldLayout).newLayout(newLayout)
                .srcQueueFamilyIndex(VK_QUEUE_FAMILY_IGNORED).dstQueueFamilyIndex(VK_QUEUE_FAMILY_IGNORED).image(image.handle());
        barrier.subresourceRange().aspectMask(image.aspect()).baseMipLevel(level).levelCount(1).baseArrayLayer(0)
                .layerCount(image.layers());
        vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, null, null, barrier);
    }

    /**
     * Draws into {@code colors} (cleared to {@code clearColors}, one RGBA per attachment) and {@code depth} (cleared to
     * {@code clearDepth}, or null) by dynamic rendering over their whole area; afterwards every attachment is in GENERAL
     * layout and its writes are visible to later commands.
     */
    public void draw(java.util.List<GpuImage> colors, float[][] clearColors, GpuImage depth, float clearDepth,
                     java.util.function.Consumer<DrawRecorder> drawing) {
        GpuImage first = colors.isEmpty() ? depth : colors.get(0);
        int width = first.width(), height = first.height();
        for (GpuImage color : colors) {
            transition(color, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL);
        }
        if (depth != null) {
            transition(depth, VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL);
        }
        try (MemoryStack stack = MemoryStack.stackPush()) {
            VkRenderingAttachmentInfo.Buffer colorInfo = VkRenderingAttachmentInfo.calloc(colors.size(), stack);
            for (int i = 0; i < colors.size(); i++) {
                VkRenderingAttachmentInfo info = colorInfo.get(i).sType$Default().imageView(colors.get(i).view())
                        .imageLayout(VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL).loadOp(VK_ATTACHMENT_LOAD_OP_CLEAR)
                        .storeOp(VK_ATTACHMENT_STORE_OP_STORE);
                info.clearValue().color().float32(0, clearColors[i][0]).float32(1, clearColors[i][1])
                        .float32(2, clearColors[i][2]).float32(3, clearColors[i][3]);
            }
            VkRenderingInfo rendering = VkRenderingInfo.calloc(stack).sType$Default().layerCount(1).pColorAttachments(colorInfo);
            rendering.renderArea().extent().set(width, height);
            if (depth != null) {
                VkRenderingAttachmentInfo depthInfo = VkRenderingAttachmentInfo.calloc(stack).sType$Default()
                        .imageView(depth.view()).imageLayout(VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL)
                        .loadOp(VK_ATTACHMENT_LOAD_OP_CLEAR).storeOp(VK_ATTACHMENT_STORE_OP_DONT_CARE);
                depthInfo.clearValue().depthStencil().depth(clearDepth);
                rendering.pDepthAttachment(depthInfo);
            }
            vkCmdBeginRendering(commands, rendering);
            VkViewport.Buffer viewport = VkViewport.calloc(1, stack).width(width).height(height).minDepth(0).maxDepth(1);
            vkCmdSetViewport(commands, 0, viewport);
            VkRect2D.Buffer scissor = VkRect2D.calloc(1, stack);
            scissor.extent().set(width, height);
            vkCmdSetScissor(commands, 0, scissor);
        }
        drawing.accept(new DrawRecorder(commands));
        vkCmdEndRendering(commands);
        for (GpuImage color : colors) {
            transition(color, VK_IMAGE_LAYOUT_GENERAL);
        }
        if (depth != null) {
            transition(depth, VK_IMAGE_LAYOUT_GENERAL);
        }
    }

    /** Copies tightly packed texels of mip 0 (all layers) between a buffer and an image in TRANSFER layouts. */
    public void copyToImage(GpuBuffer source, GpuImage image) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            vkCmdCopyBufferToImage(commands, source.handle(), image.handle(), image.layout(), wholeLevel0(image, stack));
        }
    }

    public void copyFromImage(GpuImage image, GpuBuffer destination) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            vkCmdCopyImageToBuffer(commands, image.handle(), image.layout(), destination.handle(), wholeLevel0(image, stack));
        }
    }

    private static VkBufferImageCopy.Buffer wholeLevel0(GpuImage image, MemoryStack stack) {
        VkBufferImageCopy.Buffer region = VkBufferImageCopy.calloc(1, stack).bufferOffset(0);
        region.imageSubresource().aspectMask(image.aspect()).mipLevel(0).baseArrayLayer(0).layerCount(image.layers());
        region.imageExtent().set(image.width(), image.height(), 1);
        return region;
    }

    /** Resets a timer's queries; record before its first {@link #timestamp}. */
    public void resetTimer(GpuTimer timer) {
        vkCmdResetQueryPool(commands, timer.handle(), 0, timer.capacity());
    }

    /** Writes timestamp {@code index} once all earlier commands have finished. */
    public void timestamp(GpuTimer timer, int index) {
        vkCmdWriteTimestamp(commands, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, timer.handle(), index);
    }

    /** The raw command buffer, for code in this package and its tests. */
    VkCommandBuffer commandBuffer() {
        return commands;
    }

    public Gpu gpu() {
        return gpu;
    }
}
