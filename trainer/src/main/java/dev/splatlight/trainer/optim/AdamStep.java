package dev.splatlight.trainer.optim;

import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.ComputeKernel;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.SpecializationConstants;
import dev.splatlight.shaders.ShaderProgram;

/** The Adam update kernel (adam_step.comp) over one parameter group at a time. */
public final class AdamStep implements AutoCloseable {
    private static final int GROUP = 256;
    private final ComputeKernel kernel;
    private final AdamParameters hyper;

    public AdamStep(Gpu gpu, AdamParameters hyper) {
        this.kernel = ComputeKernel.create(gpu, ShaderProgram.ADAM_STEP, SpecializationConstants.none());
        this.hyper = hyper;
    }

    /**
     * Records one update of {@code floats} parameters at step {@code t} (1-based). Rows of {@code rowStride} floats
     * use {@code headLearningRate} for their first {@code headFloats} and {@code learningRate} for the rest.
     */
    public void record(CommandRecorder commands, GpuBuffer parameters, GpuBuffer gradients, GpuBuffer firstMoments,
                       GpuBuffer secondMoments, long floats, int rowStride, int headFloats, float headLearningRate,
                       float learningRate, int t) {
        record(commands, parameters, gradients, firstMoments, secondMoments, floats, rowStride, headFloats, headLearningRate,
                learningRate, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, t);
    }

    /**
     * As {@link #record(CommandRecorder, GpuBuffer, GpuBuffer, GpuBuffer, GpuBuffer, long, int, int, float, float, int)},
     * and then each row's floats after its head are clamped to [{@code tailMin}, {@code tailMax}] (projected Adam,
     * for a parameter that must stay in a range; the moments are kept as they are).
     */
    public void record(CommandRecorder commands, GpuBuffer parameters, GpuBuffer gradients, GpuBuffer firstMoments,
                       GpuBuffer secondMoments, long floats, int rowStride, int headFloats, float headLearningRate,
                       float learningRate, float tailMin, float tailMax, int t) {
        if (floats == 0) {
            return;
        }
        long bytes = floats * 4;
        commands.dispatch(kernel.call().buffer("Parameters", parameters, 0, bytes).buffer("Gradients", gradients, 0, bytes)
                .buffer("FirstMoments", firstMoments, 0, bytes).buffer("SecondMoments", secondMoments, 0, bytes)
                .pushInts((int) floats, rowStride, headFloats).pushFloat(headLearningRate).pushFloat(learningRate)
                .pushFloat(hyper.beta1()).pushFloat(hyper.beta2()).pushFloat(hyper.epsilon())
                .pushFloat((float) (1 - Math.pow(hyper.beta1(), t))).pushFloat((float) (1 - Math.pow(hyper.beta2(), t)))
                .pushFloat(tailMin).pushFloat(tailMax),
                (int) ((floats + GROUP - 1) / GROUP));
    }

    @Override
    public void close() {
        kernel.close();
    }
}
