package dev.splatlight.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.trainer.loss.MirrorNormalShares;
import dev.splatlight.trainer.reflection.ReflectionSettings;
import org.junit.jupiter.api.Test;

/** The derived settings of a geometry run, and the options it refuses. */
class TrainConfigTest {
    private static TrainConfig run(int iterations, boolean reflections, float consistency, float smoothness, float coupling) {
        return run(iterations, reflections, consistency, smoothness, ReflectionSettings.SMOOTHNESS_EDGES, coupling);
    }

    private static TrainConfig run(int iterations, boolean reflections, float consistency, float smoothness, float edges,
                                   float coupling) {
        return new TrainConfig("data", "out", iterations, false, 1000, TrainConfig.INITIAL_BOUND, TrainConfig.SSIM_WEIGHT,
                TrainConfig.NORMAL_CONSISTENCY_WEIGHT, TrainConfig.NORMAL_SMOOTHNESS_WEIGHT, 1000, 0, null,
                new ReflectionSettings(reflections, ReflectionSettings.NORMAL_WEIGHT, smoothness, consistency, edges, 0),
                coupling, 0, 0);
    }

    @Test
    void trainConfigJsonKeepsTheReflectionFieldsFlat() throws Exception {
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .valueToTree(run(100, true, 0.25f, 0.5f, 0.75f, 0.1f));
        assertEquals(true, json.get("reflections").asBoolean(), json.toString());
        assertEquals(ReflectionSettings.NORMAL_WEIGHT, json.get("reflectionNormalWeight").floatValue(), json.toString());
        assertEquals(0.5f, json.get("reflectionNormalSmoothness").floatValue(), json.toString());
        assertEquals(0.25f, json.get("reflectionNormalConsistency").floatValue(), json.toString());
        assertEquals(0.75f, json.get("reflectionSmoothnessEdges").floatValue(), json.toString());
        assertEquals(0.1f, json.get("depthNormalCoupling").floatValue(), json.toString());
        assertTrue(json.get("reflection") == null, "as older folders have them: " + json);
    }

    @Test
    void theDepthCouplingStartsAtAQuarterOfTheRun() {
        TrainConfig config = run(1000, false, 1, 1, 0.2f);
        assertEquals(0, config.depthNormalCouplingAt(1));
        assertEquals(0, config.depthNormalCouplingAt(250));
        assertEquals(0.2f, config.depthNormalCouplingAt(251));
        assertEquals(0.2f, config.depthNormalCouplingAt(1000));
        assertEquals(0, run(1000, false, 1, 1, 0).depthNormalCouplingAt(900));
    }

    @Test
    void theDepthCouplingIsOnByDefaultExceptWithReflectionsAndNoAlphaTerm() {
        assertEquals(TrainConfig.DEPTH_NORMAL_COUPLING, TrainConfig.defaultDepthNormalCoupling(false, 0));
        assertEquals(TrainConfig.DEPTH_NORMAL_COUPLING, TrainConfig.defaultDepthNormalCoupling(false, TrainConfig.ALPHA_WEIGHT));
        assertTrue(TrainConfig.DEPTH_NORMAL_COUPLING > 0);
        assertEquals(0, TrainConfig.defaultDepthNormalCoupling(true, 0), "with reflections and no alpha term: floaters");
        assertEquals(TrainConfig.DEPTH_NORMAL_COUPLING, TrainConfig.defaultDepthNormalCoupling(true, TrainConfig.ALPHA_WEIGHT),
                "the alpha term keeps the background empty");
        TrainConfig coupled = run(1000, false, 1, 1, 0).withDepthNormalCoupling(0.07f);
        assertEquals(0.07f, coupled.depthNormalCoupling());
        assertEquals(run(1000, false, 1, 1, 0.07f), coupled, "nothing else changes");
    }

    @Test
    void theAlphaTermIsOnByDefaultForPhotosWithTransparency() {
        assertEquals(TrainConfig.ALPHA_WEIGHT, TrainConfig.defaultAlphaWeight(true));
        assertTrue(TrainConfig.ALPHA_WEIGHT > 0);
        assertEquals(0, TrainConfig.defaultAlphaWeight(false), "opaque photos say nothing about empty space");
    }

    @Test
    void mirrorsKeepTheirSharesOnlyWithReflections() {
        assertEquals(new MirrorNormalShares(0.3f, 0.6f, 1), run(100, true, 0.3f, 0.6f, 0).normalLossWeights(1).mirror());
        assertEquals(new MirrorNormalShares(1, 2.5f, 0.2f), run(100, true, 1, 2.5f, 0.2f, 0).normalLossWeights(1).mirror(),
                "a mirror may be smoothed more than other surfaces, and across its photo's edges");
        assertEquals(null, run(100, false, 0.3f, 0.6f, 0).normalLossWeights(1).mirror());
        assertEquals(TrainConfig.NORMAL_SMOOTHNESS_WEIGHT, run(100, true, 0.3f, 0.6f, 0).normalLossWeights(1).smoothness());
        assertEquals(0.2f, run(100, true, 1, 1, 0.2f).normalLossWeights(26).depthCoupling());
    }

    @Test
    void sharesOutsideTheirRangesAndANegativeCouplingAreRefused() {
        IllegalArgumentException consistency = assertThrows(IllegalArgumentException.class, () -> run(100, true, 1.5f, 1, 0));
        assertTrue(consistency.getMessage().contains("--reflection-normal-consistency"), consistency.getMessage());
        IllegalArgumentException smoothness = assertThrows(IllegalArgumentException.class, () -> run(100, true, 1, 11, 0));
        assertTrue(smoothness.getMessage().contains("--reflection-normal-smoothness"), smoothness.getMessage());
        IllegalArgumentException edges = assertThrows(IllegalArgumentException.class, () -> run(100, true, 1, 1, 1.2f, 0));
        assertTrue(edges.getMessage().contains("--reflection-smoothness-edges"), edges.getMessage());
        IllegalArgumentException coupling = assertThrows(IllegalArgumentException.class, () -> run(100, true, 1, 1, -0.1f));
        assertTrue(coupling.getMessage().contains("--depth-normal-coupling"), coupling.getMessage());
    }
}
