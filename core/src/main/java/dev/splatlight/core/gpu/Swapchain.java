package dev.splatlight.core.gpu;

import static org.lwjgl.vulkan.KHRSurface.*;
import static org.lwjgl.vulkan.KHRSwapchain.*;
import static org.lwjgl.vulkan.VK10.*;

import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.function.Consumer;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.vulkan.VK13;
import org.lwjgl.vulkan.VkBufferImageCopy;
import org.lwjgl.vulkan.VkCommandBuffer;
import org.lwjgl.vulkan.VkCommandBufferAllocateInfo;
import org.lwjgl.vulkan.VkCommandBufferBeginInfo;
import org.lwjgl.vulkan.VkFenceCreateInfo;
import org.lwjgl.vulkan.VkImageMemoryBarrier;
import org.lwjgl.vulkan.VkImageViewCreateInfo;
import org.lwjgl.vulkan.VkPresentInfoKHR;
import org.lwjgl.vulkan.VkRenderingAttachmentInfo;
import org.lwjgl.vulkan.VkRenderingInfo;
import org.lwjgl.vulkan.VkSemaphoreCreateInfo;
import org.lwjgl.vulkan.VkSubmitInfo;
import org.lwjgl.vulkan.VkSurfaceCapabilitiesKHR;
import org.lwjgl.vulkan.VkSurfaceFormatKHR;
import org.lwjgl.vulkan.VkSwapchainCreateInfoKHR;

/**
 * The window's swapchain on a {@link Gpu} opened for a window: 8-bit RGBA or BGRA images the viewer copies its
 * composited frame into ({@link #present}). Recreated by its owner when the window changes size.
 */
public final class Swapchain implements AutoCloseable {
    private final Gpu gpu;
    private final long handle;
    private final long[] images;
    private final long[] views;
    private final int format;
    private final int width;
    private final int height;
    private final boolean bgra;
    /** Presents whose copy and overlay may still run while the host prepares the next frame. */
    static final int FRAMES_IN_FLIGHT = 2;
    private final FrameSlot[] slots;
    private final long[] copied;  // semaphore per image: its frame is in it (per image, as the present holds it until shown)
    private long framesPresented;
    private boolean closed;

    /** What one frame in flight uses: its command buffer, the fence its submission signals, its acquire semaphore. */
    private record FrameSlot(VkCommandBuffer commands, long fence, long acquired) {
    }

    private Swapchain(Gpu gpu, long handle, long[] images, long[] views, int format, int width, int height, boolean bgra,
                      FrameSlot[] slots, long[] copied) {
        this.gpu = gpu;
        this.handle = handle;
        this.images = images;
        this.views = views;
        this.format = format;
        this.width = width;
        this.height = height;
        this.bgra = bgra;
        this.slots = slots;
        this.copied = copied;
    }

