package dev.splatlight.trainer.optim;

import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.ResourceScope;

/**
 * One array trained by Adam on the GPU: its values, their gradient and both moments, with the moments' host form
 * [2, n] (first, then second) that checkpoints keep. For the learned lights and volumes; the Gaussians' several
 * groups live in their own buffer sets.
 */
public final class AdamGroup implements AutoCloseable {
    private final int floats;
    private final ResourceScope buffers;
    public final GpuBuffer values;
    public final GpuBuffer gradients;
    private final GpuBuffer firstMoments;
    private final GpuBuffer secondMoments;

    /**
     * @param name what the values are, with their layout (buffer names derive from it)
     * @param moments [2, n] as {@link #downloadMoments} gives them, or null to start at zero
     */
    public AdamGroup(Gpu gpu, String name, float[] initial, float[] moments) {
        this.floats = initial.length;
        if (moments != null && moments.length != 2 * floats) {
            throw new IllegalArgumentException(name + ": " + moments.length + " moment floats for " + floats + " values");
        }
        buffers = new ResourceScope(name);
        try {
            values = buffers.own(GpuBuffer.withFloats(gpu, name + " f32", initial));
            gradients = buffers.own(GpuBuffer.create(gpu, "∂L/∂" + name + " f32", 4L * floats, MemoryKind.DEVICE));
            float[] first = new float[floats], second = new float[floats];
            if (moments != null) {
                System.arraycopy(moments, 0, first, 0, floats);
                System.arraycopy(moments, floats, second, 0, floats);
            }
            firstMoments = buffers.own(GpuBuffer.withFloats(gpu, name + " Adam m f32", first));
            secondMoments = buffers.own(GpuBuffer.withFloats(gpu, name + " Adam v f32", second));
        } catch (RuntimeException e) {
            buffers.close();
            throw e;
        }
    }

    public int floats() {
        return floats;
    }

    /** One Adam step at step {@code t} of rows of {@code rowStride} floats, all at {@code learningRate}. */
    public void recordAdam(CommandRecorder commands, AdamStep adam, int rowStride, float learningRate, int t) {
        adam.record(commands, values, gradients, firstMoments, secondMoments, floats, rowStride, 0, 0, learningRate, t);
    }

    /** The values (waits for the GPU). */
    public float[] downloadValues() {
        return values.readFloats(floats);
    }

    /** Both moments, [2, n] (waits for the GPU). */
    public float[] downloadMoments() {
        float[] both = new float[2 * floats];
        System.arraycopy(firstMoments.readFloats(floats), 0, both, 0, floats);
        System.arraycopy(secondMoments.readFloats(floats), 0, both, floats, floats);
        return both;
    }

    @Override
    public void close() {
        buffers.close();
    }
}
