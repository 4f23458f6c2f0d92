package dev.splatlight.core.splat;

/**
 * The Gaussians as 3D densities, for passes that march rays through them (the occlusion bake, traced reflections):
 * per Gaussian its mean, inverse covariance Σ⁻¹ = R S⁻² Rᵀ, opacity and 3σ radius, [G, 11] f32
 * (include/splat/gaussian_ray.glsl reads rows of this layout). A ray meets a Gaussian where its density along the
 * ray peaks; see that include.
 *
 * @param packed [G, 11] μ, Σ⁻¹ (xx xy xz yy yz zz), α, 3σ radius; rows of unusable Gaussians are zero
 * @param usable whether a Gaussian can stop light: opacity ≥ 1/255, finite scales and a rotation
 */
public record GaussianDensities(float[] packed, boolean[] usable) {
    public static final int STRIDE = 11;
    /** Gaussians fainter than one 8-bit step cannot visibly stop a ray. */
    public static final float MIN_ALPHA = 1f / 255f;

    public static GaussianDensities of(GaussianCloud cloud) {
        int n = cloud.count();
        float[] packed = new float[STRIDE * n];
        boolean[] usable = new boolean[n];
        // rows are independent: millions of Gaussians (a viewer scene turning traced reflections on) take seconds alone
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            float alpha = (float) cloud.opacity(i);
            float radius = 3 * (float) Math.exp(Math.max(cloud.logScales[3 * i], Math.max(cloud.logScales[3 * i + 1],
                    cloud.logScales[3 * i + 2])));
            usable[i] = alpha >= MIN_ALPHA && Float.isFinite(radius) && pack(cloud, i, alpha, radius, packed);
            if (!usable[i]) {
                java.util.Arrays.fill(packed, STRIDE * i, STRIDE * (i + 1), 0f);
            }
        });
        return new GaussianDensities(packed, usable);
    }

    public int count() {
        return usable.length;
    }

    public float mean(int i, int axis) {
        return packed[STRIDE * i + axis];
    }

    /** The opacity the row holds (the trace's and the bake's α before the Gaussian's falloff). */
    public float opacity(int i) {
        return packed[STRIDE * i + 9];
    }

    public float radius(int i) {
        return packed[STRIDE * i + 10];
    }

    /**
     * Gaussian i's rotation as a matrix whose columns are its principal axes (the axes of its scales), or null when
     * its quaternion is zero or not finite.
     */
    public static double[][] rotation(GaussianCloud cloud, int i) {
        double w = cloud.rotations[4 * i], x = cloud.rotations[4 * i + 1], y = cloud.rotations[4 * i + 2], z = cloud.rotations[4 * i + 3];
        double norm = Math.sqrt(w * w + x * x + y * y + z * z);
        if (!(norm > 1e-12)) {
            return null;
        }
        w /= norm;
        x /= norm;
        y /= norm;
        z /= norm;
        return new double[][] {
                {1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)},
                {2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)},
                {2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)}};
    }

    /** μ, Σ⁻¹, α, 3σ into row i; false for a degenerate Gaussian. */
    private static boolean pack(GaussianCloud cloud, int i, float alpha, float radius, float[] packed) {
        double[][] r = rotation(cloud, i);
        if (r == null) {
            return false;
        }
        double[] inverseVariance = new double[3];
        for (int k = 0; k < 3; k++) {
            inverseVariance[k] = Math.exp(-2.0 * cloud.logScales[3 * i + k]);
            if (!Double.isFinite(inverseVariance[k])) {
                return false;
            }
        }
        int[][] entries = {{0, 0}, {0, 1}, {0, 2}, {1, 1}, {1, 2}, {2, 2}};
        int o = STRIDE * i;
        packed[o] = cloud.means[3 * i];
        packed[o + 1] = cloud.means[3 * i + 1];
        packed[o + 2] = cloud.means[3 * i + 2];
        for (int e = 0; e < 6; e++) {
            int a = entries[e][0], b = entries[e][1];
            double sum = 0;
            for (int k = 0; k < 3; k++) {
                sum += r[a][k] * inverseVariance[k] * r[b][k];
            }
            packed[o + 3 + e] = (float) sum;
        }
        packed[o + 9] = alpha;
        packed[o + 10] = radius;
        return true;
    }
}
