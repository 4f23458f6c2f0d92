package dev.splatlight.trainer.densify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.trainer.model.GaussianState;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DefaultDensificationTest {
    private final DefaultDensification densification = new DefaultDensification(DensificationSettings.GAUSSIAN_SPLATTING);

    /** Four Gaussians: 0 quiet, 1 small with a large gradient, 2 large with a large gradient, 3 nearly transparent. */
    private static GaussianState scene() {
        GaussianCloud c = new GaussianCloud(4);
        float[] logScale = {(float) Math.log(0.01), (float) Math.log(0.01), (float) Math.log(0.2), (float) Math.log(0.01)};
        for (int i = 0; i < 4; i++) {
            c.means[3 * i] = i;
            c.logScales[3 * i] = c.logScales[3 * i + 1] = c.logScales[3 * i + 2] = logScale[i];
            c.rotations[4 * i] = 1;
            c.opacityLogits[i] = i == 3 ? -8f : 0f;
            c.sh[48 * i] = i;
        }
        GaussianState state = GaussianState.fresh(c);
        for (int i = 0; i < 4; i++) {
            state.viewCount()[i] = 2;
            state.firstMoments().means[3 * i] = 10 + i;
        }
        state.gradientSum()[1] = 2 * 5e-4f;
        state.gradientSum()[2] = 2 * 5e-4f;
        return state;
    }

    @Test
    void clonesSmallSplitsLargeAndPrunesTransparentGaussians() {
        DefaultDensification.Outcome outcome = densification.densifyAndPrune(scene(), 4f, false, new Random(1));
        assertEquals(1, outcome.cloned());
        assertEquals(1, outcome.split());
        assertEquals(1, outcome.pruned(), "Gaussian 3 (a split original is replaced, not pruned)");
        GaussianState after = outcome.state();
        // Kept: 0, 1 (with moments), clone of 1 (moments zero), two samples of 2 (moments zero); 3 pruned.
        assertEquals(5, after.count());
        GaussianCloud p = after.parameters();
        assertEquals(0f, p.means[0]);
        assertEquals(1f, p.means[3]);
        assertEquals(11f, after.firstMoments().means[3], "an original keeps its Adam moments");
        assertEquals(1f, p.means[6], "the clone sits where its original is");
        assertEquals(0f, after.firstMoments().means[6], "a clone starts with zero moments");
        for (int j = 3; j < 5; j++) {
            assertEquals(2f, p.sh[48 * j], "split samples keep the colour of Gaussian 2");
            assertEquals(Math.log(0.2 / 1.6), p.logScales[3 * j], 1e-5);
            assertTrue(Math.abs(p.means[3 * j] - 2f) < 1f, "a split sample lies within its parent's spread");
        }
        for (int j = 0; j < 5; j++) {
            assertEquals(0f, after.viewCount()[j], "statistics restart");
        }
    }

    @Test
    void sizePruningRemovesScreenHugeOriginalsOnlyWhenAskedFor() {
        var withScreenRule = new DefaultDensification(DensificationSettings.GAUSSIAN_SPLATTING.withMaxScreenRadius(20));
        GaussianState state = scene();
        state.maxRadius()[0] = 50;
        assertEquals(5, withScreenRule.densifyAndPrune(state, 4f, false, new Random(1)).state().count());
        state = scene();
        state.maxRadius()[0] = 50;
        assertEquals(4, withScreenRule.densifyAndPrune(state, 4f, true, new Random(1)).state().count());
        state = scene();
        state.maxRadius()[0] = 50;
        assertEquals(5, densification.densifyAndPrune(state, 4f, true, new Random(1)).state().count(),
                "3DGS as evaluated keeps screen-huge Gaussians");
    }

    @Test
    void opacityResetCapsAtOnePercentAndClearsItsMoments() {
        GaussianState state = scene();
        state.firstMoments().opacityLogits[0] = 3;
        densification.resetOpacity(state);
        assertEquals(GaussianState.opacityLogit(0.01f), state.parameters().opacityLogits[0], 1e-6);
        assertEquals(-8f, state.parameters().opacityLogits[3]);
        assertEquals(0f, state.firstMoments().opacityLogits[0]);
    }
}
