package dev.splatlight.trainer.loss;

/** Plain-Java (double) references of the loss kernels: values only; tests differentiate them numerically. */
final class ReferenceLosses {
    private ReferenceLosses() {
    }

    static double[] targetColor(int packed, double[] background) {
        double a = (packed >>> 24) / 255.0;
        return new double[] {(packed & 0xFF) / 255.0 * a + background[0] * (1 - a),
                ((packed >>> 8) & 0xFF) / 255.0 * a + background[1] * (1 - a),
                ((packed >>> 16) & 0xFF) / 255.0 * a + background[2] * (1 - a)};
    }

    private static double[] window() {
        double[] w = new double[11];
        double sum = 0;
        for (int k = -5; k <= 5; k++) {
            w[k + 5] = Math.exp(-k * k / (2 * 1.5 * 1.5));
            sum += w[k + 5];
        }
        for (int k = 0; k < 11; k++) {
            w[k] /= sum;
        }
        return w;
    }

    /** Zero-padded 11×11 Gaussian average of a plane. */
    static double[] blur(double[] plane, int w, int h) {
        double[] win = window();
        double[] horizontal = new double[plane.length], out = new double[plane.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int k = -5; k <= 5; k++) {
                    if (x + k >= 0 && x + k < w) {
                        s += win[k + 5] * plane[y * w + x + k];
                    }
                }
                horizontal[y * w + x] = s;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int k = -5; k <= 5; k++) {
                    if (y + k >= 0 && y + k < h) {
                        s += win[k + 5] * horizontal[(y + k) * w + x];
                    }
                }
                out[y * w + x] = s;
            }
        }
        return out;
    }

    /** (1 − λ)·mean|x − y| + λ·(1 − mean SSIM); render is [3, H, W]. */
    static double photometric(double[] render, int[] target, double[] background, int w, int h, double lambda) {
        int plane = w * h;
        double l1 = 0, ssim = 0;
        for (int c = 0; c < 3; c++) {
            double[] x = new double[plane], y = new double[plane], xx = new double[plane], yy = new double[plane], xy = new double[plane];
            for (int p = 0; p < plane; p++) {
                x[p] = render[c * plane + p];
                y[p] = targetColor(target[p], background)[c];
                xx[p] = x[p] * x[p];
                yy[p] = y[p] * y[p];
                xy[p] = x[p] * y[p];
                l1 += Math.abs(x[p] - y[p]);
            }
            double[] mx = blur(x, w, h), my = blur(y, w, h), exx = blur(xx, w, h), eyy = blur(yy, w, h), exy = blur(xy, w, h);
            double c1 = 1e-4, c2 = 9e-4;
            for (int p = 0; p < plane; p++) {
                double vx = exx[p] - mx[p] * mx[p], vy = eyy[p] - my[p] * my[p], cov = exy[p] - mx[p] * my[p];
                ssim += (2 * mx[p] * my[p] + c1) * (2 * cov + c2) / ((mx[p] * mx[p] + my[p] * my[p] + c1) * (vx + vy + c2));
            }
        }
        return (1 - lambda) * l1 / (3 * plane) + lambda * (1 - ssim / (3 * plane));
    }

    /** GS-IR normal from depth, world space, or null where there is none. fx.. are the camera intrinsics. */
    static double[] depthNormal(double[] depth, int w, int h, int x, int y, double fx, double fy, double cx, double cy,
                                org.joml.Matrix3d viewRotation) {
        if (x <= 0 || x >= w - 1 || y <= 0 || y >= h - 1 || depth[y * w + x] < 0.01) {
            return null;
        }
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
                int sx = x + dx, sy = y + dy;
                if (sx >= 0 && sx < w && sy >= 0 && sy < h && depth[sy * w + sx] < 0.01) {
                    return null;
                }
            }
        }
        java.util.function.BiFunction<Integer, Integer, org.joml.Vector3d> point = (px, py) -> {
            double z = depth[py * w + px];
            return new org.joml.Vector3d((px + 0.5 - cx) / fx * z, (py + 0.5 - cy) / fy * z, z);
        };
        double d = depth[y * w + x];
        org.joml.Vector3d c = point.apply(x, y);
        org.joml.Vector3d ddx = Math.abs(depth[y * w + x + 1] - d) < Math.abs(depth[y * w + x - 1] - d)
                ? point.apply(x + 1, y).sub(c) : new org.joml.Vector3d(c).sub(point.apply(x - 1, y));
        org.joml.Vector3d ddy = Math.abs(depth[(y + 1) * w + x] - d) < Math.abs(depth[(y - 1) * w + x] - d)
                ? point.apply(x, y + 1).sub(c) : new org.joml.Vector3d(c).sub(point.apply(x, y - 1));
        org.joml.Vector3d n = ddy.cross(ddx).normalize();
        new org.joml.Matrix3d(viewRotation).transpose().transform(n);
        return new double[] {n.x, n.y, n.z};
    }

    /** λn·mean over valid (pixel, channel) |N − Nd| + λtv·mean over (pixel, channel) edge-weighted |∇N|. */
    static double normalLosses(double[] normals, double[][] depthNormals, int[] target, double[] background, int w, int h,
                               double lambdaN, double lambdaTv) {
        return normalLosses(normals, depthNormals, target, background, w, h, lambdaN, lambdaTv, null, 1, 1, 1);
    }

    /**
     * With {@code reflection} [H, W] (or null) each pixel's consistency is scaled by 1 − (1 − k)·its strength R and each
     * pair's edge weight w becomes w + (1 − w)(1 − edges)·R and is then scaled by 1 − (1 − s)·R, R the larger of the pair's
     * strengths, strengths clamped to [0, 1].
     */
    static double normalLosses(double[] normals, double[][] depthNormals, int[] target, double[] background, int w, int h,
                               double lambdaN, double lambdaTv, double[] reflection, double s, double k, double edges) {
        int plane = w * h;
        double consistency = 0, tv = 0;
        int valid = 0;
        for (int p = 0; p < plane; p++) {
            if (depthNormals[p] != null) {
                valid++;
                double weight = reflection == null ? 1 : 1 - (1 - k) * Math.min(1, Math.max(0, reflection[p]));
                for (int c = 0; c < 3; c++) {
                    consistency += weight * Math.abs(normals[c * plane + p] - depthNormals[p][c]);
                }
            }
            int x = p % w, y = p / w;
            for (int[] e : new int[][] {{1, 0}, {0, 1}}) {
                if (x + e[0] >= w || y + e[1] >= h) {
                    continue;
                }
                int q = p + e[0] + e[1] * w;
                double[] a = targetColor(target[p], background), b = targetColor(target[q], background);
                double weight = Math.exp(-(Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2])) / 3);
                if (reflection != null) {
                    double r = Math.min(1, Math.max(0, Math.max(reflection[p], reflection[q])));
                    weight = (weight + (1 - weight) * (1 - edges) * r) * (1 - (1 - s) * r);
                }
                for (int c = 0; c < 3; c++) {
                    tv += weight * Math.abs(normals[c * plane + q] - normals[c * plane + p]);
                }
            }
        }
        return lambdaN * consistency / (3.0 * Math.max(valid, 1)) + lambdaTv * tv / (3.0 * plane);
    }

    /** λα·mean over pixels of |opacity − the photo's alpha| (trainer/alpha_loss.comp). */
    static double alpha(double[] opacity, int[] target, double weight) {
        double sum = 0;
        for (int p = 0; p < opacity.length; p++) {
            sum += Math.abs(opacity[p] - (target[p] >>> 24) / 255.0);
        }
        return weight * sum / opacity.length;
    }
}
