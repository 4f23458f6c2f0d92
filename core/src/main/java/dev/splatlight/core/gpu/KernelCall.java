package dev.splatlight.core.gpu;

import dev.splatlight.core.gpu.reflect.DescriptorKind;
import dev.splatlight.core.gpu.reflect.ReflectedBinding;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One dispatch's arguments: resources bound by GLSL name (checked against reflection) and the push-constant bytes,
 * written in declaration order as std430 scalars. {@link CommandRecorder#dispatch} checks that every binding is
 * bound and that the push constants fill the declared block exactly.
 */
public final class KernelCall {
    /** A buffer range bound to a name. */
    record BufferRange(GpuBuffer buffer, long offset, long range) {
    }

    /** An image (and sampler, for combined image samplers) bound to a name. */
    record ImageBinding(GpuImage image, Sampler sampler) {
    }

    private final ComputeKernel kernel;
    private final Map<ReflectedBinding, Object> bound = new LinkedHashMap<>();
    private final ByteBuffer push;

    KernelCall(ComputeKernel kernel) {
        this.kernel = kernel;
        this.push = ByteBuffer.allocate(Math.max(kernel.reflection().pushConstantBytes(), 0)).order(ByteOrder.LITTLE_ENDIAN);
    }

    public KernelCall buffer(String name, GpuBuffer buffer) {
        return buffer(name, buffer, 0, buffer.size());
    }

    /** Binds {@code range} bytes from {@code offset}: storage bindings are capped at 128 MiB on some drivers. */
    public KernelCall buffer(String name, GpuBuffer buffer, long offset, long range) {
        ReflectedBinding binding = lookup(name);
        if (!binding.kind().isBuffer()) {
            throw new IllegalArgumentException(kernel.program() + ": '" + name + "' is a " + binding.kind() + ", not a buffer");
        }
        if (offset < 0 || range <= 0 || offset + range > buffer.size()) {
            throw new IllegalArgumentException(kernel.program() + ": range [" + offset + ", +" + range + ") lies outside buffer '"
                    + buffer.name() + "' of " + buffer.size() + " bytes");
        }
        bound.put(binding, new BufferRange(buffer, offset, range));
        return this;
    }

    public KernelCall storageImage(String name, GpuImage image) {
        requireKind(name, DescriptorKind.STORAGE_IMAGE);
        bound.put(lookup(name), new ImageBinding(image, null));
        return this;
    }

    public KernelCall sampledImage(String name, GpuImage image, Sampler sampler) {
        requireKind(name, DescriptorKind.COMBINED_IMAGE_SAMPLER);
        bound.put(lookup(name), new ImageBinding(image, sampler));
        return this;
    }

    public KernelCall pushInt(int value) {
        ensurePushRoom(4).putInt(value);
        return this;
    }

    public KernelCall pushInts(int... values) {
        for (int value : values) {
            pushInt(value);
        }
        return this;
    }

    public KernelCall pushFloat(float value) {
        ensurePushRoom(4).putFloat(value);
        return this;
    }

    private ByteBuffer ensurePushRoom(int bytes) {
        if (push.remaining() < bytes) {
            throw new IllegalArgumentException(kernel.program() + ": push constants exceed the declared "
                    + push.capacity() + " bytes");
        }
        return push;
    }

    private void requireKind(String name, DescriptorKind kind) {
        if (lookup(name).kind() != kind) {
            throw new IllegalArgumentException(kernel.program() + ": '" + name + "' is a " + lookup(name).kind() + ", not " + kind);
        }
    }

    private ReflectedBinding lookup(String name) {
        return kernel.reflection().binding(name, kernel.program().name());
    }

    /** Throws unless every binding is bound and the push-constant block is exactly filled. */
    void checkComplete() {
        for (ReflectedBinding binding : kernel.reflection().bindings()) {
            if (!bound.containsKey(binding)) {
                throw new IllegalStateException(kernel.program() + ": binding '" + binding.name() + "' is not bound");
            }
        }
        if (push.position() != push.capacity()) {
            throw new IllegalStateException(kernel.program() + ": " + push.position() + " bytes of push constants given, "
                    + push.capacity() + " declared");
        }
    }

    ComputeKernel kernel() {
        return kernel;
    }

    Map<ReflectedBinding, Object> bound() {
        return bound;
    }

    ByteBuffer pushConstants() {
        return push.duplicate().flip();
    }
}
