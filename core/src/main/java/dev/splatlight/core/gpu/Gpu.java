package dev.splatlight.core.gpu;

import static org.lwjgl.util.vma.Vma.*;
import static org.lwjgl.vulkan.EXTDebugUtils.vkSetDebugUtilsObjectNameEXT;
import static org.lwjgl.vulkan.EXTShaderAtomicFloat.VK_EXT_SHADER_ATOMIC_FLOAT_EXTENSION_NAME;
import static org.lwjgl.vulkan.KHRPushDescriptor.VK_KHR_PUSH_DESCRIPTOR_EXTENSION_NAME;
import static org.lwjgl.vulkan.VK10.*;

import dev.splatlight.core.cli.StopRequest;
import dev.splatlight.core.cli.StoppedException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.util.vma.VmaAllocatorCreateInfo;
import org.lwjgl.util.vma.VmaTotalStatistics;
import org.lwjgl.util.vma.VmaVulkanFunctions;
import org.lwjgl.vulkan.VkCommandBuffer;
import org.lwjgl.vulkan.VkCommandBufferAllocateInfo;
import org.lwjgl.vulkan.VkCommandBufferBeginInfo;
import org.lwjgl.vulkan.VkCommandPoolCreateInfo;
import org.lwjgl.vulkan.VkDebugUtilsObjectNameInfoEXT;
import org.lwjgl.vulkan.VkDevice;
import org.lwjgl.vulkan.VkDeviceCreateInfo;
import org.lwjgl.vulkan.VkDeviceQueueCreateInfo;
import org.lwjgl.vulkan.VkFenceCreateInfo;
import org.lwjgl.vulkan.VkPhysicalDevice;
import org.lwjgl.vulkan.VkPhysicalDeviceFeatures2;
import org.lwjgl.vulkan.VkPhysicalDeviceShaderAtomicFloatFeaturesEXT;
import org.lwjgl.vulkan.VkPhysicalDeviceVulkan13Features;
import org.lwjgl.vulkan.VkQueue;
import org.lwjgl.vulkan.VkSubmitInfo;

/**
 * One Vulkan device ready for compute: instance, chosen physical device, logical device, its queue, the VMA
 * allocator and a command pool. Every GPU object created on it registers here; {@link #close} frees survivors,
 * reports them, and destroys the device and then the instance (the NVIDIA driver crashes at JVM exit otherwise).
 */
public final class Gpu implements AutoCloseable {
    private volatile StopRequest stopRequest; // null: submissions never stop
    private final VulkanInstance instance;
    private final DeviceInfo info;
    private final VkPhysicalDevice physicalDevice;
    private final VkDevice device;
    private final VkQueue queue;
    private final int queueFamily;
    private final long allocator;
    private final long commandPool;
    /** Spin-wait budget of {@link #awaitFence}: a viewer frame's GPU time, well within a training step's. */
    private static final long SPIN_NANOS = 3_000_000;
    private final java.util.ArrayDeque<Submission> idleSubmissions = new java.util.ArrayDeque<>();
    private final GpuOptions options;
    private final WorkgroupShape workgroupShape;
    private final LeakTracker leaks;
    private final long surface; // a window's surface this device presents to, or VK_NULL_HANDLE
    private long peakAllocatedBytes;
    private boolean closed;

    private Gpu(VulkanInstance instance, DeviceInfo info, VkPhysicalDevice physicalDevice, VkDevice device, int queueFamily,
                VkQueue queue, long allocator, long commandPool, GpuOptions options, long surface) {
        this.surface = surface;
        this.instance = instance;
        this.info = info;
        this.physicalDevice = physicalDevice;
        this.device = device;
        this.queueFamily = queueFamily;
        this.queue = queue;
        this.allocator = allocator;
        this.commandPool = commandPool;
        this.options = options;
        this.workgroupShape = WorkgroupShape.forDevice(info);
        this.leaks = new LeakTracker(options.traceLeaks());
    }

    /** Opens the device the options select; {@link GpuUnavailableException} with a one-line reason otherwise. */
    public static Gpu open(GpuOptions options) {
        VulkanInstance instance = VulkanInstance.create(options.validation(), List.of());
        try {
            List<DeviceInfo> devices = instance.devices();
            DeviceInfo chosen = options.selection().choose(devices);
            VkPhysicalDevice physical = PhysicalDevices.handles(instance.handle()).get(chosen.index());
            return openDevice(instance, chosen, physical, options, VK_NULL_HANDLE);
        } catch (RuntimeException e) {
            instance.close();
            throw e;
        }
    }

