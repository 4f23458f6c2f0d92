package dev.splatlight.trainer.material;

import dev.splatlight.core.light.Srgb;
import dev.splatlight.trainer.reflection.MirrorEnvironment;

/**
 * The material stage's starting light from the geometry stage's mirror light ({@code --reflections}): where a mirror
 * showed the environment, the geometry stage has already learned it, sharp, in the photos' display units. Started
 * from GS-IR's uniform random light instead, a mirror first reflects noise; going rough and dielectric is the quickest
 * way down from there, and once it is rough nothing asks the light for detail again (trio's silver sphere ended
 * patchy, metallic ~0.7, half as bright as its true albedo).
 *
 * <p>A mirror's pixel is its reflectance F times the radiance it reflects, so the light is decode(exp θ) / F with
 * F = {@link MaterialInitialisation#METAL_REFLECTANCE}, the reflectance metals start with. Texels no mirror ever
 * reflected (no gradient reached them: Adam's second moment is 0) take the geometric mean of those that were. Both
 * cubes share the face layout of light/cubemap.glsl and power-of-two sizes, so resampling is exact nesting: a finer
 * target repeats a texel, a coarser one averages a block.
 */
public final class MirrorLightStart {
    private MirrorLightStart() {
    }

    /**
     * @param mirrorState θ, Adam's first and second moments back to back, as {@link MirrorEnvironment#download} gives
     * @param size        face size of the learned light
     * @return θ [6, size, size, 3] of the learned light (log linear radiance), or null when no mirror reflected anything
     */
    public static float[] logRadiance(float[] mirrorState, int size) {
        int mirrorSize = MirrorEnvironment.sizeOfState(mirrorState.length);
        if (Integer.bitCount(mirrorSize) != 1) {
            throw new IllegalArgumentException("a mirror light of " + mirrorSize + "² faces is not a power of two");
        }
        int texels = 6 * mirrorSize * mirrorSize, secondMoment = 2 * MirrorEnvironment.floats(mirrorSize);
        double[] linear = new double[3 * texels];
        boolean[] seen = new boolean[texels];
        double[] logSum = new double[3];
        int seenCount = 0;
        for (int t = 0; t < texels; t++) {
            for (int c = 0; c < 3; c++) {
                seen[t] |= mirrorState[secondMoment + 3 * t + c] > 0;
            }
            if (!seen[t]) {
                continue;
            }
            seenCount++;
            for (int c = 0; c < 3; c++) {
                double radiance = Math.max(Srgb.decode(Math.exp(mirrorState[3 * t + c])), 1e-4)
                        / MaterialInitialisation.METAL_REFLECTANCE;
                linear[3 * t + c] = radiance;
                logSum[c] += Math.log(radiance);
            }
        }
        if (seenCount == 0) {
            return null;
        }
        for (int t = 0; t < texels; t++) {
            for (int c = 0; c < 3 && !seen[t]; c++) {
                linear[3 * t + c] = Math.exp(logSum[c] / seenCount);
            }
        }
        return resampled(linear, mirrorSize, size);
    }

    private static float[] resampled(double[] linear, int from, int to) {
        float[] out = new float[18 * to * to];
        int block = Math.max(1, from / to), repeat = Math.max(1, to / from);
        for (int face = 0; face < 6; face++) {
            for (int y = 0; y < to; y++) {
                for (int x = 0; x < to; x++) {
                    int sx = x / repeat * block, sy = y / repeat * block;
                    for (int c = 0; c < 3; c++) {
                        double sum = 0;
                        for (int j = 0; j < block; j++) {
                            for (int i = 0; i < block; i++) {
                                sum += linear[3 * ((face * from + sy + j) * from + sx + i) + c];
                            }
                        }
                        out[3 * ((face * to + y) * to + x) + c] = (float) Math.log(sum / (block * block));
                    }
                }
            }
        }
        return out;
    }
}
