package dev.splatlight.trainer.reflection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.trainer.densify.DensificationSettings;
import dev.splatlight.trainer.model.GaussianState;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReflectionScheduleTest {
    private final ReflectionSchedule schedule = new ReflectionSchedule(30_000, DensificationSettings.GAUSSIAN_SPLATTING);

    @Test
    void colourStaysViewIndependentForTheFirstThirdThenGainsADegreePerThousand() {
        assertEquals(0, schedule.shDegreeAt(1));
        assertEquals(0, schedule.shDegreeAt(10_999));
        assertEquals(1, schedule.shDegreeAt(11_000));
        assertEquals(2, schedule.shDegreeAt(12_500));
        assertEquals(3, schedule.shDegreeAt(13_000));
        assertEquals(3, schedule.shDegreeAt(30_000));
    }

    @Test
    void propagationRunsEveryThousandFromATenthToFourFifthsExceptAtOpacityResets() {
        assertFalse(schedule.propagatesAt(2_000), "before a tenth of the run");
        assertFalse(schedule.propagatesAt(3_000), "3DGS resets opacities here");
        assertTrue(schedule.propagatesAt(4_000));
        assertFalse(schedule.propagatesAt(4_500), "only on multiples of 1000");
        assertFalse(schedule.propagatesAt(6_000), "3DGS resets opacities here");
        assertTrue(schedule.propagatesAt(15_000), "densification (and its resets) ended");
        assertTrue(schedule.propagatesAt(24_000));
        assertFalse(schedule.propagatesAt(25_000), "after four fifths");
        ReflectionSchedule shortRun = new ReflectionSchedule(2_000, DensificationSettings.GAUSSIAN_SPLATTING);
        assertFalse(shortRun.propagatesAt(2_000), "never the last iteration");
    }

    @Test
    void opacitiesAreHeldForTheTwoHundredIterationsAfterAPropagationOnly() {
        assertFalse(schedule.holdsOpacityAt(4_000));
        assertTrue(schedule.holdsOpacityAt(4_001));
        assertTrue(schedule.holdsOpacityAt(4_200));
        assertFalse(schedule.holdsOpacityAt(4_201));
        assertFalse(schedule.holdsOpacityAt(3_001), "after 3DGS's reset to 0.01 opacities must be free to recover");
        assertFalse(schedule.holdsOpacityAt(6_100), "after 3DGS's reset to 0.01 opacities must be free to recover");
        assertTrue(schedule.holdsOpacityAt(7_050));
    }

    @Test
    void theLastTenthRefitsColoursAlone() {
        assertFalse(schedule.refitsColoursAt(27_000));
        assertTrue(schedule.refitsColoursAt(27_001));
        assertTrue(schedule.refitsColoursAt(30_000));
    }

    @Test
    void propagationRaisesOpacitiesAndPerturbsTheColourOfWhatDoesNotReflect() {
        int n = 2000;
        Random random = new Random(7);
        GaussianCloud p = new GaussianCloud(n);
        GaussianState state = GaussianState.fresh(p);
        for (int i = 0; i < n; i++) {
            p.opacityLogits[i] = 7 * random.nextFloat() - 4; // opacities 0.02 to 0.95, some above 0.9 (logit 2.2)
            p.reflection[i] = i % 2 == 0 ? 0.01f * random.nextFloat() : 0.1f + 0.9f * random.nextFloat();
        }
        for (int k = 0; k < p.sh.length; k++) {
            p.sh[k] = random.nextFloat() - 0.5f;
        }
        java.util.Arrays.fill(state.firstMoments().opacityLogits, 1f);
        java.util.Arrays.fill(state.secondMoments().sh, 1f);
        float[] opacityBefore = p.opacityLogits.clone();
        float[] shBefore = p.sh.clone();

        ReflectionSchedule.propagate(state, new Random(11));

        float raised = (float) Math.log(0.9 / 0.1);
        double perturbation = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(Math.max(opacityBefore[i], raised), p.opacityLogits[i], 1e-6f, "opacity of " + i);
            assertEquals(0f, state.firstMoments().opacityLogits[i], "the raised opacities' moments restart");
            for (int k = 3; k < 48; k++) {
                assertEquals(shBefore[48 * i + k], p.sh[48 * i + k], "view-dependent SH untouched");
            }
            for (int c = 0; c < 3; c++) {
                float change = p.sh[48 * i + c] - shBefore[48 * i + c];
                if (p.reflection[i] > 0.05f) {
                    assertEquals(0f, change, "a reflecting Gaussian keeps its colour");
                    assertEquals(1f, state.secondMoments().sh[48 * i + c]);
                } else {
                    assertTrue(Math.abs(change) <= 0.4f + 1e-6f, "perturbed by at most 0.4");
                    assertEquals(0f, state.secondMoments().sh[48 * i + c], "the perturbed colour's moments restart");
                    perturbation += Math.abs(change);
                }
            }
        }
        assertEquals(0.2, perturbation / (3 * n / 2), 0.02, "uniform in ±0.4 has mean magnitude 0.2");
    }
}
