package dev.splatlight.core.light;

import dev.splatlight.core.light.io.HdrImage;
import java.util.Arrays;

/**
 * How an environment's light is spread over the sphere, from its luminance (mean of R, G, B) weighted by each cube
 * texel's or equirect pixel's solid angle: its mean, median and peak, and the share of its energy in its brightest 0.1 % of directions —
 * a sun's (city.hdr: 0.24 in 0.1 %, peak 30,549). What tells whether a learned light has formed a sun or spread one
 * over the sky (docs/benchmarks.md).
 *
 * @param mean            mean luminance over the sphere
 * @param median          luminance that half the sphere's solid angle is below
 * @param peak            the brightest texel's luminance
 * @param brightestShare  share of Σ ω·L in the brightest 0.1 % of the sphere's solid angle
 */
public record EnvironmentStatistics(double mean, double median, double peak, double brightestShare) {
    /** The fraction of the sphere {@link #brightestShare} counts. */
    public static final double BRIGHTEST_FRACTION = 0.001;

    public static EnvironmentStatistics of(EnvironmentCube cube) {
        return of(cube.rgb(), EnvironmentCube.texelSolidAngles(cube.size()));
    }

    /** The same for an equirectangular image (rows of equal latitude: a pixel's solid angle is Δφ·(cos θ₀ − cos θ₁)). */
    public static EnvironmentStatistics ofEquirect(HdrImage image) {
        int width = image.width(), height = image.height();
        double[] solidAngle = new double[width * height];
        for (int y = 0; y < height; y++) {
            double band = 2 * Math.PI / width * (Math.cos(Math.PI * y / height) - Math.cos(Math.PI * (y + 1) / height));
            Arrays.fill(solidAngle, y * width, (y + 1) * width, band);
        }
        return of(image.rgb(), solidAngle);
    }

    /** @param rgb [n, 3] linear radiance; @param solidAngle [n], summing to 4π */
    private static EnvironmentStatistics of(float[] rgb, double[] solidAngle) {
        int n = solidAngle.length;
        double[] luminance = new double[n];
        double energy = 0, peak = 0;
        // luminance's float bits (ordered like the values, as they are ≥ 0) above the index, negated: an ascending
        // sort of primitives puts the brightest first
        long[] brightestFirst = new long[n];
        for (int t = 0; t < n; t++) {
            luminance[t] = ((double) rgb[3 * t] + rgb[3 * t + 1] + rgb[3 * t + 2]) / 3;
            energy += luminance[t] * solidAngle[t];
            peak = Math.max(peak, luminance[t]);
            brightestFirst[t] = ~((long) Float.floatToIntBits((float) Math.max(luminance[t], 0)) << 32 | t);
        }
        Arrays.sort(brightestFirst);
        double brightestEnergy = 0, covered = 0, median = 0;
        boolean medianFound = false;
        for (long key : brightestFirst) {
            int t = (int) ~key;
            if (covered < BRIGHTEST_FRACTION * 4 * Math.PI) {
                brightestEnergy += luminance[t] * Math.min(solidAngle[t], BRIGHTEST_FRACTION * 4 * Math.PI - covered);
            }
            covered += solidAngle[t];
            if (!medianFound && covered >= 2 * Math.PI) {
                median = luminance[t];
                medianFound = true;
            }
        }
        return new EnvironmentStatistics(energy / (4 * Math.PI), median, peak, energy > 0 ? brightestEnergy / energy : 0);
    }

    /** As the JSON reports write it: mean, median, peak, brightest_0.1%_share. */
    public java.util.Map<String, Object> toMap() {
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("mean", mean);
        map.put("median", median);
        map.put("peak", peak);
        map.put("brightest_0.1%_share", brightestShare);
        return map;
    }
}