    /**
     * Opens the device the options select for a window as well: the instance gets {@code instanceExtensions} (the
     * window system's), {@code createSurface} makes the window's surface from it, the device's queue must be able to
     * present to that surface, and the device gets VK_KHR_swapchain. The surface is this Gpu's, destroyed with it.
     */
    public static Gpu openForWindow(GpuOptions options, List<String> instanceExtensions,
                                    java.util.function.ToLongFunction<org.lwjgl.vulkan.VkInstance> createSurface) {
        VulkanInstance instance = VulkanInstance.create(options.validation(), instanceExtensions);
        long surface = VK_NULL_HANDLE;
        try {
            surface = createSurface.applyAsLong(instance.handle());
            List<DeviceInfo> devices = instance.devices();
            DeviceInfo chosen = options.selection().choose(devices);
            VkPhysicalDevice physical = PhysicalDevices.handles(instance.handle()).get(chosen.index());
            try (MemoryStack stack = MemoryStack.stackPush()) {
                var supported = stack.mallocInt(1);
                int family = PhysicalDevices.computeQueueFamily(physical, stack);
                Vk.check(org.lwjgl.vulkan.KHRSurface.vkGetPhysicalDeviceSurfaceSupportKHR(physical, family, surface, supported),
                        "vkGetPhysicalDeviceSurfaceSupportKHR");
                if (supported.get(0) == 0) {
                    throw new GpuUnavailableException(chosen.name() + " cannot present to this window (its compute queue has no "
                            + "present support); choose another device with --gpu");
                }
            }
            return openDevice(instance, chosen, physical, options, surface);
        } catch (RuntimeException e) {
            if (surface != VK_NULL_HANDLE) {
                org.lwjgl.vulkan.KHRSurface.vkDestroySurfaceKHR(instance.handle(), surface, null);
            }
            instance.close();
            throw e;
        }
    }

