package dev.splatlight.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.trainer.data.Rgba8Image;
import java.util.Arrays;
import java.util.List;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

class StrayLightTest {
    /** 2 × 2 truth: pixels 1 and 3 empty (alpha 0), 0 and 2 covered. */
    private static Rgba8Image truth(int... alphas) {
        byte[] rgba = new byte[16];
        for (int p = 0; p < 4; p++) {
            rgba[4 * p + 3] = (byte) alphas[p];
        }
        return new Rgba8Image(2, 2, rgba);
    }

    @Test
    void itIsTheMeanDistanceFromTheBackgroundOverEmptyPixelsOnly() {
        float[] display = new float[12];
        Arrays.fill(display, 0.9f); // covered pixels are not counted, whatever they show
        display[1] = 0.2f;          // pixel 1: (0.2, 0.1, 0.3)
        display[5] = 0.1f;
        display[9] = 0.3f;
        display[3] = 0f;            // pixel 3: black
        display[7] = 0f;
        display[11] = 0f;
        Rgba8Image partly = truth(255, 0, 128, 0);
        assertEquals((0.2 + 0.1 + 0.3) / 6, StrayLight.of(display, partly, new Vector3f()), 1e-6);
        assertEquals((0.8 + 0.9 + 0.7 + 3) / 6, StrayLight.of(display, partly, new Vector3f(1)), 1e-6, "on white");
        assertTrue(Double.isNaN(StrayLight.of(display, truth(255, 255, 1, 255), new Vector3f())), "nothing empty");
    }

    @Test
    void theMeanSkipsViewsWithoutEmptyPixels() {
        assertEquals(0.25, StrayLight.mean(List.of(0.1, Double.NaN, 0.4)), 1e-12);
        assertTrue(Double.isNaN(StrayLight.mean(List.of(Double.NaN))));
    }
}
