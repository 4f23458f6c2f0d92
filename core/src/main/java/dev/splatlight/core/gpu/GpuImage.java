package dev.splatlight.core.gpu;

import static org.lwjgl.util.vma.Vma.*;
import static org.lwjgl.vulkan.VK10.*;

import java.nio.ByteBuffer;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.util.vma.VmaAllocationCreateInfo;
import org.lwjgl.vulkan.VkImageCreateInfo;
import org.lwjgl.vulkan.VkImageViewCreateInfo;

/**
 * A VMA-allocated 2D image or cubemap (6 layers) with one view over all its mips and layers. It tracks its current
 * layout, which {@link CommandRecorder#transition} changes.
 */
public final class GpuImage implements AutoCloseable {
    private final Gpu gpu;
    private final String name;
    private final long handle;
    private final long allocation;
    private final long view;
    private final int format;
    private final int width;
    private final int height;
    private final int mipLevels;
    private final int layers;
    private final int aspect;
    private int layout = VK_IMAGE_LAYOUT_UNDEFINED;
    private boolean closed;

    private GpuImage(Gpu gpu, String name, long handle, long allocation, long view, int format, int width, int height,
                     int mipLevels, int layers, int aspect) {
        this.gpu = gpu;
        this.aspect = aspect;
        this.name = name;
        this.handle = handle;
        this.allocation = allocation;
        this.view = view;
        this.format = format;
        this.width = width;
        this.height = height;
        this.mipLevels = mipLevels;
        this.layers = layers;
    }

    private static final int STORAGE_USAGE = VK_IMAGE_USAGE_STORAGE_BIT | VK_IMAGE_USAGE_SAMPLED_BIT
            | VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;

    /** A 2D image usable for storage, sampling and transfers. */
    public static GpuImage create2d(Gpu gpu, String name, int format, int width, int height, int mipLevels) {
        return create(gpu, name, format, width, height, mipLevels, false, STORAGE_USAGE);
    }

    /** A cubemap of six square faces (+X, −X, +Y, −Y, +Z, −Z), viewed as a cube. */
    public static GpuImage createCube(Gpu gpu, String name, int format, int size, int mipLevels) {
        return create(gpu, name, format, size, size, mipLevels, true, STORAGE_USAGE);
    }

    /**
     * A texture for sampling only (formats such as sRGB ones have no storage use): uploads, mips by blits
     * ({@link CommandRecorder#generateMips}), sampling.
     */
    public static GpuImage texture(Gpu gpu, String name, int format, int width, int height, int mipLevels) {
        return create(gpu, name, format, width, height, mipLevels, false, VK_IMAGE_USAGE_SAMPLED_BIT
                | VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT);
    }

    /**
     * A render target of a graphics pass: a depth buffer for a depth format, else a colour attachment that compute
     * shaders read afterwards as a storage image (and tests read back).
     */
    public static GpuImage attachment(Gpu gpu, String name, int format, int width, int height) {
        int usage = isDepth(format) ? VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT
                : VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_STORAGE_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
        return create(gpu, name, format, width, height, 1, false, usage);
    }

    /** The number of mips of a full chain down to 1×1. */
    public static int fullMipChain(int width, int height) {
        return 32 - Integer.numberOfLeadingZeros(Math.max(1, Math.max(width, height)));
    }

    static boolean isDepth(int format) {
        return format == VK_FORMAT_D32_SFLOAT || format == VK_FORMAT_D16_UNORM || format == VK_FORMAT_X8_D24_UNORM_PACK32;
    }

