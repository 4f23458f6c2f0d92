package dev.splatlight.trainer.reflection;

import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.trainer.optim.AdamGroup;
import dev.splatlight.trainer.optim.AdamStep;
import java.util.Arrays;

/**
 * The environment the geometry stage's mirrors reflect (trainer/mirror_reflection.glsl): a cube of log radiance
 * θ [6, s, s, 3] in the photos' display units, learned with the Gaussians, with its gradient and Adam moments. Only
 * a fitting device for the geometry: the material stage learns its own light in linear radiance.
 */
public final class MirrorEnvironment implements AutoCloseable {
    /** Faces of 128² texels: ~0.7° each, as fine as a reflection in a 400-pixel photo of an object needs. */
    public static final int DEFAULT_SIZE = 128;
    /** Where θ starts: a uniform mid grey. */
    public static final float INITIAL_RADIANCE = 0.5f;

    private final int size;
    private final AdamGroup theta;
    public final GpuBuffer logRadiance;     // [6, s, s, 3] θ
    public final GpuBuffer gradient;        // [6, s, s, 3] ∂L/∂θ

    /** @param state θ, Adam's first and second moments back to back ({@link #download}), or null for a fresh start */
    public MirrorEnvironment(Gpu gpu, int size, float[] state) {
        this.size = size;
        int floats = floats(size);
        if (state != null && state.length != 3 * floats) {
            throw new IllegalArgumentException("a mirror environment of " + size + "² faces has " + 3 * floats
                    + " floats of state, not " + state.length);
        }
        float[] initial = new float[floats];
        if (state == null) {
            Arrays.fill(initial, (float) Math.log(INITIAL_RADIANCE));
        } else {
            System.arraycopy(state, 0, initial, 0, floats);
        }
        theta = new AdamGroup(gpu, "mirror environment θ [6, s, s, 3]", initial,
                state == null ? null : Arrays.copyOfRange(state, floats, 3 * floats));
        logRadiance = theta.values;
        gradient = theta.gradients;
    }

    /** Floats of θ for faces of {@code size}². */
    public static int floats(int size) {
        return 18 * size * size;
    }

    /** The face size of a state of {@code stateFloats} floats ({@link #download}: θ and both moments). */
    public static int sizeOfState(int stateFloats) {
        int size = (int) Math.round(Math.sqrt(stateFloats / (3.0 * 18)));
        if (size < 1 || 3 * floats(size) != stateFloats) {
            throw new IllegalArgumentException(stateFloats + " floats are not the state of a mirror environment");
        }
        return size;
    }

    public int size() {
        return size;
    }

    public void recordZeroGradient(CommandRecorder commands) {
        commands.fill(gradient, 0);
    }

    public void recordAdam(CommandRecorder commands, AdamStep adam, float learningRate, int t) {
        theta.recordAdam(commands, adam, 3, learningRate, t);
    }

    /** θ, Adam's first and second moments, back to back (waits for the GPU): what a checkpoint keeps. */
    public float[] download() {
        int n = floats(size);
        float[] state = Arrays.copyOf(theta.downloadValues(), 3 * n);
        System.arraycopy(theta.downloadMoments(), 0, state, n, 2 * n);
        return state;
    }

    @Override
    public void close() {
        theta.close();
    }
}
