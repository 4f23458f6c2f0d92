package dev.splatlight.trainer.model;

import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.splat.GaussianBuffers;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.trainer.backward.GaussianGradients;
import dev.splatlight.trainer.optim.AdamStep;

/**
 * The Gaussians being trained, on the GPU: parameters (blended features = normals), their gradients, Adam's moments
 * and the densification statistics. Rebuilt from a {@link GaussianState} whenever densification changes the count.
 */
public final class TrainableGaussians implements AutoCloseable {
    private final ResourceScope resources = new ResourceScope("trainable gaussians");
    public final GaussianBuffers parameters;
    public final GaussianGradients gradients;
    private final GaussianBuffers firstMoments;
    private final GaussianBuffers secondMoments;
    public final GpuBuffer statistics; // [N] vec4 (Σ|∇|, views, max radius, 0)
    private final int count;

    public TrainableGaussians(Gpu gpu, GaussianState state) {
        this.count = state.count();
        try {
            parameters = resources.own(GaussianBuffers.uploadWithNormals(gpu, state.parameters()));
            gradients = resources.own(new GaussianGradients(gpu, count, 3));
            firstMoments = resources.own(GaussianBuffers.uploadWithNormals(gpu, state.firstMoments()));
            secondMoments = resources.own(GaussianBuffers.uploadWithNormals(gpu, state.secondMoments()));
            float[] stats = new float[4 * Math.max(count, 1)];
            for (int i = 0; i < count; i++) {
                stats[4 * i] = state.gradientSum()[i];
                stats[4 * i + 1] = state.viewCount()[i];
                stats[4 * i + 2] = state.maxRadius()[i];
            }
            statistics = resources.own(GpuBuffer.withFloats(gpu, "densification statistics [N] vec4", stats));
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    public int count() {
        return count;
    }

    /** Records one Adam step of every parameter group at step {@code t} with the given position learning rate. */
    public void recordAdam(CommandRecorder commands, AdamStep adam, LearningRates rates, float positionRate, int t) {
        long n = count;
        adam.record(commands, parameters.means, gradients.means, firstMoments.means, secondMoments.means, 3 * n, 3, 0, 0, positionRate, t);
        adam.record(commands, parameters.logScales, gradients.logScales, firstMoments.logScales, secondMoments.logScales,
                3 * n, 3, 0, 0, rates.scaling(), t);
        adam.record(commands, parameters.rotations, gradients.rotations, firstMoments.rotations, secondMoments.rotations,
                4 * n, 4, 0, 0, rates.rotation(), t);
        adam.record(commands, parameters.opacityLogits, gradients.opacityLogits, firstMoments.opacityLogits,
                secondMoments.opacityLogits, n, 1, 0, 0, rates.opacity(), t);
        adam.record(commands, parameters.sh, gradients.sh, firstMoments.sh, secondMoments.sh, 48 * n, 48, 3,
                rates.shDc(), rates.shRest(), t);
        adam.record(commands, parameters.features, gradients.features, firstMoments.features, secondMoments.features,
                3 * n, 3, 0, 0, rates.normal(), t);
    }

    /** Everything back on the host (waits for the GPU). */
    public GaussianState download() {
        float[] stats = statistics.readFloats(4 * count);
        float[] sums = new float[count], views = new float[count], radii = new float[count];
        for (int i = 0; i < count; i++) {
            sums[i] = stats[4 * i];
            views[i] = stats[4 * i + 1];
            radii[i] = stats[4 * i + 2];
        }
        return new GaussianState(cloud(parameters), cloud(firstMoments), cloud(secondMoments), sums, views, radii);
    }

    private GaussianCloud cloud(GaussianBuffers b) {
        return new GaussianCloud(count, b.means.readFloats(3 * count), b.logScales.readFloats(3 * count),
                b.rotations.readFloats(4 * count), b.opacityLogits.readFloats(count), b.sh.readFloats(48 * count),
                b.features.readFloats(3 * count));
    }


    @Override
    public void close() {
        resources.close();
    }
}
