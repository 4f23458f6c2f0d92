package dev.splatlight.core.testing;

/** The real SH basis of include/splat/spherical_harmonics.glsl (3DGS's signs), degree 3, in double precision. */
public final class ReferenceSphericalHarmonics {
    private static final double C0 = 0.28209479177387814;
    private static final double C1 = 0.4886025119029199;
    private static final double[] C2 = {1.0925484305920792, -1.0925484305920792, 0.31539156525252005, -1.0925484305920792,
            0.5462742152960396};
    private static final double[] C3 = {-0.5900435899266435, 2.890611442640554, -0.4570457994644658, 0.3731763325901154,
            -0.4570457994644658, 1.445305721320277, -0.5900435899266435};

    private ReferenceSphericalHarmonics() {
    }

    /** The 16 basis values at unit direction (x, y, z); entries above {@code degree} are 0. */
    public static double[] basis(int degree, double x, double y, double z) {
        double[] b = new double[16];
        b[0] = C0;
        if (degree >= 1) {
            b[1] = -C1 * y;
            b[2] = C1 * z;
            b[3] = -C1 * x;
        }
        double xx = x * x, yy = y * y, zz = z * z;
        if (degree >= 2) {
            b[4] = C2[0] * x * y;
            b[5] = C2[1] * y * z;
            b[6] = C2[2] * (2 * zz - xx - yy);
            b[7] = C2[3] * x * z;
            b[8] = C2[4] * (xx - yy);
        }
        if (degree >= 3) {
            b[9] = C3[0] * y * (3 * xx - yy);
            b[10] = C3[1] * x * y * z;
            b[11] = C3[2] * y * (4 * zz - xx - yy);
            b[12] = C3[3] * z * (2 * zz - 3 * xx - 3 * yy);
            b[13] = C3[4] * x * (4 * zz - xx - yy);
            b[14] = C3[5] * z * (xx - yy);
            b[15] = C3[6] * x * (xx - 3 * yy);
        }
        return b;
    }
}
