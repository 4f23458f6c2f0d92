package dev.splatlight.trainer.backward;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.splat.GaussianCloud;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.joml.Matrix4fc;
import org.joml.Vector3f;
import org.joml.Vector3fc;

/**
 * Plain-Java references for the two backward kernels, rasterize_backward and project_backward. Each one evaluates
 * the forward formulas on {@link Dual} numbers, once per input it differentiates, and contracts the exact
 * derivatives with the upstream gradient: slow, obviously right, and independent of the kernels' hand-derived
 * chain rules (back-to-front transmittance recovery, conic and quaternion vector–Jacobian products).
 */
final class ReferenceSplatBackward {
    /** Floats per ProjectedSplat as the GPU stores it: centre, depth, radius, conic, opacity, rgb, clamp bits. */
    static final int PROJECTED_FLOATS = 12;
    /** The screen-space quantities of one splat, in the order of splat_gradients.glsl. */
    static final int SCREEN_QUANTITIES = 10;
    /** Parameters of one Gaussian: mean 3, log-scale 3, quaternion 4, opacity logit 1, SH 48. */
    static final int PARAMETERS = 59;

    private static final double MIN_ALPHA = 1.0 / 255.0, MAX_ALPHA = 0.99, MIN_TRANSMITTANCE = 1e-4;

    private ReferenceSplatBackward() {
    }

    /** Planar upstream gradients of colour [3, H, W], opacity [H, W], normalised depth [H, W], features [F, H, W]. */
    record PixelUpstream(float[] color, float[] opacity, float[] depth, float[] features) {
    }

    /** ∂L/∂(screen quantities) [N, 10] and ∂L/∂features [N, F]. */
    record ScreenGradients(double[] screen, double[] features) {
    }

    // ---- rasterize_backward -------------------------------------------------------------------------------------

    /**
     * Gradients of L = Σ upstream ⊙ (blended images) with respect to each splat's screen-space quantities and
     * features, for the GPU's own projected splats (so both sides blend identical inputs). Every pixel blends all
     * visible splats front to back, without tiles: the GPU's tile culling must not change any pixel.
     *
     * @param featuresShapeAlpha false: the blended features treat the blend weights as constants
     */
    static ScreenGradients rasterizeBackward(float[] projected, float[] features, int channels, int width, int height,
                                             Vector3fc background, PixelUpstream upstream, boolean featuresShapeAlpha) {
        return rasterizeBackward(projected, features, channels, width, height, background, upstream, featuresShapeAlpha, 0);
    }

