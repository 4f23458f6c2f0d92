package dev.splatlight.trainer.reflection;

import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.trainer.densify.DensificationSettings;
import dev.splatlight.trainer.model.GaussianState;
import java.util.Random;

/**
 * The geometry stage's schedule with reflections, after 3DGS-DR (Ye et al. 2024): it keeps 3DGS from painting a
 * mirror's virtual image inside the mirror before the reflection can explain it.
 * <ul>
 *   <li>View-independent colour (SH degree 0) for the first third of the run: a convex mirror's virtual image moves
 *       with the viewer, so view-dependent colour is what lets Gaussians behind the mirror fit it.</li>
 *   <li>"Normal propagation" every 1000 iterations from a tenth to four fifths of the run: every opacity raised to
 *       0.9 and held there for 200 iterations (the front surface hides what grew behind it), and the base colour of
 *       the Gaussians that do not reflect perturbed by ±0.4 (they must relearn it, while a reflection that is right
 *       keeps its pixels). Skipped where 3DGS resets opacities. 3DGS-DR also enlarges the reflecting Gaussians 1.5×
 *       along their two larger axes; on trio that left spikes around the mirror and cost 1.1° of normal error and
 *       0.5 dB of the shaded image for no gain in albedo or relighting (docs/benchmarks.md), so it is not done.</li>
 *   <li>The last tenth refits the colours alone to the photos, without the reflection (geometry, normals, reflection
 *       strength and the mirror light held): the asset's radiance, which other 3DGS tools show, then carries what SH
 *       can of the mirrors' look rather than their base colour (trio: radiance 28.4 → 29.9 dB).</li>
 * </ul>
 */
public final class ReflectionSchedule {
    static final int PROPAGATION_INTERVAL = 1000, OPACITY_HOLD = 200;
    static final float RAISED_OPACITY = 0.9f, COLOUR_PERTURBATION = 0.4f;
    /** Reflection strength above which a Gaussian counts as reflecting and keeps its colour. */
    static final float SPARED_ABOVE = 0.05f;

    private final int iterations;
    private final DensificationSettings densification;

    /** The schedule of a run of {@code iterations} that densifies on {@code densification}'s schedule. */
    public ReflectionSchedule(int iterations, DensificationSettings densification) {
        this.iterations = iterations;
        this.densification = densification;
    }

    /** The SH degree iteration {@code it} renders with: 0 for the first third, then one more every 1000 iterations. */
    public int shDegreeAt(int it) {
        return Math.max(0, Math.min(3, (it - iterations / 3) / 1000));
    }

    /**
     * Whether iteration {@code it} belongs to the last tenth, which refits the colours alone (geometry, normals and
     * reflection strength held) to the photos without the reflection: the asset's radiance (its SH, what other 3DGS
     * tools show) then carries what it can of the mirrors' look instead of their base colour.
     */
    public boolean refitsColoursAt(int it) {
        return it > iterations - iterations / 10;
    }

    /** Whether iteration {@code it} ends with a propagation step (never the last, nor one that resets opacities). */
    public boolean propagatesAt(int it) {
        return it % PROPAGATION_INTERVAL == 0 && it > iterations / 10 && it <= iterations * 4 / 5 && it < iterations
                && !densification.resetsOpacityAt(it, iterations);
    }

    /** Whether opacities are held (learning rate 0) at iteration {@code it}: the 200 after a propagation step. */
    public boolean holdsOpacityAt(int it) {
        int since = (it - 1) % PROPAGATION_INTERVAL; // iterations since the last multiple of the interval, minus one
        int last = it - 1 - since;
        return last > 0 && since < OPACITY_HOLD && propagatesAt(last);
    }

    /** One propagation step on the host copy; resets the Adam moments of what it changed. */
    public static void propagate(GaussianState state, Random random) {
        state.clampOpacities(RAISED_OPACITY, 1f);
        GaussianCloud p = state.parameters();
        for (int i = 0; i < p.count(); i++) {
            if (p.reflection[i] <= SPARED_ABOVE) {
                for (int c = 0; c < 3; c++) { // the DC coefficients lead each row of 16 × 3
                    p.sh[48 * i + c] += COLOUR_PERTURBATION * (2 * random.nextFloat() - 1);
                    state.firstMoments().sh[48 * i + c] = 0;
                    state.secondMoments().sh[48 * i + c] = 0;
                }
            }
        }
    }
}
