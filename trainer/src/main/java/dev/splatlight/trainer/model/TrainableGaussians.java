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
 * The Gaussians being trained, on the GPU: parameters (blended features = normals, and with reflections the
 * reflection strength as a fourth channel), their gradients, Adam's moments and the densification statistics.
 * Rebuilt from a {@link GaussianState} whenever densification changes the count.
 */
public final class TrainableGaussians implements AutoCloseable {
    private final ResourceScope resources = new ResourceScope("trainable gaussians");
    public final GaussianBuffers parameters;
    public final GaussianGradients gradients;
    private final GaussianBuffers firstMoments;
    private final GaussianBuffers secondMoments;
    public final GpuBuffer statistics; // [N] vec4 (Σ|∇|, views, max radius, 0)
    private final int count;
    private final int featureChannels;

    /** @param featureChannels 3: normals; 4: normals and reflection strength */
    public TrainableGaussians(Gpu gpu, GaussianState state, int featureChannels) {
        if (featureChannels != 3 && featureChannels != 4) {
            throw new IllegalArgumentException("feature channels must be 3 or 4, not " + featureChannels);
        }
        this.count = state.count();
        this.featureChannels = featureChannels;
        try {
            parameters = resources.own(upload(gpu, state.parameters()));
            gradients = resources.own(new GaussianGradients(gpu, count, featureChannels));
            firstMoments = resources.own(upload(gpu, state.firstMoments()));
            secondMoments = resources.own(upload(gpu, state.secondMoments()));
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

    private GaussianBuffers upload(Gpu gpu, GaussianCloud cloud) {
        if (featureChannels == 3) {
            return GaussianBuffers.uploadWithNormals(gpu, cloud);
        }
        float[] features = new float[4 * count];
        for (int i = 0; i < count; i++) {
            System.arraycopy(cloud.normals, 3 * i, features, 4 * i, 3);
            features[4 * i + 3] = cloud.reflection[i];
        }
        return GaussianBuffers.upload(gpu, cloud, features);
    }

    public int count() {
        return count;
    }

    /**
     * Records one Adam step of every parameter group at step {@code t} with the given position learning rate; the
     * reflection strength (when trained) is kept in [0, 1].
     */
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
                featureChannels * n, featureChannels, 3, rates.normal(), rates.reflection(), 0f, 1f, t);
    }

    /** The parameters alone back on the host (waits for the GPU). */
    public GaussianCloud downloadParameters() {
        return cloud(parameters);
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
        float[] features = b.features.readFloats(featureChannels * count);
        float[] normals = features, reflection = new float[count];
        if (featureChannels == 4) {
            normals = new float[3 * count];
            for (int i = 0; i < count; i++) {
                System.arraycopy(features, 4 * i, normals, 3 * i, 3);
                reflection[i] = features[4 * i + 3];
            }
        }
        return new GaussianCloud(count, b.means.readFloats(3 * count), b.logScales.readFloats(3 * count),
                b.rotations.readFloats(4 * count), b.opacityLogits.readFloats(count), b.sh.readFloats(48 * count),
                normals, reflection);
    }


    @Override
    public void close() {
        resources.close();
    }
}
