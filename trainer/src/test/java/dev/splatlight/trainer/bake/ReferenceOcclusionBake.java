package dev.splatlight.trainer.bake;

import dev.splatlight.core.light.ReferenceEnvironment;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.testing.ReferenceSphericalHarmonics;

/**
 * Plain-Java reference of bake_occlusion.comp: every Gaussian against every one of a probe's 384 directions (no cell
 * grid), in double precision. Reports, per coefficient, how much the directions float rounding could decide either way
 * could move it: those whose transmittance sits within {@link #AMBIGUOUS} of the 0.5 cut, and those where a Gaussian
 * sits on one of the kernel's cuts (its peak at the near or far distance, its α at 1/255, its centre at the reach
 * limit), within {@link #BORDERLINE}, and counting it or not would move the transmittance across the 0.5 cut.
 */
final class ReferenceOcclusionBake {
    static final int SIDE = 8;
    static final double AMBIGUOUS = 1e-3; // |log T − log ½| below this may round either way in float
    static final double BORDERLINE = 1e-5; // relative: float's b/a, α and distances agree with double to ~1e-7

    /** Coefficients [16] and, per coefficient, the most the ambiguous directions could change it. */
    record Probe(double[] coefficients, double[] slack) {
    }

    private ReferenceOcclusionBake() {
    }

    static double[] probePosition(int cell, BakeSettings settings) {
        int r = settings.resolution();
        double spacing = 2.0 * settings.bound() / (r - 1);
        return new double[] {-settings.bound() + spacing * (cell / (r * r)), -settings.bound() + spacing * ((cell / r) % r),
                -settings.bound() + spacing * (cell % r)};
    }

    static Probe bake(GaussianCloud cloud, BakeSettings settings, int cell) {
        double[] o = probePosition(cell, settings);
        double[] coefficients = new double[16], slack = new double[16];
        for (int face = 0; face < 6; face++) {
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    double[] d = direction(face, x, y);
                    Transmittance transmittance = logTransmittance(cloud, o, d, settings.near(), settings.threshold());
                    double[] basis = ReferenceSphericalHarmonics.basis(3, d[0], d[1], d[2]);
                    double solidAngle = solidAngle(x, y);
                    boolean visible = transmittance.log() > Math.log(0.5);
                    boolean ambiguous = transmittance.lowest() - AMBIGUOUS < Math.log(0.5)
                            && Math.log(0.5) < transmittance.highest() + AMBIGUOUS;
                    for (int k = 0; k < 16; k++) {
                        coefficients[k] += visible ? basis[k] * solidAngle : 0;
                        slack[k] += ambiguous ? Math.abs(basis[k]) * solidAngle : 0;
                    }
                }
            }
        }
        return new Probe(coefficients, slack);
    }

    /**
     * log T = Σ log(1 − α) of the Gaussians whose density peaks along the ray within (near, threshold]; lowest and
     * highest: what it could be if the Gaussians on a cut (within {@link #BORDERLINE}) went the other way.
     */
    record Transmittance(double log, double lowest, double highest) {
    }

    static Transmittance logTransmittance(GaussianCloud cloud, double[] o, double[] d, double near, double threshold) {
        double sum = 0, countedOnACut = 0, leftOnACut = 0;
        for (int i = 0; i < cloud.count(); i++) {
            double alpha0 = 1 / (1 + Math.exp(-cloud.opacityLogits[i]));
            double[] delta = {cloud.means[3 * i] - o[0], cloud.means[3 * i + 1] - o[1], cloud.means[3 * i + 2] - o[2]};
            double[][] inverse = inverseCovariance(cloud, i);
            double maxScale = Math.exp(Math.max(cloud.logScales[3 * i], Math.max(cloud.logScales[3 * i + 1], cloud.logScales[3 * i + 2])));
            double distance = Math.sqrt(dot(delta, delta)), reach = threshold + 3 * maxScale;
            double a = quadratic(inverse, d, d), b = quadratic(inverse, d, delta), c = quadratic(inverse, delta, delta);
            double t = b / a;
            double alpha = Math.min(0.99, alpha0 * Math.exp(-0.5 * Math.max(c - b * t, 0)));
            boolean counted = alpha0 >= 1 / 255.0 && distance <= reach && t > near && t <= threshold && alpha >= 1 / 255.0;
            boolean onACut = near(alpha0, 1 / 255.0) || near(distance, reach) || near(t, near) || near(t, threshold)
                    || near(alpha, 1 / 255.0);
            double term = Math.log(1 - alpha);
            if (counted) {
                sum += term;
                countedOnACut += onACut ? term : 0;
            } else if (onACut) {
                leftOnACut += term;
            }
        }
        return new Transmittance(sum, sum + leftOnACut, sum - countedOnACut);
    }

    private static boolean near(double value, double cut) {
        return Math.abs(value - cut) <= BORDERLINE * Math.max(Math.abs(cut), 1e-2);
    }

    static double[][] inverseCovariance(GaussianCloud cloud, int i) {
        double w = cloud.rotations[4 * i], x = cloud.rotations[4 * i + 1], y = cloud.rotations[4 * i + 2], z = cloud.rotations[4 * i + 3];
        double n = Math.sqrt(w * w + x * x + y * y + z * z);
        w /= n;
        x /= n;
        y /= n;
        z /= n;
        double[][] r = {{1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)},
                {2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)},
                {2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)}};
        double[][] out = new double[3][3];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                for (int k = 0; k < 3; k++) {
                    out[a][b] += r[a][k] * Math.exp(-2.0 * cloud.logScales[3 * i + k]) * r[b][k];
                }
            }
        }
        return out;
    }

    private static double quadratic(double[][] m, double[] u, double[] v) {
        double sum = 0;
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                sum += u[a] * m[a][b] * v[b];
            }
        }
        return sum;
    }

    static double[] direction(int face, int x, int y) {
        return ReferenceEnvironment.texelDirection(face, x, y, SIDE);
    }

    static double solidAngle(int x, int y) {
        return ReferenceEnvironment.texelSolidAngle(x, y, SIDE);
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
