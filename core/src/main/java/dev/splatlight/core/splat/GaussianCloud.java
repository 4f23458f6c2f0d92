package dev.splatlight.core.splat;

import java.util.Arrays;

/**
 * Gaussians on the host, structure of arrays, in the reference 3DGS parameterisation (pre-activation values):
 * log scales, logit opacity, unnormalised quaternion (w, x, y, z), SH coefficients, plus a per-Gaussian normal and
 * reflection strength.
 * The GPU buffers ({@link GaussianBuffers}) use the same layouts.
 */
public final class GaussianCloud {
    public static final int SH_COEFFICIENTS = 16; // degree 3
    /** The constant SH basis function, 1 / (2√π): 3DGS shows colour 0.5 + SH_C0·(DC coefficient). */
    public static final double SH_C0 = 0.28209479177387814;

    private final int count;
    public final float[] means;          // [N, 3] world
    public final float[] logScales;      // [N, 3]
    public final float[] rotations;      // [N, 4] (w, x, y, z), unnormalised
    public final float[] opacityLogits;  // [N]
    public final float[] sh;             // [N, 16, 3] coefficient-major; index 0 is the DC term
    public final float[] normals;        // [N, 3] world
    public final float[] reflection;     // [N] mirror reflection strength in [0, 1] (geometry stage reflections; else 0)

    /** Gaussian i's view-independent colour in channel c as the splats show it: 0.5 + SH_C0·DC, unclamped. */
    public double baseColour(int i, int c) {
        return 0.5 + SH_C0 * sh[SH_COEFFICIENTS * 3 * i + c];
    }

    public GaussianCloud(int count) {
        this(count, new float[3 * count], new float[3 * count], new float[4 * count], new float[count],
                new float[SH_COEFFICIENTS * 3 * count], new float[3 * count], new float[count]);
    }

    /** A cloud without reflection strength (all 0). */
    public GaussianCloud(int count, float[] means, float[] logScales, float[] rotations, float[] opacityLogits,
                         float[] sh, float[] normals) {
        this(count, means, logScales, rotations, opacityLogits, sh, normals, new float[count]);
    }

    public GaussianCloud(int count, float[] means, float[] logScales, float[] rotations, float[] opacityLogits,
                         float[] sh, float[] normals, float[] reflection) {
        this.count = count;
        this.means = check("means", means, 3, count);
        this.logScales = check("logScales", logScales, 3, count);
        this.rotations = check("rotations", rotations, 4, count);
        this.opacityLogits = check("opacityLogits", opacityLogits, 1, count);
        this.sh = check("sh", sh, SH_COEFFICIENTS * 3, count);
        this.normals = check("normals", normals, 3, count);
        this.reflection = check("reflection", reflection, 1, count);
    }

    private static float[] check(String name, float[] array, int perGaussian, int count) {
        if (array.length != perGaussian * count) {
            throw new IllegalArgumentException(name + " holds " + array.length + " floats; " + count + " Gaussians need "
                    + perGaussian * count);
        }
        return array;
    }

    public int count() {
        return count;
    }

    /** The names of the per-Gaussian arrays, in the order {@link #arrays()} gives them. */
    public static final java.util.List<String> ARRAY_NAMES = java.util.List.of("means", "logScales", "rotations",
            "opacityLogits", "sh", "normals", "reflection");

    /** Every per-Gaussian array, in the order of {@link #ARRAY_NAMES} (the arrays themselves, not copies). */
    public float[][] arrays() {
        return new float[][] {means, logScales, rotations, opacityLogits, sh, normals, reflection};
    }

    /** Whether any Gaussian has a reflection strength (the geometry stage ran with reflections). */
    public boolean hasReflection() {
        for (float r : reflection) {
            if (r != 0) {
                return true;
            }
        }
        return false;
    }

    /** The mean of the Gaussians' centres (the origin for an empty cloud). */
    public org.joml.Vector3f centroid() {
        double x = 0, y = 0, z = 0;
        for (int i = 0; i < count; i++) {
            x += means[3 * i];
            y += means[3 * i + 1];
            z += means[3 * i + 2];
        }
        int n = Math.max(1, count);
        return new org.joml.Vector3f((float) (x / n), (float) (y / n), (float) (z / n));
    }

    /** Gaussian {@code i}'s opacity: the sigmoid of its logit. */
    public double opacity(int i) {
        return 1 / (1 + Math.exp(-opacityLogits[i]));
    }

    /** The mean of the Gaussians' centres weighted by opacity: where what is seen is (the origin when nothing is). */
    public org.joml.Vector3f opacityWeightedCentroid() {
        double[] sum = new double[3];
        double weights = 0;
        for (int i = 0; i < count; i++) {
            double w = opacity(i);
            for (int c = 0; c < 3; c++) {
                sum[c] += w * means[3 * i + c];
            }
            weights += w;
        }
        return weights == 0 ? new org.joml.Vector3f()
                : new org.joml.Vector3f((float) (sum[0] / weights), (float) (sum[1] / weights), (float) (sum[2] / weights));
    }

    /** The first {@code n} Gaussians, copied. */
    public GaussianCloud head(int n) {
        return new GaussianCloud(n, Arrays.copyOf(means, 3 * n), Arrays.copyOf(logScales, 3 * n),
                Arrays.copyOf(rotations, 4 * n), Arrays.copyOf(opacityLogits, n),
                Arrays.copyOf(sh, SH_COEFFICIENTS * 3 * n), Arrays.copyOf(normals, 3 * n), Arrays.copyOf(reflection, n));
    }
}
