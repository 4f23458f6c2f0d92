package dev.splatlight.trainer.material;

import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.light.GBufferShader;
import dev.splatlight.core.light.IrradianceVolume;
import dev.splatlight.trainer.optim.AdamStep;

/** The learned indirect-light volume: coefficients [res³, 9] with gradients and Adam moments (design.md §1.3). */
public final class LearnedIrradianceVolume implements AutoCloseable {
    private final int resolution;
    private final float bound;
    private final int floats;
    private final ResourceScope buffers = new ResourceScope("learned irradiance volume");
    public final GpuBuffer coefficients;
    public final GpuBuffer gradients;
    private final GpuBuffer firstMoments;
    private final GpuBuffer secondMoments;

    /** @param moments [2, res³, 9] or null */
    public LearnedIrradianceVolume(Gpu gpu, IrradianceVolume initial, float[] moments) {
        this.resolution = initial.resolution();
        this.bound = initial.bound();
        this.floats = initial.coefficients().length;
        try {
            coefficients = buffers.own(GpuBuffer.withFloats(gpu, "irradiance volume [res³, 9] f32", initial.coefficients()));
            gradients = buffers.own(GpuBuffer.create(gpu, "∂L/∂irradiance volume [res³, 9] f32", 4L * floats, MemoryKind.DEVICE));
            float[] first = new float[floats], second = new float[floats];
            if (moments != null) {
                System.arraycopy(moments, 0, first, 0, floats);
                System.arraycopy(moments, floats, second, 0, floats);
            }
            firstMoments = buffers.own(GpuBuffer.withFloats(gpu, "irradiance Adam m f32", first));
            secondMoments = buffers.own(GpuBuffer.withFloats(gpu, "irradiance Adam v f32", second));
        } catch (RuntimeException e) {
            buffers.close();
            throw e;
        }
    }

    public GBufferShader.IndirectLight asIndirectLight() {
        return new GBufferShader.IndirectLight(coefficients, resolution, bound);
    }

    public void recordAdam(CommandRecorder commands, AdamStep adam, float learningRate, int t) {
        adam.record(commands, coefficients, gradients, firstMoments, secondMoments, floats, 9, 0, 0, learningRate, t);
    }

    public IrradianceVolume download() {
        return new IrradianceVolume(resolution, bound, coefficients.readFloats(floats));
    }

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
