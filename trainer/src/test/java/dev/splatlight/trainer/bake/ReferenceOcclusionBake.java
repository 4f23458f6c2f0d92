package dev.splatlight.trainer.bake;

import dev.splatlight.core.light.ReferenceEnvironment;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.testing.ReferenceSphericalHarmonics;

/**
 * Plain-Java reference of bake_occlusion.comp: every Gaussian against every one of a probe's 384 directions (no cell
 * grid), in double precision. Reports, per coefficient, how much directions whose visibility sits within
 * {@link #AMBIGUOUS} of the 0.5-transmittance cut could move it, so tests can allow for float rounding there.
 */
final class ReferenceOcclusionBake {
    static final int SIDE = 8;
    static final double AMBIGUOUS = 1e-3; // |log T − log ½| below this may round either way in float

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
                    double logT = logTransmittance(cloud, o, d, settings.near(), settings.threshold());
                    double[] basis = ReferenceSphericalHarmonics.basis(3, d[0], d[1], d[2]);
                    double solidAngle = solidAngle(x, y);
                    boolean visible = logT > Math.log(0.5);
                    boolean ambiguous = Math.abs(logT - Math.log(0.5)) < AMBIGUOUS;
                    for (int k = 0; k < 16; k++) {
                        coefficients[k] += visible ? basis[k] * solidAngle : 0;
                        slack[k] += ambiguous ? Math.abs(basis[k]) * solidAngle : 0;
                    }
                }
            }
        }
        return new Probe(coefficients, slack);
    }

    /** Σ log(1 − α) of the Gaussians whose density peaks along the ray within (near, threshold]. */
    static double logTransmittance(GaussianCloud cloud, double[] o, double[] d, double near, double threshold) {
        double sum = 0;
        for (int i = 0; i < cloud.count(); i++) {
            double alpha0 = 1 / (1 + Math.exp(-cloud.opacityLogits[i]));
            if (alpha0 < 1 / 255.0) {
                continue;
            }
            double[] delta = {cloud.means[3 * i] - o[0], cloud.means[3 * i + 1] - o[1], cloud.means[3 * i + 2] - o[2]};
            double[][] inverse = inverseCovariance(cloud, i);
            double maxScale = Math.exp(Math.max(cloud.logScales[3 * i], Math.max(cloud.logScales[3 * i + 1], cloud.logScales[3 * i + 2])));
            if (Math.sqrt(dot(delta, delta)) > threshold + 3 * maxScale) {
                continue;
            }
            double a = quadratic(inverse, d, d), b = quadratic(inverse, d, delta), c = quadratic(inverse, delta, delta);
            double t = b / a;
            if (t <= near || t > threshold) {
                continue;
            }
            double alpha = Math.min(0.99, alpha0 * Math.exp(-0.5 * Math.max(c - b * t, 0)));
            if (alpha >= 1 / 255.0) {
                sum += Math.log(1 - alpha);
            }
        }
        return sum;
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
