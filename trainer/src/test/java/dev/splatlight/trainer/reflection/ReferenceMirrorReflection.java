package dev.splatlight.trainer.reflection;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.light.ReferenceEnvironment;
import org.joml.Matrix3f;
import org.joml.Vector3f;

/** trainer/mirror_reflection.glsl and its composite, forward and backward, in plain Java (double precision). */
final class ReferenceMirrorReflection {
    private ReferenceMirrorReflection() {
    }

    /** Unit world direction of the ray through pixel (x, y). */
    static double[] pixelRay(Camera camera, int x, int y) {
        Vector3f c = new Vector3f((x + 0.5f - camera.cx()) / camera.fx(), (y + 0.5f - camera.cy()) / camera.fy(), 1f);
        Vector3f world = new Matrix3f(camera.viewFromWorld()).transpose().transform(c);
        return ReferenceEnvironment.normalize(new double[] {world.x, world.y, world.z});
    }

    static double[] reflect(double[] d, double[] n) {
        double k = 2 * ReferenceEnvironment.dot(d, n);
        return new double[] {d[0] - k * n[0], d[1] - k * n[1], d[2] - k * n[2]};
    }

    static double[] environment(double[] theta, int size, double[] direction) {
        double[] radiance = new double[3];
        for (double[] tap : ReferenceEnvironment.bilinearTaps(size, direction)) {
            int t = (int) tap[0];
            for (int c = 0; c < 3; c++) {
                radiance[c] += tap[1] * Math.exp(theta[3 * t + c]);
            }
        }
        return radiance;
    }

    /** The environment as a traced pixel sees it: (1 − S)·E + H, for {@code hit} = (H, S); E itself for null. */
    static double[] beyondMirror(double[] e, double[] hit) {
        return hit == null ? e : new double[] {(1 - hit[3]) * e[0] + hit[0], (1 - hit[3]) * e[1] + hit[1], (1 - hit[3]) * e[2] + hit[2]};
    }

    /**
     * The composite colour of one pixel: {@code sum} the normal sums, {@code strength} R, {@code color} C_splats,
     * {@code hit} what its traced reflected ray met (Σ w·colour, coverage S), or null untraced.
     */
    static double[] composite(double[] color, double[] sum, double strength, double[] ray, double[] theta, int size,
                              double[] hit) {
        if (ReferenceEnvironment.dot(sum, sum) <= 1e-20) {
            return color.clone();
        }
        double[] e = beyondMirror(environment(theta, size, reflect(ray, ReferenceEnvironment.normalize(sum))), hit);
        double[] out = new double[3];
        for (int c = 0; c < 3; c++) {
            out[c] = (1 - strength) * color[c] + strength * e[c];
        }
        return out;
    }

    /** Gradients of one pixel for upstream g: {∂/∂C (3), ∂/∂R, ∂/∂sum (3)}; ∂L/∂θ is added into {@code gradTheta}. */
    static double[] backward(double[] color, double[] sum, double strength, double[] ray, double[] theta, int size,
                             double[] hit, double[] g, double[] gradTheta) {
        double length = Math.sqrt(ReferenceEnvironment.dot(sum, sum));
        if (!(length > 1e-10)) {
            return new double[] {g[0], g[1], g[2], 0, 0, 0, 0};
        }
        double[] n = {sum[0] / length, sum[1] / length, sum[2] / length};
        double[] r = reflect(ray, n);
        double[] e = beyondMirror(environment(theta, size, r), hit);
        double open = hit == null ? 1 : 1 - hit[3];  // what the trace met is held: only the environment's share moves
        double[] out = new double[7];
        for (int c = 0; c < 3; c++) {
            out[c] = (1 - strength) * g[c];
            out[3] += g[c] * (e[c] - color[c]);
        }
        for (double[] t : ReferenceEnvironment.tangentFrame(n)) {
            double[] plus = environment(theta, size, reflect(ray, ReferenceEnvironment.turned(n, t, 1)));
            double[] minus = environment(theta, size, reflect(ray, ReferenceEnvironment.turned(n, t, -1)));
            double slope = 0;
            for (int c = 0; c < 3; c++) {
                slope += strength * open * g[c] * (plus[c] - minus[c]) / (2 * ReferenceEnvironment.NORMAL_DIFFERENCE_STEP);
            }
            for (int a = 0; a < 3; a++) {
                out[4 + a] += t[a] * slope / length;
            }
        }
        for (double[] tap : ReferenceEnvironment.bilinearTaps(size, r)) {
            int t = (int) tap[0];
            for (int c = 0; c < 3; c++) {
                gradTheta[3 * t + c] += strength * open * g[c] * tap[1] * Math.exp(theta[3 * t + c]);
            }
        }
        return out;
    }
}
