package dev.splatlight.trainer.material;

import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.light.GBufferShader;
import dev.splatlight.core.light.IrradianceVolume;
import dev.splatlight.trainer.optim.AdamGroup;
import dev.splatlight.trainer.optim.AdamStep;

/** The learned indirect-light volume: coefficients [res³, 9] with gradients and Adam moments (design.md §1.3). */
public final class LearnedIrradianceVolume implements AutoCloseable {
    private final int resolution;
    private final float bound;
    private final AdamGroup trained;
    public final GpuBuffer coefficients;  // [res³, 9]
    public final GpuBuffer gradients;

    /** @param moments [2, res³, 9] or null */
    public LearnedIrradianceVolume(Gpu gpu, IrradianceVolume initial, float[] moments) {
        this.resolution = initial.resolution();
        this.bound = initial.bound();
        this.trained = new AdamGroup(gpu, "irradiance volume [res³, 9]", initial.coefficients(), moments);
        this.coefficients = trained.values;
        this.gradients = trained.gradients;
    }

    public GBufferShader.IndirectLight asIndirectLight() {
        return new GBufferShader.IndirectLight(coefficients, resolution, bound);
    }

    public void recordAdam(CommandRecorder commands, AdamStep adam, float learningRate, int t) {
        trained.recordAdam(commands, adam, 9, learningRate, t);
    }

    public IrradianceVolume download() {
        return new IrradianceVolume(resolution, bound, trained.downloadValues());
    }

    public float[] downloadMoments() {
        return trained.downloadMoments();
    }

    @Override
    public void close() {
        trained.close();
    }
}