    /** As above, with L also holding {@code distortion}·Σ_ij w_i w_j |z_i − z_j| at every pixel. */
    static ScreenGradients rasterizeBackward(float[] projected, float[] features, int channels, int width, int height,
                                             Vector3fc background, PixelUpstream upstream, boolean featuresShapeAlpha,
                                             double distortion) {
        int n = projected.length / PROJECTED_FLOATS;
        List<Integer> frontToBack = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (projected[i * PROJECTED_FLOATS + 3] > 0) {
                frontToBack.add(i);
            }
        }
        frontToBack.sort(Comparator.<Integer>comparingDouble(i -> projected[i * PROJECTED_FLOATS + 2]).thenComparingInt(i -> i));
        double[] screen = new double[n * SCREEN_QUANTITIES], featureGradients = new double[n * channels];
        for (int j : frontToBack) {
            // Only pixels where splat j passes the alpha cutoff depend on it.
            List<int[]> reached = new ArrayList<>();
            for (int py = 0; py < height; py++) {
                for (int px = 0; px < width; px++) {
                    if (alphaAt(projected, j, px, py) >= MIN_ALPHA) {
                        reached.add(new int[] {px, py});
                    }
                }
            }
            for (int q = 0; q < SCREEN_QUANTITIES + channels; q++) {
                double sum = 0;
                for (int[] pixel : reached) {
                    sum += blendDerivative(pixel[0], pixel[1], width, height, frontToBack, projected, features, channels,
                            background, upstream, featuresShapeAlpha, distortion, j, q);
                }
                if (q < SCREEN_QUANTITIES) {
                    screen[j * SCREEN_QUANTITIES + q] = sum;
                } else {
                    featureGradients[j * channels + q - SCREEN_QUANTITIES] = sum;
                }
            }
        }
        return new ScreenGradients(screen, featureGradients);
    }

    private static double alphaAt(float[] projected, int i, int px, int py) {
        int at = i * PROJECTED_FLOATS;
        double dx = projected[at] - (px + 0.5), dy = projected[at + 1] - (py + 0.5);
        double power = -0.5 * (projected[at + 4] * dx * dx + projected[at + 6] * dy * dy) - projected[at + 5] * dx * dy;
        return power > 0 ? 0 : Math.min(MAX_ALPHA, projected[at + 7] * Math.exp(power));
    }

    /** ∂(Σ upstream ⊙ pixel outputs)/∂(quantity q of splat j) at one pixel, by blending duals front to back. */
    private static double blendDerivative(int px, int py, int width, int height, List<Integer> frontToBack, float[] projected,
                                          float[] features, int channels, Vector3fc background, PixelUpstream g,
                                          boolean featuresShapeAlpha, double distortion, int j, int q) {
        double cx = px + 0.5, cy = py + 0.5;
        Dual transmittance = Dual.ONE, opacity = Dual.ZERO, depth = Dual.ZERO;
        Dual[] color = {Dual.ZERO, Dual.ZERO, Dual.ZERO};
        Dual[] blended = new Dual[channels];
        java.util.Arrays.fill(blended, Dual.ZERO);
        // distortion Σ_ij w_i w_j |z_i − z_j| = 2 Σ_i w_i (z_i·(Σ_{j<i} w_j) − Σ_{j<i} w_j z_j), splats sorted by depth
        Dual distorted = Dual.ZERO, front = Dual.ZERO, frontDepth = Dual.ZERO;
        for (int s : frontToBack) {
            int at = s * PROJECTED_FLOATS;
            boolean mine = s == j;
            Dual x = Dual.variable(projected[at], mine && q == 0), y = Dual.variable(projected[at + 1], mine && q == 1);
            Dual a = Dual.variable(projected[at + 4], mine && q == 2), b = Dual.variable(projected[at + 5], mine && q == 3);
            Dual c = Dual.variable(projected[at + 6], mine && q == 4), o = Dual.variable(projected[at + 7], mine && q == 5);
            Dual dx = x.minus(Dual.constant(cx)), dy = y.minus(Dual.constant(cy));
            Dual power = a.times(dx.square()).plus(c.times(dy.square())).times(-0.5).minus(b.times(dx).times(dy));
            if (power.v() > 0) {
                continue;
            }
            Dual alpha = o.times(power.exp()).min(MAX_ALPHA);
            if (alpha.v() < MIN_ALPHA) {
                continue;
            }
            Dual next = transmittance.times(Dual.ONE.minus(alpha));
            if (next.v() < MIN_TRANSMITTANCE) {
                break;
            }
            Dual weight = alpha.times(transmittance);
            for (int k = 0; k < 3; k++) {
                color[k] = color[k].plus(weight.times(Dual.variable(projected[at + 8 + k], mine && q == 6 + k)));
            }
            Dual z = Dual.variable(projected[at + 2], mine && q == 9);
            depth = depth.plus(weight.times(z));
            distorted = distorted.plus(weight.times(z.times(front).minus(frontDepth)).times(2));
            front = front.plus(weight);
            frontDepth = frontDepth.plus(weight.times(z));
            opacity = opacity.plus(weight);
            Dual featureWeight = featuresShapeAlpha ? weight : weight.detached();
            for (int k = 0; k < channels; k++) {
                Dual f = Dual.variable(features[s * channels + k], mine && q == SCREEN_QUANTITIES + k);
                blended[k] = blended[k].plus(featureWeight.times(f));
            }
            transmittance = next;
        }
        int p = py * width + px, plane = width * height;
        double derivative = 0;
        for (int k = 0; k < 3; k++) {
            derivative += g.color()[k * plane + p] * color[k].plus(transmittance.times(background.get(k))).d();
        }
        derivative += g.opacity()[p] * opacity.d();
        if (opacity.v() > 1e-6) {
            derivative += g.depth()[p] * depth.over(opacity).d();
        }
        for (int k = 0; k < channels; k++) {
            derivative += g.features()[k * plane + p] * blended[k].d();
        }
        return derivative + distortion * distorted.d();
    }

    // ---- project_backward ---------------------------------------------------------------------------------------

    /**
     * ∂L/∂(mean, log-scale, quaternion, opacity logit, SH) of Gaussian i [59] given ∂L/∂(its screen quantities) [10]
     * for a Gaussian the forward pass did not cull.
     */
    static double[] projectBackward(GaussianCloud cloud, int i, Camera camera, int shDegree, double[] screenGradient) {
        double[] gradient = new double[PARAMETERS];
        for (int parameter = 0; parameter < PARAMETERS; parameter++) {
            Dual[] screen = screenQuantities(cloud, i, camera, shDegree, parameter);
            for (int q = 0; q < SCREEN_QUANTITIES; q++) {
                gradient[parameter] += screenGradient[q] * screen[q].d();
            }
        }
        return gradient;
    }

    /** project_forward on duals, seeded at one parameter: centre x, y, conic a, b, c, opacity, r, g, b, depth. */
    static Dual[] screenQuantities(GaussianCloud cloud, int i, Camera camera, int shDegree, int seeded) {
        Dual[] mean = new Dual[3], logScale = new Dual[3], q = new Dual[4];
        for (int a = 0; a < 3; a++) {
            mean[a] = Dual.variable(cloud.means[3 * i + a], seeded == a);
            logScale[a] = Dual.variable(cloud.logScales[3 * i + a], seeded == 3 + a);
        }
        for (int a = 0; a < 4; a++) {
            q[a] = Dual.variable(cloud.rotations[4 * i + a], seeded == 6 + a);
        }
        Dual logit = Dual.variable(cloud.opacityLogits[i], seeded == 10);

        Matrix4fc view = camera.viewFromWorld();
        Dual[] t = new Dual[3];
        for (int r = 0; r < 3; r++) {
            t[r] = Dual.constant(view.get(3, r));
            for (int c = 0; c < 3; c++) {
                t[r] = t[r].plus(mean[c].times(view.get(c, r)));
            }
        }
        // Σ = M Mᵀ with M = R(q/|q|)·diag(exp(logScale)), then T = J W, Σ' = T Σ Tᵀ + 0.3 I.
        Dual[][] m = rotation(q);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                m[r][c] = m[r][c].times(logScale[c].exp());
            }
        }
        Dual z = t[2];
        double limitX = 1.3 * camera.tanHalfFovX(), limitY = 1.3 * camera.tanHalfFovY();
        Dual x = t[0].over(z).clamp(-limitX, limitX).times(z), y = t[1].over(z).clamp(-limitY, limitY).times(z);
        Dual[][] jacobian = {
                {Dual.constant(camera.fx()).over(z), Dual.ZERO, x.times(-camera.fx()).over(z.square())},
                {Dual.ZERO, Dual.constant(camera.fy()).over(z), y.times(-camera.fy()).over(z.square())}};
        Dual[][] tm = new Dual[2][3];
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                tm[r][c] = Dual.ZERO;
                for (int k = 0; k < 3; k++) {
                    tm[r][c] = tm[r][c].plus(jacobian[r][k].times(view.get(c, k)));
                }
            }
        }
        // (T M)(T M)ᵀ = T Σ Tᵀ.
        Dual[][] tmM = new Dual[2][3];
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                tmM[r][c] = Dual.ZERO;
                for (int k = 0; k < 3; k++) {
                    tmM[r][c] = tmM[r][c].plus(tm[r][k].times(m[k][c]));
                }
            }
        }
        Dual a = dot(tmM[0], tmM[0]).plus(0.3), b = dot(tmM[0], tmM[1]), c = dot(tmM[1], tmM[1]).plus(0.3);
        Dual det = a.times(c).minus(b.square());

        Vector3f eye = camera.position();
        Dual[] toSplat = {mean[0].plus(-eye.x), mean[1].plus(-eye.y), mean[2].plus(-eye.z)};
        Dual length = dot(toSplat, toSplat).sqrt();
        Dual[] direction = {toSplat[0].over(length), toSplat[1].over(length), toSplat[2].over(length)};
        Dual[] basis = shBasis(shDegree, direction);
        Dual[] rgb = new Dual[3];
        for (int ch = 0; ch < 3; ch++) {
            rgb[ch] = Dual.constant(0.5);
            for (int k = 0; k < (shDegree + 1) * (shDegree + 1); k++) {
                Dual coefficient = Dual.variable(cloud.sh[(i * 16 + k) * 3 + ch], seeded == 11 + k * 3 + ch);
                rgb[ch] = rgb[ch].plus(basis[k].times(coefficient));
            }
            rgb[ch] = rgb[ch].max(0);
        }
        Dual opacity = Dual.ONE.over(Dual.ONE.plus(logit.negate().exp()));
        return new Dual[] {t[0].times(camera.fx()).over(z).plus(camera.cx()), t[1].times(camera.fy()).over(z).plus(camera.cy()),
                c.over(det), b.negate().over(det), a.over(det), opacity, rgb[0], rgb[1], rgb[2], z};
    }

    private static Dual dot(Dual[] u, Dual[] v) {
        Dual sum = Dual.ZERO;
        for (int k = 0; k < u.length; k++) {
            sum = sum.plus(u[k].times(v[k]));
        }
        return sum;
    }

    /** Rows of the rotation of the normalised quaternion (w, x, y, z). */
    private static Dual[][] rotation(Dual[] quaternion) {
        Dual norm = dot(quaternion, quaternion).sqrt();
        Dual w = quaternion[0].over(norm), x = quaternion[1].over(norm), y = quaternion[2].over(norm), z = quaternion[3].over(norm);
        return new Dual[][] {
                {Dual.ONE.minus(y.square().plus(z.square()).times(2)), x.times(y).minus(w.times(z)).times(2), x.times(z).plus(w.times(y)).times(2)},
                {x.times(y).plus(w.times(z)).times(2), Dual.ONE.minus(x.square().plus(z.square()).times(2)), y.times(z).minus(w.times(x)).times(2)},
                {x.times(z).minus(w.times(y)).times(2), y.times(z).plus(w.times(x)).times(2), Dual.ONE.minus(x.square().plus(y.square()).times(2))}};
    }

    /** Real SH basis up to degree 3 with 3DGS's signs and constants. */
    private static Dual[] shBasis(int degree, Dual[] d) {
        Dual[] basis = new Dual[16];
        java.util.Arrays.fill(basis, Dual.ZERO);
        Dual x = d[0], y = d[1], z = d[2];
        basis[0] = Dual.constant(0.28209479177387814);
        if (degree >= 1) {
            basis[1] = y.times(-0.4886025119029199);
            basis[2] = z.times(0.4886025119029199);
            basis[3] = x.times(-0.4886025119029199);
        }
        if (degree >= 2) {
            Dual xx = x.square(), yy = y.square(), zz = z.square();
            basis[4] = x.times(y).times(1.0925484305920792);
            basis[5] = y.times(z).times(-1.0925484305920792);
            basis[6] = zz.times(2).minus(xx).minus(yy).times(0.31539156525252005);
            basis[7] = x.times(z).times(-1.0925484305920792);
            basis[8] = xx.minus(yy).times(0.5462742152960396);
        }
        if (degree >= 3) {
            Dual xx = x.square(), yy = y.square(), zz = z.square();
            basis[9] = y.times(xx.times(3).minus(yy)).times(-0.5900435899266435);
            basis[10] = x.times(y).times(z).times(2.890611442640554);
            basis[11] = y.times(zz.times(4).minus(xx).minus(yy)).times(-0.4570457994644658);
            basis[12] = z.times(zz.times(2).minus(xx.times(3)).minus(yy.times(3))).times(0.3731763325901154);
            basis[13] = x.times(zz.times(4).minus(xx).minus(yy)).times(-0.4570457994644658);
            basis[14] = z.times(xx.minus(yy)).times(1.445305721320277);
            basis[15] = x.times(xx.minus(yy.times(3))).times(-0.5900435899266435);
        }
        return basis;
    }
}
