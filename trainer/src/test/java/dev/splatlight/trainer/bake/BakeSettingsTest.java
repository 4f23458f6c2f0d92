package dev.splatlight.trainer.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The bake's default near cut: 0.85 of the threshold in world units, whatever the resolution, and never below 1.5 spacings. */
class BakeSettingsTest {
    @Test
    void theDefaultNearCutIsAShareOfTheThreshold() {
        for (int resolution : new int[] {32, 48, 128, 256}) {
            BakeSettings settings = BakeSettings.withDefaultNear(resolution, 1.5f, 0.25f, 2);
            assertEquals(0.85 * 0.25, settings.near(), 1e-6, resolution + "³");
        }
        assertEquals(9.0, BakeSettings.OBJECT_SCENE.nearSpacings(), 0.01, "trio's measured best at 128³");
        assertEquals(BakeSettings.MIN_NEAR_SPACINGS, BakeSettings.withDefaultNear(8, 1.5f, 0.25f, 2).nearSpacings(), 0,
                "a coarse grid keeps the shadow-ray offset of 1.5 spacings");
    }
}
