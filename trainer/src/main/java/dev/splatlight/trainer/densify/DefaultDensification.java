package dev.splatlight.trainer.densify;

import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.trainer.model.GaussianState;
import java.util.Random;
import org.joml.Quaternionf;
import org.joml.Vector3f;

/**
 * Clone, split and prune as the reference 3DGS does, on the host state: clone small Gaussians with large view-space
 * gradients (same parameters, new Adam moments zero), split large ones into two samples of their own distribution
 * with scales ÷ 1.6, prune transparent, screen-huge and world-huge ones. Statistics restart afterwards.
 */
public final class DefaultDensification {
    private static final float SPLIT_SCALE_DIVISOR = 1.6f; // 0.8 × 2 samples (3DGS)
    private final DensificationSettings settings;

    public DefaultDensification(DensificationSettings settings) {
        this.settings = settings;
    }

    /** What one densification did. */
    public record Outcome(GaussianState state, int cloned, int split, int pruned) {
    }

    /**
     * @param pruneBySize whether screen- and world-size pruning applies (3DGS: after the first opacity reset)
     */
    public Outcome densifyAndPrune(GaussianState state, float sceneExtent, boolean pruneBySize, Random random) {
        int n = state.count();
        GaussianCloud p = state.parameters();
        boolean[] clone = new boolean[n], split = new boolean[n];
        int clones = 0, splits = 0;
        for (int i = 0; i < n; i++) {
            float views = state.viewCount()[i];
            float gradient = views > 0 ? state.gradientSum()[i] / views : 0;
            if (gradient < settings.gradientThreshold()) {
                continue;
            }
            if (maxScale(p, i) <= settings.percentDense() * sceneExtent) {
                clone[i] = true;
                clones++;
            } else {
                split[i] = true;
                splits++;
            }
        }
        // Originals that are split are replaced by their two samples; originals and clones may then be pruned.
        int capacity = n + clones + splits;
        Builder out = new Builder(capacity);
        for (int i = 0; i < n; i++) {
            if (!split[i]) {
                out.copy(state, i, true);
            }
        }
        for (int i = 0; i < n; i++) {
            if (clone[i]) {
                out.copy(state, i, false);
            }
        }
        for (int i = 0; i < n; i++) {
            if (split[i]) {
                for (int s = 0; s < 2; s++) {
                    out.copy(state, i, false);
                    out.resample(out.size - 1, random);
                }
            }
        }
        GaussianState result = out.prune(sceneExtent, pruneBySize, state, settings);
        return new Outcome(result, clones, splits, n + clones + splits - result.count());
    }

    /** Caps every opacity at 0.01 and clears its Adam moments (3DGS's opacity reset). */
    public GaussianState resetOpacity(GaussianState state) {
        state.clampOpacities(0f, 0.01f);
        return state;
    }

    static float maxScale(GaussianCloud c, int i) {
        return (float) Math.exp(Math.max(c.logScales[3 * i], Math.max(c.logScales[3 * i + 1], c.logScales[3 * i + 2])));
    }

    /** Accumulates Gaussians (parameters and moments) into fresh arrays. */
    private static final class Builder {
        final GaussianCloud parameters, first, second;
        final boolean[] original; // copied with its moments (else a new Gaussian, moments zero)
        final int[] source;
        int size;

        Builder(int capacity) {
            parameters = new GaussianCloud(capacity);
            first = new GaussianCloud(capacity);
            second = new GaussianCloud(capacity);
            original = new boolean[capacity];
            source = new int[capacity];
        }

        void copy(GaussianState state, int i, boolean keepMoments) {
            copyRow(state.parameters(), i, parameters, size);
            if (keepMoments) {
                copyRow(state.firstMoments(), i, first, size);
                copyRow(state.secondMoments(), i, second, size);
            }
            original[size] = keepMoments;
            source[size] = i;
            size++;
        }

        /** Moves Gaussian j to a sample of its own distribution and shrinks it (3DGS's split). */
        void resample(int j, Random random) {
            GaussianCloud c = parameters;
            Vector3f scale = new Vector3f((float) Math.exp(c.logScales[3 * j]), (float) Math.exp(c.logScales[3 * j + 1]),
                    (float) Math.exp(c.logScales[3 * j + 2]));
            Vector3f offset = new Vector3f((float) random.nextGaussian() * scale.x, (float) random.nextGaussian() * scale.y,
                    (float) random.nextGaussian() * scale.z);
            new Quaternionf(c.rotations[4 * j + 1], c.rotations[4 * j + 2], c.rotations[4 * j + 3], c.rotations[4 * j])
                    .normalize().transform(offset);
            for (int a = 0; a < 3; a++) {
                c.means[3 * j + a] += offset.get(a);
                c.logScales[3 * j + a] = (float) Math.log(scale.get(a) / SPLIT_SCALE_DIVISOR);
            }
        }

        GaussianState prune(float extent, boolean bySize, GaussianState before, DensificationSettings settings) {
            float minLogit = GaussianState.opacityLogit(settings.minOpacity());
            int kept = 0;
            int[] keep = new int[size];
            for (int j = 0; j < size; j++) {
                boolean transparent = parameters.opacityLogits[j] < minLogit;
                boolean huge = bySize && ((original[j] && before.maxRadius()[source[j]] > settings.maxScreenRadius())
                        || maxScale(parameters, j) > settings.maxWorldScale() * extent);
                if (!transparent && !huge) {
                    keep[kept++] = j;
                }
            }
            GaussianCloud p = new GaussianCloud(kept), m = new GaussianCloud(kept), v = new GaussianCloud(kept);
            for (int k = 0; k < kept; k++) {
                copyRow(parameters, keep[k], p, k);
                copyRow(first, keep[k], m, k);
                copyRow(second, keep[k], v, k);
            }
            return new GaussianState(p, m, v, new float[kept], new float[kept], new float[kept]);
        }
    }

    static void copyRow(GaussianCloud from, int i, GaussianCloud to, int j) {
        System.arraycopy(from.means, 3 * i, to.means, 3 * j, 3);
        System.arraycopy(from.logScales, 3 * i, to.logScales, 3 * j, 3);
        System.arraycopy(from.rotations, 4 * i, to.rotations, 4 * j, 4);
        to.opacityLogits[j] = from.opacityLogits[i];
        System.arraycopy(from.sh, 48 * i, to.sh, 48 * j, 48);
        System.arraycopy(from.normals, 3 * i, to.normals, 3 * j, 3);
        to.reflection[j] = from.reflection[i];
    }
}
