package dev.splatlight.trainer.eval;

import dev.splatlight.core.camera.Camera;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.joml.Matrix3d;
import org.joml.Matrix4d;
import org.joml.Matrix4f;
import org.joml.Quaterniond;
import org.joml.Vector3d;

/**
 * The similarity y = s·R·x + t that carries one reconstruction's frame (x: a dataset's) into another's (y: the frame an
 * asset was trained in), found from the centres of cameras that photographed the same images (Horn's closed form,
 * least squares in y). COLMAP run twice on the same photos, or on them with and without lens distortion, gives two
 * frames that differ by such a similarity; mapping one's test cameras into the other's frame lets an asset be scored
 * against the other reconstruction's photos.
 *
 * @param scale                s
 * @param rotation             R
 * @param translation          t
 * @param matched              cameras the fit used
 * @param rmsPositionRelative  RMS distance between mapped and asset camera centres over the RMS spread of the asset's
 *                             centres (0: a perfect fit)
 * @param meanRotationDegrees  mean angle between each mapped camera's orientation and the asset camera's
 */
public record CameraAlignment(double scale, Matrix3d rotation, Vector3d translation, int matched, double rmsPositionRelative,
                              double meanRotationDegrees) {
    /** A camera in both frames: {@code source} in the dataset's, {@code target} in the asset's. */
    public record Pair(Camera source, Camera target) {
    }

    /** The best similarity for at least three pairs whose centres are not all on one line. */
    public static CameraAlignment fit(List<Pair> pairs) {
        int n = pairs.size();
        if (n < 3) {
            throw new IllegalArgumentException("aligning cameras needs at least 3 views photographed in both, got " + n);
        }
        Vector3d[] x = new Vector3d[n], y = new Vector3d[n];
        Vector3d meanX = new Vector3d(), meanY = new Vector3d();
        for (int i = 0; i < n; i++) {
            x[i] = new Vector3d(pairs.get(i).source().position());
            y[i] = new Vector3d(pairs.get(i).target().position());
            meanX.add(x[i]);
            meanY.add(y[i]);
        }
        meanX.div(n);
        meanY.div(n);
        double[][] s = new double[3][3]; // Σ (x − x̄)(y − ȳ)ᵀ
        double spreadX = 0, spreadY = 0;
        for (int i = 0; i < n; i++) {
            Vector3d a = new Vector3d(x[i]).sub(meanX), b = new Vector3d(y[i]).sub(meanY);
            double[] av = {a.x, a.y, a.z}, bv = {b.x, b.y, b.z};
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    s[r][c] += av[r] * bv[c];
                }
            }
            spreadX += a.lengthSquared();
            spreadY += b.lengthSquared();
        }
        if (spreadX < 1e-18 || spreadY < 1e-18) {
            throw new IllegalArgumentException("aligning cameras needs cameras at different places; all " + n + " coincide");
        }
        Quaterniond q = hornRotation(s);
        Matrix3d rotation = new Matrix3d().rotation(q);
        double dot = 0;
        for (int i = 0; i < n; i++) {
            Vector3d a = new Vector3d(x[i]).sub(meanX), b = new Vector3d(y[i]).sub(meanY);
            dot += b.dot(rotation.transform(a));
        }
        double scale = dot / spreadX;
        if (!(scale > 0)) {
            throw new IllegalArgumentException("aligning cameras failed: the camera centres do not correspond (scale " + scale + ")");
        }
        Vector3d translation = new Vector3d(meanY).sub(rotation.transform(new Vector3d(meanX)).mul(scale));
        CameraAlignment partial = new CameraAlignment(scale, rotation, translation, n, 0, 0);
        double squared = 0, angles = 0;
        for (int i = 0; i < n; i++) {
            Camera mapped = partial.map(pairs.get(i).source());
            squared += new Vector3d(mapped.position()).distanceSquared(y[i]);
            angles += angleDegrees(new Matrix3d(mapped.rotation()), new Matrix3d(pairs.get(i).target().rotation()));
        }
        return new CameraAlignment(scale, rotation, translation, n, Math.sqrt(squared / spreadY), angles / n);
    }

    /**
     * The dataset camera seen from the asset's frame: same image, intrinsics and camera axes; its world → camera
     * transform composed with the inverse similarity and scaled by s (a projection does not see the scale).
     */
    public Camera map(Camera camera) {
        Matrix4d view = new Matrix4d(camera.viewFromWorld());
        Matrix3d viewRotation = new Matrix3d();
        view.get3x3(viewRotation);
        Vector3d viewTranslation = view.getTranslation(new Vector3d());
        Matrix3d mappedRotation = new Matrix3d(viewRotation).mul(new Matrix3d(rotation).transpose());
        Vector3d mappedTranslation = mappedRotation.transform(new Vector3d(translation)).negate()
                .add(new Vector3d(viewTranslation).mul(scale));
        Matrix4d mapped = new Matrix4d().set3x3(mappedRotation).setTranslation(mappedTranslation);
        return new Camera(camera.width(), camera.height(), camera.fx(), camera.fy(), camera.cx(), camera.cy(),
                new Matrix4f(mapped));
    }

    /** The report's account of the fit. */
    public java.util.Map<String, Object> report() {
        java.util.Map<String, Object> report = new java.util.LinkedHashMap<>();
        report.put("scale", scale);
        report.put("cameras_matched", matched);
        report.put("rms_position_relative", rmsPositionRelative);
        report.put("mean_rotation_deg", meanRotationDegrees);
        report.put("note", "the test cameras were mapped into the asset's frame by the similarity that best fits the centres of "
                + "the cameras both reconstructions hold (cameras.json); rms_position_relative is the fit's RMS error over the "
                + "RMS spread of the asset's camera centres");
        return report;
    }

    /** Horn (1987): the unit quaternion maximising Σ (y − ȳ)·R(x − x̄) is N's eigenvector of largest eigenvalue. */
    private static Quaterniond hornRotation(double[][] s) {
        double xx = s[0][0], xy = s[0][1], xz = s[0][2], yx = s[1][0], yy = s[1][1], yz = s[1][2];
        double zx = s[2][0], zy = s[2][1], zz = s[2][2];
        double[][] m = {
                {xx + yy + zz, yz - zy, zx - xz, xy - yx},
                {yz - zy, xx - yy - zz, xy + yx, zx + xz},
                {zx - xz, xy + yx, -xx + yy - zz, yz + zy},
                {xy - yx, zx + xz, yz + zy, -xx - yy + zz}};
        double[] v = largestEigenvector(m);
        return new Quaterniond(v[1], v[2], v[3], v[0]).normalize();
    }

    /** The eigenvector of the largest eigenvalue of a symmetric matrix (Commons Math's symmetric eigensolver). */
    static double[] largestEigenvector(double[][] matrix) {
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(matrix));
        double[] values = eigen.getRealEigenvalues();
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return eigen.getEigenvector(best).toArray();
    }

    private static double angleDegrees(Matrix3d a, Matrix3d b) {
        Matrix3d relative = new Matrix3d(a).mul(new Matrix3d(b).transpose());
        double cos = (relative.m00 + relative.m11 + relative.m22 - 1) / 2;
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
    }
}
