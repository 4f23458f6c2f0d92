package dev.splatlight.core.gpu;

import static org.lwjgl.util.vma.Vma.*;
import static org.lwjgl.vulkan.VK10.*;

import java.nio.ByteBuffer;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;
import org.lwjgl.util.vma.VmaAllocationCreateInfo;
import org.lwjgl.util.vma.VmaAllocationInfo;
import org.lwjgl.vulkan.VkBufferCreateInfo;

/**
 * A VMA-allocated Vulkan buffer usable as storage, uniform, transfer source and destination. Host-visible kinds are
 * persistently mapped. Named, so validation messages say which buffer they mean.
 */
public final class GpuBuffer implements AutoCloseable {
    /** Fill pattern for new buffers in tests: a NaN as f32, a huge value as u32. */
    public static final int POISON = 0xFFBADBAD;

    private final Gpu gpu;
    private final String name;
    private final long handle;
    private final long allocation;
    private final long size;
    private final MemoryKind kind;
    private final long mappedAddress;
    private boolean closed;

    private GpuBuffer(Gpu gpu, String name, long handle, long allocation, long size, MemoryKind kind, long mappedAddress) {
        this.gpu = gpu;
        this.name = name;
        this.handle = handle;
        this.allocation = allocation;
        this.size = size;
        this.kind = kind;
        this.mappedAddress = mappedAddress;
    }

    /**
     * Allocates a buffer of at least {@code size} bytes, rounded up to 16 (a whole number of vec4 words, so
     * {@code BufferCopy} never needs a tail case; Vulkan has no empty buffers).
     *
     * @param name the role and shape, e.g. "sort keys [n] u32"
     */
    public static GpuBuffer create(Gpu gpu, String name, long size, MemoryKind kind) {
        long bytes = Math.max(16, (size + 15) & ~15L);
        try (MemoryStack stack = MemoryStack.stackPush()) {
            VkBufferCreateInfo bufferInfo = VkBufferCreateInfo.calloc(stack).sType$Default().size(bytes)
                    .usage(VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT
                            | VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT
                            | VK_BUFFER_USAGE_VERTEX_BUFFER_BIT | VK_BUFFER_USAGE_INDEX_BUFFER_BIT)
                    .sharingMode(VK_SHARING_MODE_EXCLUSIVE);
            VmaAllocationCreateInfo allocationInfo = VmaAllocationCreateInfo.calloc(stack).usage(VMA_MEMORY_USAGE_AUTO);
            switch (kind) {
                case DEVICE -> allocationInfo.flags(0);
                case UPLOAD -> allocationInfo.flags(VMA_ALLOCATION_CREATE_HOST_ACCESS_SEQUENTIAL_WRITE_BIT
                        | VMA_ALLOCATION_CREATE_MAPPED_BIT);
                case READBACK -> allocationInfo.flags(VMA_ALLOCATION_CREATE_HOST_ACCESS_RANDOM_BIT
                        | VMA_ALLOCATION_CREATE_MAPPED_BIT);
            }
            var handleOut = stack.mallocLong(1);
            PointerBuffer allocationOut = stack.mallocPointer(1);
            VmaAllocationInfo result = VmaAllocationInfo.calloc(stack);
            int status = vmaCreateBuffer(gpu.allocator(), bufferInfo, allocationInfo, handleOut, allocationOut, result);
            if (status == VK_ERROR_OUT_OF_DEVICE_MEMORY || status == VK_ERROR_OUT_OF_HOST_MEMORY) {
                throw new VulkanException("out of GPU memory allocating " + name + " (" + bytes + " bytes, "
                        + (gpu.allocatedBytes() >> 20) + " MiB already allocated)", status);
            }
            Vk.check(status, "vmaCreateBuffer(" + name + ", " + bytes + " bytes)");
            vmaSetAllocationName(gpu.allocator(), allocationOut.get(0), name);
            gpu.nameObject(VK_OBJECT_TYPE_BUFFER, handleOut.get(0), name);
            GpuBuffer buffer = new GpuBuffer(gpu, name, handleOut.get(0), allocationOut.get(0), bytes, kind,
                    kind == MemoryKind.DEVICE ? 0 : result.pMappedData());
            gpu.register(buffer, "buffer '" + name + "' (" + bytes + " bytes)");
            gpu.noteAllocation();
            if (kind == MemoryKind.DEVICE && gpu.options().poisonNewBuffers()) {
                gpu.submitAndWait(commands -> commands.fill(buffer, POISON));
            }
            return buffer;
        }
    }

