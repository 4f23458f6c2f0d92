package dev.splatlight.trainer.material;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.splatlight.core.asset.RelightableAsset;
import dev.splatlight.core.splat.GaussianCloud;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mirrors' and others' opacity-weighted mean materials, against sums done by hand. */
class MaterialTraceTest {
    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    @Test
    void mirrorsAndOthersAreAveragedByOpacity() {
        GaussianCloud cloud = new GaussianCloud(3);
        float[] opacity = {0.2f, 0.6f, 0.9f}, strength = {0.5f, 0.9f, 0.49f};
        for (int i = 0; i < 3; i++) {
            cloud.opacityLogits[i] = (float) logit(opacity[i]);
            cloud.reflection[i] = strength[i];
        }
        RelightableAsset.Material materials = new RelightableAsset.Material(
                new float[] {0.9f, 0.8f, 0.7f, 0.5f, 0.4f, 0.3f, 0.1f, 0.2f, 0.3f}, new float[] {0.1f, 0.3f, 0.8f},
                new float[] {1.0f, 0.6f, 0.0f});
        Map<String, Object> trace = MaterialTrace.of(cloud, materials);
        Map<?, ?> mirrors = (Map<?, ?>) trace.get("mirrors"), others = (Map<?, ?>) trace.get("others");
        assertEquals(2, mirrors.get("gaussians"));
        assertArrayEquals(new double[] {(0.2 * 0.9 + 0.6 * 0.5) / 0.8, (0.2 * 0.8 + 0.6 * 0.4) / 0.8,
                (0.2 * 0.7 + 0.6 * 0.3) / 0.8}, (double[]) mirrors.get("albedo"), 1e-6);
        assertEquals((0.2 * 0.1 + 0.6 * 0.3) / 0.8, (double) mirrors.get("roughness"), 1e-6);
        assertEquals((0.2 * 1.0 + 0.6 * 0.6) / 0.8, (double) mirrors.get("metallic"), 1e-6);
        assertEquals(1, others.get("gaussians"));
        assertEquals(0.8, (double) others.get("roughness"), 1e-6);
        assertEquals(0.0, (double) others.get("metallic"), 1e-6);
    }

    @Test
    void withoutMirrorsThereIsNoMirrorEntry() {
        GaussianCloud cloud = new GaussianCloud(2);
        RelightableAsset.Material materials = new RelightableAsset.Material(new float[6], new float[] {0.5f, 0.5f},
                new float[] {0.1f, 0.3f});
        Map<String, Object> trace = MaterialTrace.of(cloud, materials);
        assertFalse(trace.containsKey("mirrors"));
        assertEquals(0.2, (double) ((Map<?, ?>) trace.get("others")).get("metallic"), 1e-6, "equal opacities: the plain mean");
    }

    @Test
    void theHostActivationIsTheShadersMapping() {
        float[] logits = {0, (float) logit(0.25), (float) logit(0.75), 0, (float) logit(0.9)};
        RelightableAsset.Material m = MaterialActivation.onHost(logits);
        assertArrayEquals(new float[] {0.5f, 0.25f, 0.75f}, m.albedo(), 1e-6f);
        assertEquals(0.04f + 0.96f * 0.5f, m.roughness()[0], 1e-6f);
        assertEquals(0.9f, m.metallic()[0], 1e-6f);
    }
}
