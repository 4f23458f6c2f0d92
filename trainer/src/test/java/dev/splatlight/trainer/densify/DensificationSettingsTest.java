package dev.splatlight.trainer.densify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DensificationSettingsTest {
    private final DensificationSettings settings = DensificationSettings.GAUSSIAN_SPLATTING;

    @Test
    void followsTheScheduleButNeverChangesTheModelOnTheLastIteration() {
        assertTrue(settings.resetsOpacityAt(3000, 30000));
        assertFalse(settings.resetsOpacityAt(3000, 3000), "a 3000-iteration run ends with its opacities, not reset ones");
        assertFalse(settings.resetsOpacityAt(15000, 30000), "no resets after densification ends");
        assertTrue(settings.densifiesAt(1000, 30000));
        assertFalse(settings.densifiesAt(1000, 1000), "a 1000-iteration run ends without untrained clones");
        assertFalse(settings.densifiesAt(500, 30000), "densification starts after 500");
    }
}