    /** A device buffer holding {@code data} (uploaded through a staging buffer). */
    public static GpuBuffer withData(Gpu gpu, String name, ByteBuffer data) {
        GpuBuffer buffer = create(gpu, name, data.remaining(), MemoryKind.DEVICE);
        try {
            buffer.upload(data);
            return buffer;
        } catch (RuntimeException e) {
            buffer.close();
            throw e;
        }
    }

    /** A device buffer holding {@code values} (at least 16 bytes, as every buffer). */
    public static GpuBuffer withFloats(Gpu gpu, String name, float[] values) {
        ByteBuffer bytes = ByteBuffer.allocateDirect(Math.max(4, values.length * 4)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return withData(gpu, name, bytes.limit(values.length * 4));
    }

    public static GpuBuffer withInts(Gpu gpu, String name, int[] values) {
        ByteBuffer bytes = ByteBuffer.allocateDirect(Math.max(4, values.length * 4)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        bytes.asIntBuffer().put(values);
        return withData(gpu, name, bytes.limit(values.length * 4));
    }

    /** Copies {@code values} into the start of this buffer and waits. */
    public void uploadFloats(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocateDirect(values.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        upload(bytes);
    }

    /** The first {@code count} floats (waits for the GPU). */
    public float[] readFloats(int count) {
        float[] out = new float[count];
        if (count > 0) {
            download(count * 4L).asFloatBuffer().get(out);
        }
        return out;
    }

    public int[] readInts(int count) {
        int[] out = new int[count];
        if (count > 0) {
            download(count * 4L).asIntBuffer().get(out);
        }
        return out;
    }

    /** Copies {@code data} into the start of this buffer and waits (staged when the buffer is not host-visible). */
    public void upload(ByteBuffer data) {
        checkFits(data.remaining());
        if (!data.isDirect()) {
            ByteBuffer direct = MemoryUtil.memAlloc(data.remaining());
            try {
                direct.put(data.duplicate()).flip();
                upload(direct);
            } finally {
                MemoryUtil.memFree(direct);
            }
            return;
        }
        if (mappedAddress != 0) {
            MemoryUtil.memCopy(MemoryUtil.memAddress(data), mappedAddress, data.remaining());
            vmaFlushAllocation(gpu.allocator(), allocation, 0, VK_WHOLE_SIZE);
            return;
        }
        try (GpuBuffer staging = create(gpu, "staging for " + name, data.remaining(), MemoryKind.UPLOAD)) {
            staging.upload(data);
            gpu.submitAndWait(commands -> commands.copy(staging, this, data.remaining()));
        }
    }

    /** Reads the first {@code bytes} bytes into a new heap buffer (little-endian), waiting for the GPU. */
    public ByteBuffer download(long bytes) {
        checkFits(bytes);
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(bytes)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        if (mappedAddress != 0) {
            vmaInvalidateAllocation(gpu.allocator(), allocation, 0, VK_WHOLE_SIZE);
            out.put(MemoryUtil.memByteBuffer(mappedAddress, (int) bytes)).flip();
            return out;
        }
        try (GpuBuffer staging = create(gpu, "readback of " + name, bytes, MemoryKind.READBACK)) {
            gpu.submitAndWait(commands -> commands.copy(this, staging, bytes));
            return staging.download(bytes);
        }
    }

    private void checkFits(long bytes) {
        if (bytes > size) {
            throw new IllegalArgumentException(bytes + " bytes do not fit buffer '" + name + "' of " + size + " bytes");
        }
    }

    public long size() {
        return size;
    }

    public String name() {
        return name;
    }

    public MemoryKind kind() {
        return kind;
    }

    long handle() {
        if (closed) {
            throw new IllegalStateException("buffer '" + name + "' is closed");
        }
        return handle;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        vmaDestroyBuffer(gpu.allocator(), handle, allocation);
        gpu.unregister(this);
    }
}
