package dev.splatlight.trainer.material;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The material stage's rate schedule: constant by default, else falling exponentially to its share at the last iteration. */
class MaterialSettingsTest {
    @Test
    void ratesFallExponentiallyFromTheFirstIterationToTheirShareAtTheLast() {
        MaterialSettings decaying = withRateDecay(5, 0.01f);
        assertEquals(1, decaying.rateScale(1), 1e-6);
        assertEquals(0.1, decaying.rateScale(3), 1e-6);   // halfway: the geometric mean
        assertEquals(0.01, decaying.rateScale(5), 1e-6);
        assertEquals(0.01, decaying.rateScale(6), 1e-6);   // past the end (a run resumed with fewer iterations): held
        for (int it = 1; it <= 5; it++) {
            assertEquals(1, withRateDecay(5, MaterialSettings.RATE_DECAY).rateScale(it), 0, "constant by default");
        }
        assertEquals(0.01, withRateDecay(1, 0.01f).rateScale(1), 1e-6, "one iteration is the last");
    }

    @Test
    void aDecayOutsideZeroToOneIsRefusedNamingTheOption() {
        for (float decay : new float[] {0, -0.5f, 1.5f, Float.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withRateDecay(10, decay));
            assertTrue(e.getMessage().contains("--material-rate-decay"), e.getMessage());
        }
    }

    private static MaterialSettings withRateDecay(int iterations, float decay) {
        MaterialSettings d = MaterialSettings.DEFAULTS;
        return new MaterialSettings(iterations, d.environmentResolution(), d.irradianceResolution(), d.gamma(),
                d.smoothnessWeight(), d.priorWeight(), d.environmentSmoothness(), d.materialLearningRate(),
                d.environmentLearningRate(), d.irradianceLearningRate(), d.specularSamples(), d.checkpointInterval(),
                d.glossyInitialisation(), d.medianAlbedo(), d.normalLearningRate(), d.normalAnchor(), d.sunLobes(),
                d.lightStart(), d.clipMargin(), d.specularOcclusion(), d.tracedReflections(), decay);
    }
}
