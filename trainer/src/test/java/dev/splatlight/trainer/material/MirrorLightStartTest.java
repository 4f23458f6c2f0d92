package dev.splatlight.trainer.material;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.splatlight.core.light.Srgb;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.trainer.checkpoint.MaterialCheckpoint;
import dev.splatlight.trainer.stage.MaterialStage;
import dev.splatlight.trainer.reflection.MirrorEnvironment;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The material stage's light started from the mirror light: units, unseen texels, finer and coarser faces. */
class MirrorLightStartTest {
    private final long seed = System.nanoTime();

    /** A random mirror state of faces {@code size}²: θ, a first moment, and a second moment 0 where {@code seen} is false. */
    private static float[] state(Random random, int size, boolean[] seen) {
        int n = MirrorEnvironment.floats(size);
        float[] state = new float[3 * n];
        for (int i = 0; i < n; i++) {
            state[i] = (float) (random.nextGaussian() - 1);
            state[n + i] = (float) random.nextGaussian();
            state[2 * n + i] = seen[i / 3] ? (float) random.nextDouble() + 1e-6f : 0;
        }
        return state;
    }

    private static double expectedRadiance(float theta) {
        return Math.max(Srgb.decode(Math.exp(theta)), 1e-4) / MaterialInitialisation.METAL_REFLECTANCE;
    }

    @Test
    void aFinerLightRepeatsEachSeenTexelAndFillsTheUnseenWithTheirGeometricMean() {
        Random random = new Random(seed);
        int size = 4, texels = 6 * size * size;
        boolean[] seen = new boolean[texels];
        for (int t = 0; t < texels; t++) {
            seen[t] = random.nextDouble() < 0.6;
        }
        seen[0] = true;
        float[] state = state(random, size, seen);
        double[] logMean = new double[3];
        int count = 0;
        for (int t = 0; t < texels; t++) {
            if (seen[t]) {
                count++;
                for (int c = 0; c < 3; c++) {
                    logMean[c] += Math.log(expectedRadiance(state[3 * t + c]));
                }
            }
        }
        float[] light = MirrorLightStart.logRadiance(state, 8);
        assertEquals(18 * 8 * 8, light.length);
        for (int face = 0; face < 6; face++) {
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    int source = (face * size + y / 2) * size + x / 2;
                    for (int c = 0; c < 3; c++) {
                        double expected = seen[source] ? Math.log(expectedRadiance(state[3 * source + c])) : logMean[c] / count;
                        assertEquals(expected, light[3 * ((face * 8 + y) * 8 + x) + c], 1e-5,
                                "face " + face + " texel " + x + "," + y + " seed " + seed);
                    }
                }
            }
        }
    }

    @Test
    void aCoarserLightAveragesBlocksOfLinearRadiance() {
        Random random = new Random(seed);
        int size = 8;
        boolean[] seen = new boolean[6 * size * size];
        java.util.Arrays.fill(seen, true);
        float[] state = state(random, size, seen);
        float[] light = MirrorLightStart.logRadiance(state, 2);
        for (int face = 0; face < 6; face++) {
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 2; x++) {
                    for (int c = 0; c < 3; c++) {
                        double sum = 0;
                        for (int j = 0; j < 4; j++) {
                            for (int i = 0; i < 4; i++) {
                                sum += expectedRadiance(state[3 * ((face * size + 4 * y + j) * size + 4 * x + i) + c]);
                            }
                        }
                        assertEquals(Math.log(sum / 16), light[3 * ((face * 2 + y) * 2 + x) + c], 1e-5, "seed " + seed);
                    }
                }
            }
        }
    }

    @Test
    void aMirrorThatReflectedNothingGivesNoLight() {
        assertNull(MirrorLightStart.logRadiance(state(new Random(seed), 4, new boolean[6 * 16]), 8));
    }

    /** A --reflections run whose geometry stage ended before any mirror reflected (a short run) starts as GS-IR. */
    @Test
    void theMaterialStageStartsFromGsIrsLightWhenNoMirrorReflected() {
        MaterialSettings settings = new MaterialSettings(10, 32, 0, true, 0, 0, 0, 0.01f, 0, 0.01f, 8, 1000, true, 0f, 0f,
                0f, 0, null, 0f, false, false, MaterialSettings.RATE_DECAY);
        GaussianCloud cloud = new GaussianCloud(4);
        float[] nothingSeen = state(new Random(seed), 4, new boolean[6 * 16]);
        MaterialCheckpoint start = MaterialStage.initialState(settings, cloud, 1.5f, nothingSeen, seed);
        assertArrayEquals(MaterialStage.initialState(settings, cloud, 1.5f, null, seed).environment(), start.environment());
        float[] oneSeen = state(new Random(seed), 4, seenOnly(0));
        assertFalse(Arrays.equals(start.environment(), MaterialStage.initialState(settings, cloud, 1.5f, oneSeen, seed)
                .environment()), "a mirror that reflected starts the light");
    }

    private static boolean[] seenOnly(int texel) {
        boolean[] seen = new boolean[6 * 16];
        seen[texel] = true;
        return seen;
    }

    @Test
    void aStateOfTheWrongLengthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MirrorLightStart.logRadiance(new float[3 * 18 * 9 + 1], 8));
        assertThrows(IllegalArgumentException.class, () -> MirrorLightStart.logRadiance(new float[3 * 18 * 9], 8)); // 3² faces
    }
}