    private static Gpu openDevice(VulkanInstance instance, DeviceInfo info, VkPhysicalDevice physical, GpuOptions options,
                                  long surface) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            int family = PhysicalDevices.computeQueueFamily(physical, stack);
            VkDeviceQueueCreateInfo.Buffer queues = VkDeviceQueueCreateInfo.calloc(1, stack).sType$Default()
                    .queueFamilyIndex(family).pQueuePriorities(stack.floats(1.0f));
            List<String> extensions = new ArrayList<>(List.of(VK_KHR_PUSH_DESCRIPTOR_EXTENSION_NAME));
            if (surface != VK_NULL_HANDLE) {
                extensions.add(org.lwjgl.vulkan.KHRSwapchain.VK_KHR_SWAPCHAIN_EXTENSION_NAME);
            }
            VkPhysicalDeviceVulkan13Features features13 = VkPhysicalDeviceVulkan13Features.calloc(stack).sType$Default()
                    .subgroupSizeControl(info.fullSubgroups()).computeFullSubgroups(info.fullSubgroups())
                    .dynamicRendering(true); // the UI overlay and the mesh G-buffer pass draw without render passes (core in 1.3)
            VkPhysicalDeviceFeatures2 features = VkPhysicalDeviceFeatures2.calloc(stack).sType$Default().pNext(features13);
            if (info.bufferFloatAtomicAdd()) {
                extensions.add(VK_EXT_SHADER_ATOMIC_FLOAT_EXTENSION_NAME);
                features.pNext(VkPhysicalDeviceShaderAtomicFloatFeaturesEXT.calloc(stack).sType$Default()
                        .shaderBufferFloat32AtomicAdd(true));
            }
            PointerBuffer extensionNames = stack.mallocPointer(extensions.size());
            extensions.forEach(e -> extensionNames.put(stack.UTF8(e)));
            extensionNames.flip();
            VkDeviceCreateInfo createInfo = VkDeviceCreateInfo.calloc(stack).sType$Default()
                    // The address setter: LWJGL's typed pNext(struct) prepends and would cut the features' own chain.
                    .pNext(features.address()).pQueueCreateInfos(queues).ppEnabledExtensionNames(extensionNames);
            PointerBuffer handle = stack.mallocPointer(1);
            Vk.check(vkCreateDevice(physical, createInfo, null, handle), "vkCreateDevice(" + info.name() + ")");
            VkDevice device = new VkDevice(handle.get(0), physical, createInfo, PhysicalDevices.REQUIRED_API);
            long allocator = 0;
            try {
                PointerBuffer queueOut = stack.mallocPointer(1);
                vkGetDeviceQueue(device, family, 0, queueOut);
                VkQueue queue = new VkQueue(queueOut.get(0), device);
                allocator = createAllocator(instance, physical, device, stack);
                long pool = createCommandPool(device, family, stack);
                return new Gpu(instance, info, physical, device, family, queue, allocator, pool, options, surface);
            } catch (RuntimeException e) {
                if (allocator != 0) {
                    vmaDestroyAllocator(allocator);
                }
                vkDestroyDevice(device, null);
                throw e;
            }
        }
    }

    private static long createAllocator(VulkanInstance instance, VkPhysicalDevice physical, VkDevice device, MemoryStack stack) {
        VmaVulkanFunctions functions = VmaVulkanFunctions.calloc(stack).set(instance.handle(), device);
        VmaAllocatorCreateInfo info = VmaAllocatorCreateInfo.calloc(stack)
                .physicalDevice(physical).device(device).instance(instance.handle())
                .pVulkanFunctions(functions).vulkanApiVersion(PhysicalDevices.REQUIRED_API);
        PointerBuffer out = stack.mallocPointer(1);
        Vk.check(vmaCreateAllocator(info, out), "vmaCreateAllocator");
        return out.get(0);
    }

    private static long createCommandPool(VkDevice device, int family, MemoryStack stack) {
        VkCommandPoolCreateInfo info = VkCommandPoolCreateInfo.calloc(stack).sType$Default()
                .flags(VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT).queueFamilyIndex(family);
        var out = stack.mallocLong(1);
        Vk.check(vkCreateCommandPool(device, info, null, out), "vkCreateCommandPool");
        return out.get(0);
    }

    /**
     * Records commands into a command buffer, submits them and waits for the GPU to finish. Simple and synchronous:
     * the trainer's steps are sequences of dependent dispatches anyway. One thread at a time (the queue needs that).
     */
    public synchronized void submitAndWait(Consumer<CommandRecorder> recording) {
        StopRequest stop = stopRequest;
        if (stop != null && stop.requested()) {
            throw new StoppedException(stop.reason()); // before anything is recorded: the unwinding frees a clean device
        }
        // a command buffer and fence of an earlier submission, reset: allocating and creating them anew for each frame
        // cost ~0.5 ms of host time a frame on the H200's driver; a submission recorded inside another gets its own
        Submission submission = idleSubmissions.poll();
        boolean reusable = false;
        try (MemoryStack stack = MemoryStack.stackPush()) {
            if (submission == null) {
                submission = newSubmission(stack);
            } else {
                Vk.check(vkResetFences(device, stack.longs(submission.fence())), "vkResetFences");
            }
            VkCommandBuffer commands = submission.commands();
            Vk.check(vkBeginCommandBuffer(commands, VkCommandBufferBeginInfo.calloc(stack).sType$Default()
                    .flags(VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT)), "vkBeginCommandBuffer"); // resets it
            CommandRecorder recorder = new CommandRecorder(this, commands);
            recording.accept(recorder);
            recorder.barrierToHost();
            Vk.check(vkEndCommandBuffer(commands), "vkEndCommandBuffer");
            VkSubmitInfo submit = VkSubmitInfo.calloc(stack).sType$Default().pCommandBuffers(stack.pointers(commands));
            Vk.check(vkQueueSubmit(queue, submit, submission.fence()), "vkQueueSubmit");
            awaitFence(submission.fence(), stack);
            reusable = true;
        } finally {
            if (reusable) {
                idleSubmissions.push(submission);
            } else if (submission != null) { // a failed submission's state is unknown: start afresh next time
                vkDeviceWaitIdle(device);
                submission.destroy(device, commandPool);
            }
        }
    }

    /**
     * Waits for a fence: polling it first for up to {@value #SPIN_NANOS} ns on real GPUs (a blocking wait wakes the
     * thread ~0.3 ms late, a sixth of a 1M-Gaussian frame), then blocking. Never on CPU devices, whose work the
     * polling thread would slow.
     */
    private void awaitFence(long fence, MemoryStack stack) {
        if (info.type() != DeviceInfo.DeviceType.CPU) {
            long until = System.nanoTime() + SPIN_NANOS;
            while (System.nanoTime() < until) {
                int status = vkGetFenceStatus(device, fence);
                if (status != VK_NOT_READY) {
                    Vk.check(status, "vkGetFenceStatus");
                    return;
                }
                Thread.onSpinWait();
            }
        }
        Vk.check(vkWaitForFences(device, stack.longs(fence), true, Long.MAX_VALUE), "vkWaitForFences");
    }

    private Submission newSubmission(MemoryStack stack) {
        VkCommandBufferAllocateInfo allocateInfo = VkCommandBufferAllocateInfo.calloc(stack).sType$Default()
                .commandPool(commandPool).level(VK_COMMAND_BUFFER_LEVEL_PRIMARY).commandBufferCount(1);
        PointerBuffer out = stack.mallocPointer(1);
        Vk.check(vkAllocateCommandBuffers(device, allocateInfo, out), "vkAllocateCommandBuffers");
        VkCommandBuffer commands = new VkCommandBuffer(out.get(0), device);
        var fenceOut = stack.mallocLong(1);
        int result = vkCreateFence(device, VkFenceCreateInfo.calloc(stack).sType$Default(), null, fenceOut);
        if (result != VK_SUCCESS) {
            vkFreeCommandBuffers(device, commandPool, commands);
            Vk.check(result, "vkCreateFence");
        }
        return new Submission(commands, fenceOut.get(0));
    }

    /** A command buffer and the fence its submission signals, kept for the next submission. */
    private record Submission(VkCommandBuffer commands, long fence) {
        void destroy(VkDevice device, long pool) {
            vkDestroyFence(device, fence, null);
            vkFreeCommandBuffers(device, pool, commands);
        }
    }

    /** Gives a Vulkan object a name that validation messages and GPU captures show. */
    void nameObject(int objectType, long handle, String name) {
        if (!instance.debugUtilsEnabled() || name == null) {
            return;
        }
        try (MemoryStack stack = MemoryStack.stackPush()) {
            vkSetDebugUtilsObjectNameEXT(device, VkDebugUtilsObjectNameInfoEXT.calloc(stack).sType$Default()
                    .objectType(objectType).objectHandle(handle).pObjectName(stack.UTF8(name)));
        }
    }

    void register(AutoCloseable resource, String description) {
        leaks.register(resource, description);
    }

    void unregister(AutoCloseable resource) {
        leaks.unregister(resource);
    }

    /** Number of GPU objects alive on this device. */
    /**
     * From now on, the next {@link #submitAndWait} after {@code stop} is set throws {@link StoppedException}: how
     * commands without a safe point of their own stop on Ctrl-C or SIGTERM with the device torn down. Returns this.
     */
    public Gpu stopWhen(StopRequest stop) {
        this.stopRequest = stop;
        return this;
    }

    public int liveObjectCount() {
        return leaks.liveCount();
    }

    /** Bytes VMA holds in allocations right now. */
    public long allocatedBytes() {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            VmaTotalStatistics statistics = VmaTotalStatistics.calloc(stack);
            vmaCalculateStatistics(allocator, statistics);
            return statistics.total().statistics().allocationBytes();
        }
    }

    /** Called after each buffer or image allocation: keeps the high-water mark of {@link #allocatedBytes()}. */
    void noteAllocation() {
        peakAllocatedBytes = Math.max(peakAllocatedBytes, allocatedBytes());
    }

    /** The most bytes this device's buffers and images held at once (device-local and host-visible alike). */
    public long peakAllocatedBytes() {
        return peakAllocatedBytes;
    }

    /** The window surface this device presents to, or VK_NULL_HANDLE. */
    long surface() {
        return surface;
    }

    VkQueue queue() {
        return queue;
    }

    long commandPool() {
        return commandPool;
    }

    public DeviceInfo info() {
        return info;
    }

    public GpuOptions options() {
        return options;
    }

    public WorkgroupShape workgroupShape() {
        return workgroupShape;
    }

    public List<String> validationMessages() {
        return instance.validationMessages();
    }

    /** True when the validation layer is on and its messages are being recorded. */
    public boolean validationEnabled() {
        return instance.validationEnabled();
    }

    public void clearValidationMessages() {
        instance.clearValidationMessages();
    }

    public VkDevice device() {
        return device;
    }

    VkPhysicalDevice physicalDevice() {
        return physicalDevice;
    }

    long allocator() {
        return allocator;
    }

    int queueFamily() {
        return queueFamily;
    }

    public void waitIdle() {
        Vk.check(vkDeviceWaitIdle(device), "vkDeviceWaitIdle");
    }

    /**
     * Waits for the device, frees objects still alive (reporting them), then destroys pool, allocator, device and
     * instance in that order.
     *
     * @throws GpuLeakException after the teardown, when objects were leaked
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        vkDeviceWaitIdle(device);
        List<String> leaked = leaks.closeSurvivors();
        for (Submission submission : idleSubmissions) {
            submission.destroy(device, commandPool);
        }
        idleSubmissions.clear();
        vkDestroyCommandPool(device, commandPool, null);
        vmaDestroyAllocator(allocator);
        vkDestroyDevice(device, null);
        if (surface != VK_NULL_HANDLE) {
            org.lwjgl.vulkan.KHRSurface.vkDestroySurfaceKHR(instance.handle(), surface, null);
        }
        instance.close();
        if (!leaked.isEmpty()) {
            throw new GpuLeakException(leaked.size() + " GPU object(s) were not closed before their Gpu:\n  "
                    + String.join("\n  ", leaked));
        }
    }
}