    /** A swapchain of the window's framebuffer size; {@code vsync} picks FIFO, else the fastest mode offered. */
    public static Swapchain create(Gpu gpu, int framebufferWidth, int framebufferHeight, boolean vsync) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            VkSurfaceCapabilitiesKHR capabilities = VkSurfaceCapabilitiesKHR.malloc(stack);
            Vk.check(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(gpu.physicalDevice(), gpu.surface(), capabilities),
                    "vkGetPhysicalDeviceSurfaceCapabilitiesKHR");
            int width = capabilities.currentExtent().width() != -1 ? capabilities.currentExtent().width()
                    : Math.max(capabilities.minImageExtent().width(), Math.min(capabilities.maxImageExtent().width(), framebufferWidth));
            int height = capabilities.currentExtent().height() != -1 ? capabilities.currentExtent().height()
                    : Math.max(capabilities.minImageExtent().height(), Math.min(capabilities.maxImageExtent().height(), framebufferHeight));
            if ((capabilities.supportedUsageFlags() & VK_IMAGE_USAGE_TRANSFER_DST_BIT) == 0) {
                throw new GpuUnavailableException(gpu.info().name() + " cannot copy into this window's images (no TRANSFER_DST usage)");
            }
            VkSurfaceFormatKHR format = chooseFormat(gpu, stack);
            int presentMode = choosePresentMode(gpu, vsync, stack);
            int count = Math.max(capabilities.minImageCount(), 2);
            if (capabilities.maxImageCount() > 0) {
                count = Math.min(count, capabilities.maxImageCount());
            }
            VkSwapchainCreateInfoKHR info = VkSwapchainCreateInfoKHR.calloc(stack).sType$Default().surface(gpu.surface())
                    .minImageCount(count).imageFormat(format.format()).imageColorSpace(format.colorSpace())
                    .imageArrayLayers(1).imageUsage(VK_IMAGE_USAGE_TRANSFER_DST_BIT | VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT)
                    .imageSharingMode(VK_SHARING_MODE_EXCLUSIVE)
                    .preTransform(capabilities.currentTransform()).compositeAlpha(VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR)
                    .presentMode(presentMode).clipped(true);
            info.imageExtent().set(width, height);
            LongBuffer out = stack.mallocLong(1);
            Vk.check(vkCreateSwapchainKHR(gpu.device(), info, null, out), "vkCreateSwapchainKHR");
            long handle = out.get(0);
            IntBuffer imageCount = stack.mallocInt(1);
            vkGetSwapchainImagesKHR(gpu.device(), handle, imageCount, null);
            LongBuffer imageHandles = stack.mallocLong(imageCount.get(0));
            vkGetSwapchainImagesKHR(gpu.device(), handle, imageCount, imageHandles);
            long[] images = new long[imageCount.get(0)];
            imageHandles.get(images);
            long[] views = new long[images.length];
            for (int i = 0; i < images.length; i++) {
                VkImageViewCreateInfo viewInfo = VkImageViewCreateInfo.calloc(stack).sType$Default()
                        .image(images[i]).viewType(VK_IMAGE_VIEW_TYPE_2D).format(format.format());
                viewInfo.subresourceRange().aspectMask(VK_IMAGE_ASPECT_COLOR_BIT).levelCount(1).layerCount(1);
                Vk.check(vkCreateImageView(gpu.device(), viewInfo, null, out), "vkCreateImageView(swapchain)");
                views[i] = out.get(0);
            }
            VkSemaphoreCreateInfo semaphoreInfo = VkSemaphoreCreateInfo.calloc(stack).sType$Default();
            long[] copied = new long[images.length];
            for (int i = 0; i < images.length; i++) {
                Vk.check(vkCreateSemaphore(gpu.device(), semaphoreInfo, null, out), "vkCreateSemaphore");
                copied[i] = out.get(0);
            }
            FrameSlot[] slots = new FrameSlot[FRAMES_IN_FLIGHT];
            for (int i = 0; i < slots.length; i++) {
                Vk.check(vkCreateSemaphore(gpu.device(), semaphoreInfo, null, out), "vkCreateSemaphore");
                long acquired = out.get(0);
                Vk.check(vkCreateFence(gpu.device(), VkFenceCreateInfo.calloc(stack).sType$Default()
                        .flags(VK_FENCE_CREATE_SIGNALED_BIT), null, out), "vkCreateFence"); // signalled: nothing in flight yet
                long fence = out.get(0);
                VkCommandBufferAllocateInfo allocate = VkCommandBufferAllocateInfo.calloc(stack).sType$Default()
                        .commandPool(gpu.commandPool()).level(VK_COMMAND_BUFFER_LEVEL_PRIMARY).commandBufferCount(1);
                PointerBuffer commands = stack.mallocPointer(1);
                Vk.check(vkAllocateCommandBuffers(gpu.device(), allocate, commands), "vkAllocateCommandBuffers");
                slots[i] = new FrameSlot(new VkCommandBuffer(commands.get(0), gpu.device()), fence, acquired);
            }
            boolean bgra = format.format() == VK_FORMAT_B8G8R8A8_UNORM || format.format() == VK_FORMAT_B8G8R8A8_SRGB;
            Swapchain swapchain = new Swapchain(gpu, handle, images, views, format.format(), width, height, bgra, slots, copied);
            gpu.register(swapchain, "swapchain " + width + "x" + height);
            return swapchain;
        }
    }

    private static VkSurfaceFormatKHR chooseFormat(Gpu gpu, MemoryStack stack) {
        IntBuffer count = stack.mallocInt(1);
        vkGetPhysicalDeviceSurfaceFormatsKHR(gpu.physicalDevice(), gpu.surface(), count, null);
        VkSurfaceFormatKHR.Buffer formats = VkSurfaceFormatKHR.malloc(count.get(0), stack);
        vkGetPhysicalDeviceSurfaceFormatsKHR(gpu.physicalDevice(), gpu.surface(), count, formats);
        // Our frames are sRGB-encoded bytes, copied as they are; UNORM also keeps the UI's colours as Dear ImGui means them.
        for (int wanted : new int[] {VK_FORMAT_B8G8R8A8_UNORM, VK_FORMAT_R8G8B8A8_UNORM, VK_FORMAT_B8G8R8A8_SRGB, VK_FORMAT_R8G8B8A8_SRGB}) {
            for (VkSurfaceFormatKHR f : formats) {
                if (f.format() == wanted) {
                    return f;
                }
            }
        }
        throw new GpuUnavailableException(gpu.info().name() + " offers this window no 8-bit RGBA or BGRA format");
    }

    private static int choosePresentMode(Gpu gpu, boolean vsync, MemoryStack stack) {
        if (vsync) {
            return VK_PRESENT_MODE_FIFO_KHR; // always available
        }
        IntBuffer count = stack.mallocInt(1);
        vkGetPhysicalDeviceSurfacePresentModesKHR(gpu.physicalDevice(), gpu.surface(), count, null);
        IntBuffer modes = stack.mallocInt(count.get(0));
        vkGetPhysicalDeviceSurfacePresentModesKHR(gpu.physicalDevice(), gpu.surface(), count, modes);
        int chosen = VK_PRESENT_MODE_FIFO_KHR;
        for (int i = 0; i < modes.capacity(); i++) {
            if (modes.get(i) == VK_PRESENT_MODE_MAILBOX_KHR) {
                return VK_PRESENT_MODE_MAILBOX_KHR;
            }
            if (modes.get(i) == VK_PRESENT_MODE_IMMEDIATE_KHR) {
                chosen = VK_PRESENT_MODE_IMMEDIATE_KHR;
            }
        }
        return chosen;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The images' format (what an overlay pipeline renders to). */
    public int format() {
        return format;
    }

    /** Whether images take bytes in B, G, R, A order (the frame must be written so). */
    public boolean bgra() {
        return bgra;
    }

    /**
     * Copies a tightly packed {@link #width()} × {@link #height()} 8-bit frame into the next image and presents it;
     * the copy runs while the caller goes on (frames in flight). False when the window changed and the swapchain must be
     * recreated.
     */
    public boolean present(GpuBuffer frame) {
        return present(frame, null);
    }

    /**
     * As {@link #present(GpuBuffer)}, with {@code overlay} drawn over the frame (dynamic rendering, the frame loaded)
     * before it is shown; null for none.
     */
    public boolean present(GpuBuffer frame, Consumer<OverlayRecorder> overlay) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            // this slot's previous present (FRAMES_IN_FLIGHT frames ago) must be done before its buffer is re-recorded
            FrameSlot slot = slots[(int) (framesPresented % FRAMES_IN_FLIGHT)];
            Vk.check(vkWaitForFences(gpu.device(), stack.longs(slot.fence()), true, Long.MAX_VALUE), "vkWaitForFences(present)");
            IntBuffer index = stack.mallocInt(1);
            int acquire = vkAcquireNextImageKHR(gpu.device(), handle, Long.MAX_VALUE, slot.acquired(), VK_NULL_HANDLE, index);
            if (acquire == VK_ERROR_OUT_OF_DATE_KHR) {
                return false;
            }
            if (acquire != VK_SUBOPTIMAL_KHR) {
                Vk.check(acquire, "vkAcquireNextImageKHR");
            }
            Vk.check(vkResetFences(gpu.device(), stack.longs(slot.fence())), "vkResetFences(present)");
            long image = images[index.get(0)];
            VkCommandBuffer commands = slot.commands();
            Vk.check(vkBeginCommandBuffer(commands, VkCommandBufferBeginInfo.calloc(stack).sType$Default()
                    .flags(VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT)), "vkBeginCommandBuffer"); // resets it
            transition(commands, image, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, stack);
            VkBufferImageCopy.Buffer region = VkBufferImageCopy.calloc(1, stack);
            region.imageSubresource().aspectMask(VK_IMAGE_ASPECT_COLOR_BIT).layerCount(1);
            region.imageExtent().set(width, height, 1);
            vkCmdCopyBufferToImage(commands, frame.handle(), image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, region);
            int layout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
            if (overlay != null) {
                transition(commands, image, layout, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, stack);
                layout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
                VkRenderingAttachmentInfo.Buffer color = VkRenderingAttachmentInfo.calloc(1, stack)
                        .sType$Default().imageView(views[index.get(0)]).imageLayout(layout)
                        .loadOp(VK_ATTACHMENT_LOAD_OP_LOAD).storeOp(VK_ATTACHMENT_STORE_OP_STORE);
                VkRenderingInfo rendering = VkRenderingInfo.calloc(stack).sType$Default()
                        .layerCount(1).pColorAttachments(color);
                rendering.renderArea().extent().set(width, height);
                VK13.vkCmdBeginRendering(commands, rendering);
                overlay.accept(new OverlayRecorder(commands, width, height));
                VK13.vkCmdEndRendering(commands);
            }
            transition(commands, image, layout, VK_IMAGE_LAYOUT_PRESENT_SRC_KHR, stack);
            Vk.check(vkEndCommandBuffer(commands), "vkEndCommandBuffer");
            long done = copied[index.get(0)];
            VkSubmitInfo submit = VkSubmitInfo.calloc(stack).sType$Default().waitSemaphoreCount(1)
                    .pWaitSemaphores(stack.longs(slot.acquired())).pWaitDstStageMask(stack.ints(VK_PIPELINE_STAGE_TRANSFER_BIT))
                    .pCommandBuffers(stack.pointers(commands)).pSignalSemaphores(stack.longs(done));
            Vk.check(vkQueueSubmit(gpu.queue(), submit, slot.fence()), "vkQueueSubmit(present copy)");
            framesPresented++;
            // No wait here: the copy and overlay run while the host prepares the next frame. The next render's
            // submission comes after them on the queue, and its fence covers everything submitted before it, so the
            // frame buffer and the overlay's buffers are free again when the host next writes them.
            VkPresentInfoKHR present = VkPresentInfoKHR.calloc(stack).sType$Default().pWaitSemaphores(stack.longs(done))
                    .swapchainCount(1).pSwapchains(stack.longs(handle)).pImageIndices(index);
            int presented = vkQueuePresentKHR(gpu.queue(), present);
            if (presented == VK_ERROR_OUT_OF_DATE_KHR || presented == VK_SUBOPTIMAL_KHR) {
                return false;
            }
            Vk.check(presented, "vkQueuePresentKHR");
            return true;
        }
    }

    private static void transition(VkCommandBuffer commands, long image, int from, int to, MemoryStack stack) {
        VkImageMemoryBarrier.Buffer barrier = VkImageMemoryBarrier.calloc(1, stack).sType$Default()
                .srcAccessMask(VK_ACCESS_MEMORY_WRITE_BIT).dstAccessMask(VK_ACCESS_MEMORY_READ_BIT | VK_ACCESS_MEMORY_WRITE_BIT)
                .oldLayout(from).newLayout(to).srcQueueFamilyIndex(VK_QUEUE_FAMILY_IGNORED)
                .dstQueueFamilyIndex(VK_QUEUE_FAMILY_IGNORED).image(image);
        barrier.subresourceRange().aspectMask(VK_IMAGE_ASPECT_COLOR_BIT).levelCount(1).layerCount(1);
        vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, 0, null, null, barrier);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        vkDeviceWaitIdle(gpu.device());
        for (FrameSlot slot : slots) {
            vkFreeCommandBuffers(gpu.device(), gpu.commandPool(), slot.commands());
            vkDestroyFence(gpu.device(), slot.fence(), null);
            vkDestroySemaphore(gpu.device(), slot.acquired(), null);
        }
        for (long semaphore : copied) {
            vkDestroySemaphore(gpu.device(), semaphore, null);
        }
        for (long view : views) {
            vkDestroyImageView(gpu.device(), view, null);
        }
        vkDestroySwapchainKHR(gpu.device(), handle, null);
        gpu.unregister(this);
    }
}
