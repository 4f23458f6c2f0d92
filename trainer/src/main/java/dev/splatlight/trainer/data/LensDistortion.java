package dev.splatlight.trainer.data;

/**
 * COLMAP's perspective camera models with lens distortion, in its conventions: pixel coordinates with pixel centres at
 * +0.5, distortion applied to normalised coordinates (u, v) = (X/Z, Y/Z) before the focal length and principal point.
 * <ul>
 *   <li>SIMPLE_RADIAL (f, cx, cy, k): radial factor k r²;</li>
 *   <li>RADIAL (f, cx, cy, k1, k2): k1 r² + k2 r⁴;</li>
 *   <li>OPENCV (fx, fy, cx, cy, k1, k2, p1, p2): k1 r² + k2 r⁴ plus tangential terms;</li>
 *   <li>FULL_OPENCV (fx, fy, cx, cy, k1, k2, p1, p2, k3, k4, k5, k6): the rational radial factor
 *       (1 + k1 r² + k2 r⁴ + k3 r⁶) / (1 + k4 r² + k5 r⁴ + k6 r⁶) plus tangential terms.</li>
 * </ul>
 *
 * @param k radial coefficients k1..k6 (missing ones 0)
 * @param p tangential coefficients p1, p2 (0 where the model has none)
 */
public record LensDistortion(String model, double fx, double fy, double cx, double cy, double[] k, double[] p) {
    private static final int NEWTON_STEPS = 100;

    /** The model of {@code params} in COLMAP's order, or null for the models without distortion. */
    static LensDistortion of(String model, double[] params) {
        return switch (model) {
            case "SIMPLE_RADIAL" -> new LensDistortion(model, params[0], params[0], params[1], params[2],
                    new double[] {params[3], 0, 0, 0, 0, 0}, new double[2]);
            case "RADIAL" -> new LensDistortion(model, params[0], params[0], params[1], params[2],
                    new double[] {params[3], params[4], 0, 0, 0, 0}, new double[2]);
            case "OPENCV" -> new LensDistortion(model, params[0], params[1], params[2], params[3],
                    new double[] {params[4], params[5], 0, 0, 0, 0}, new double[] {params[6], params[7]});
            case "FULL_OPENCV" -> new LensDistortion(model, params[0], params[1], params[2], params[3],
                    new double[] {params[4], params[5], params[8], params[9], params[10], params[11]},
                    new double[] {params[6], params[7]});
            default -> null;
        };
    }

    /** The same lens for photos scaled by {@code sx}, {@code sy} (e.g. images_4 beside the photos COLMAP saw). */
    LensDistortion scaled(double sx, double sy) {
        return new LensDistortion(model, fx * sx, fy * sy, cx * sx, cy * sy, k, p);
    }

    /** Distorted normalised coordinates of the undistorted (u, v). */
    double[] distort(double u, double v) {
        double r2 = u * u + v * v;
        double radial = model.equals("FULL_OPENCV")
                ? (1 + r2 * (k[0] + r2 * (k[1] + r2 * k[2]))) / (1 + r2 * (k[3] + r2 * (k[4] + r2 * k[5])))
                : 1 + r2 * (k[0] + r2 * k[1]);
        double uv = u * v;
        return new double[] {u * radial + 2 * p[0] * uv + p[1] * (r2 + 2 * u * u),
                v * radial + 2 * p[1] * uv + p[0] * (r2 + 2 * v * v)};
    }

    /** Undistorted normalised coordinates of the distorted (ud, vd): Newton's method with a numerical Jacobian. */
    double[] undistort(double ud, double vd) {
        double u = ud, v = vd;
        for (int step = 0; step < NEWTON_STEPS; step++) {
            double[] d = distort(u, v);
            double ru = d[0] - ud, rv = d[1] - vd;
            if (Math.abs(ru) < 1e-12 && Math.abs(rv) < 1e-12) {
                break;
            }
            double h = 1e-7 * Math.max(1, Math.hypot(u, v));
            double[] du = distort(u + h, v), dv = distort(u, v + h);
            double a = (du[0] - d[0]) / h, b = (dv[0] - d[0]) / h, c = (du[1] - d[1]) / h, e = (dv[1] - d[1]) / h;
            double det = a * e - b * c;
            if (Math.abs(det) < 1e-15) {
                break;
            }
            u -= (e * ru - b * rv) / det;
            v -= (-c * ru + a * rv) / det;
        }
        return new double[] {u, v};
    }

    /** Pixel of the distorted photo that sees normalised direction (u, v). */
    double[] pixelOf(double u, double v) {
        double[] d = distort(u, v);
        return new double[] {fx * d[0] + cx, fy * d[1] + cy};
    }

    /** Normalised (undistorted) direction seen by pixel (x, y) of the distorted photo. */
    double[] directionAt(double x, double y) {
        return undistort((x - cx) / fx, (y - cy) / fy);
    }
}
