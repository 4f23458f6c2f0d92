package dev.splatlight.trainer.loss;

import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;

/** The step's running loss sums on the GPU (include/trainer/loss_terms.glsl), zeroed each step, read for logging. */
public final class LossTerms implements AutoCloseable {
    public static final int L1 = 0, SSIM = 1, NORMAL_CONSISTENCY = 2, NORMAL_TV = 3, VALID_NORMALS = 4, SQUARED_ERROR = 5,
            MATERIAL_TV = 6, ENVIRONMENT_TV = 7, ALPHA = 8;
    public static final int COUNT = 9;
    private final GpuBuffer sums;

    public LossTerms(Gpu gpu) {
        sums = GpuBuffer.create(gpu, "loss terms [" + COUNT + "] f32", COUNT * 4, MemoryKind.DEVICE);
    }

    public void recordReset(CommandRecorder commands) {
        commands.fill(sums, 0);
    }

    public GpuBuffer buffer() {
        return sums;
    }

    /** PSNR in dB for peak 1 from the step's squared-error sum over {@code values} pixel channels. */
    public static double psnr(float[] sums, double values) {
        double mse = sums[SQUARED_ERROR] / values;
        return 10 * Math.log10(1 / Math.max(mse, 1e-12));
    }

    public float[] read() {
        float[] values = new float[COUNT];
        sums.download(COUNT * 4L).asFloatBuffer().get(values);
        return values;
    }

    @Override
    public void close() {
        sums.close();
    }
}
