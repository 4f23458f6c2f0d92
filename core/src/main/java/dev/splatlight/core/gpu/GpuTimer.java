package dev.splatlight.core.gpu;

import static org.lwjgl.vulkan.VK10.*;

import org.lwjgl.system.MemoryStack;
import org.lwjgl.vulkan.VkQueryPoolCreateInfo;

/** GPU timestamps: a query pool of {@link #capacity()} marks, read back as nanoseconds after the submission. */
public final class GpuTimer implements AutoCloseable {
    private final Gpu gpu;
    private final long pool;
    private final int capacity;
    private boolean closed;

    private GpuTimer(Gpu gpu, long pool, int capacity) {
        this.gpu = gpu;
        this.pool = pool;
        this.capacity = capacity;
    }

    public static GpuTimer create(Gpu gpu, int capacity) {
        if (!gpu.info().timestamps()) {
            throw new GpuUnavailableException(gpu.info().name() + " has no timestamp support on its compute queue");
        }
        try (MemoryStack stack = MemoryStack.stackPush()) {
            var out = stack.mallocLong(1);
            Vk.check(vkCreateQueryPool(gpu.device(), VkQueryPoolCreateInfo.calloc(stack).sType$Default()
                    .queryType(VK_QUERY_TYPE_TIMESTAMP).queryCount(capacity), null, out), "vkCreateQueryPool");
            GpuTimer timer = new GpuTimer(gpu, out.get(0), capacity);
            gpu.register(timer, "timestamp pool of " + capacity);
            return timer;
        }
    }

    /** Nanoseconds between marks {@code from} and {@code to} of the last completed submission. */
    public double elapsedNanos(int from, int to) {
        return (ticks(to) - ticks(from)) * (double) gpu.info().timestampPeriodNanos();
    }

    private long ticks(int index) {
        long[] value = new long[1];
        Vk.check(vkGetQueryPoolResults(gpu.device(), pool, index, 1, value, 8,
                VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT), "vkGetQueryPoolResults(" + index + ")");
        return value[0];
    }

    long handle() {
        return pool;
    }

    public int capacity() {
        return capacity;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        vkDestroyQueryPool(gpu.device(), pool, null);
        gpu.unregister(this);
    }
}