    private static GpuImage create(Gpu gpu, String name, int format, int width, int height, int mipLevels, boolean cube,
                                   int usage) {
        if (width <= 0 || height <= 0 || mipLevels <= 0) {
            throw new IllegalArgumentException("image '" + name + "' needs positive size and mip count, got "
                    + width + "x" + height + " with " + mipLevels + " mips");
        }
        int layers = cube ? 6 : 1;
        try (MemoryStack stack = MemoryStack.stackPush()) {
            VkImageCreateInfo info = VkImageCreateInfo.calloc(stack).sType$Default()
                    .flags(cube ? VK_IMAGE_CREATE_CUBE_COMPATIBLE_BIT : 0).imageType(VK_IMAGE_TYPE_2D).format(format)
                    .mipLevels(mipLevels).arrayLayers(layers).samples(VK_SAMPLE_COUNT_1_BIT).tiling(VK_IMAGE_TILING_OPTIMAL)
                    .usage(usage)
                    .sharingMode(VK_SHARING_MODE_EXCLUSIVE).initialLayout(VK_IMAGE_LAYOUT_UNDEFINED);
            info.extent().set(width, height, 1);
            VmaAllocationCreateInfo allocationInfo = VmaAllocationCreateInfo.calloc(stack).usage(VMA_MEMORY_USAGE_AUTO);
            var imageOut = stack.mallocLong(1);
            PointerBuffer allocationOut = stack.mallocPointer(1);
            Vk.check(vmaCreateImage(gpu.allocator(), info, allocationInfo, imageOut, allocationOut, null),
                    "vmaCreateImage(" + name + ", " + width + "x" + height + ")");
            long image = imageOut.get(0);
            long allocation = allocationOut.get(0);
            vmaSetAllocationName(gpu.allocator(), allocation, name);
            gpu.nameObject(VK_OBJECT_TYPE_IMAGE, image, name);
            VkImageViewCreateInfo viewInfo = VkImageViewCreateInfo.calloc(stack).sType$Default().image(image)
                    .viewType(cube ? VK_IMAGE_VIEW_TYPE_CUBE : VK_IMAGE_VIEW_TYPE_2D).format(format);
            int aspect = isDepth(format) ? VK_IMAGE_ASPECT_DEPTH_BIT : VK_IMAGE_ASPECT_COLOR_BIT;
            viewInfo.subresourceRange().aspectMask(aspect).baseMipLevel(0).levelCount(mipLevels)
                    .baseArrayLayer(0).layerCount(layers);
            var viewOut = stack.mallocLong(1);
            int result = vkCreateImageView(gpu.device(), viewInfo, null, viewOut);
            if (result != VK_SUCCESS) {
                vmaDestroyImage(gpu.allocator(), image, allocation);
                Vk.check(result, "vkCreateImageView(" + name + ")");
            }
            GpuImage created = new GpuImage(gpu, name, image, allocation, viewOut.get(0), format, width, height, mipLevels, layers, aspect);
            gpu.register(created, "image '" + name + "' " + width + "x" + height + "x" + layers);
            gpu.noteAllocation();
            return created;
        }
    }

    /** Uploads tightly packed texels of mip 0 (all layers) and leaves the image in GENERAL layout. */
    public void upload(ByteBuffer texels) {
        try (GpuBuffer staging = GpuBuffer.create(gpu, "staging for " + name, texels.remaining(), MemoryKind.UPLOAD)) {
            staging.upload(texels);
            gpu.submitAndWait(commands -> {
                commands.transition(this, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL);
                commands.copyToImage(staging, this);
                commands.transition(this, VK_IMAGE_LAYOUT_GENERAL);
            });
        }
    }

    /** Reads mip 0 (all layers) back as tightly packed texels; leaves the image in GENERAL layout. */
    public ByteBuffer download(long bytes) {
        try (GpuBuffer staging = GpuBuffer.create(gpu, "readback of " + name, bytes, MemoryKind.READBACK)) {
            gpu.submitAndWait(commands -> {
                commands.transition(this, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL);
                commands.copyFromImage(this, staging);
                commands.transition(this, VK_IMAGE_LAYOUT_GENERAL);
            });
            return staging.download(bytes);
        }
    }

    long handle() {
        return handle;
    }

    long view() {
        return view;
    }

    int aspect() {
        return aspect;
    }

    int layout() {
        return layout;
    }

    void setLayout(int layout) {
        this.layout = layout;
    }

    public String name() {
        return name;
    }

    public int format() {
        return format;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int mipLevels() {
        return mipLevels;
    }

    public int layers() {
        return layers;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        vkDestroyImageView(gpu.device(), view, null);
        vmaDestroyImage(gpu.allocator(), handle, allocation);
        gpu.unregister(this);
    }
}
