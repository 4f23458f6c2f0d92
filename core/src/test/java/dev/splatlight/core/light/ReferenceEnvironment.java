package dev.splatlight.core.light;

/**
 * Plain-Java reference of the environment kernels and the split-sum lookups (include/light/*.glsl), in double
 * precision: cube addressing, the dataset equirect convention, 2×2 means, filtered-importance-sampled GGX
 * prefiltering, brute-force irradiance and the DFG table. Also a brute-force GGX prefilter, the integral the
 * importance-sampled one estimates.
 */
public final class ReferenceEnvironment {
    private ReferenceEnvironment() {
    }

    // ---- cube addressing ----

    public static double[] cubeDirection(int face, double s, double t) {
        return switch (face) {
            case 0 -> new double[] {1, -t, -s};
            case 1 -> new double[] {-1, -t, s};
            case 2 -> new double[] {s, 1, t};
            case 3 -> new double[] {s, -1, -t};
            case 4 -> new double[] {s, -t, 1};
            default -> new double[] {-s, -t, -1};
        };
    }

    public static double[] texelDirection(int face, int x, int y, int size) {
        return normalize(cubeDirection(face, (x + 0.5) * 2.0 / size - 1, (y + 0.5) * 2.0 / size - 1));
    }

    /** {face, u, v} with u, v ∈ [0, 1]. */
    public static double[] faceUv(double[] d) {
        double ax = Math.abs(d[0]), ay = Math.abs(d[1]), az = Math.abs(d[2]);
        int face;
        double major, sc, tc;
        if (ax >= ay && ax >= az) {
            face = d[0] >= 0 ? 0 : 1;
            major = ax;
            sc = d[0] >= 0 ? -d[2] : d[2];
            tc = -d[1];
        } else if (ay >= az) {
            face = d[1] >= 0 ? 2 : 3;
            major = ay;
            sc = d[0];
            tc = d[1] >= 0 ? d[2] : -d[2];
        } else {
            face = d[2] >= 0 ? 4 : 5;
            major = az;
            sc = d[2] >= 0 ? d[0] : -d[0];
            tc = -d[1];
        }
        return new double[] {face, 0.5 * (sc / major + 1), 0.5 * (tc / major + 1)};
    }

    public static double texelSolidAngle(int x, int y, int size) {
        double step = 2.0 / size;
        double s0 = x * step - 1, t0 = y * step - 1, s1 = s0 + step, t1 = t0 + step;
        return area(s0, t0) - area(s0, t1) - area(s1, t0) + area(s1, t1);
    }

    private static double area(double s, double t) {
        return Math.atan2(s * t, Math.sqrt(s * s + t * t + 1));
    }

    /** Bilinear lookup of one level (clamped to the face) of an RGB chain. */
    public static double[] bilinear(float[] chain, CubeChain layout, int level, double[] d) {
        double[] out = new double[3];
        int offset = layout.levelOffset(level);
        for (double[] tap : bilinearTaps(layout.size(level), d)) {
            int texel = offset + (int) tap[0];
            for (int c = 0; c < 3; c++) {
                out[c] += tap[1] * chain[3 * texel + c];
            }
        }
        return out;
    }

    /** The 4 taps of a bilinear lookup on faces of {@code size}² (clamped to the face): {texel within the level, weight}. */
    public static double[][] bilinearTaps(int size, double[] d) {
        double[] fuv = faceUv(d);
        int face = (int) fuv[0];
        double tx = fuv[1] * size - 0.5, ty = fuv[2] * size - 0.5;
        int bx = (int) Math.floor(tx), by = (int) Math.floor(ty);
        double fx = tx - bx, fy = ty - by;
        int[] xs = {clamp(bx, size), clamp(bx + 1, size)};
        int[] ys = {clamp(by, size), clamp(by + 1, size)};
        double[] w = {(1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy};
        double[][] taps = new double[4][];
        for (int k = 0; k < 4; k++) {
            taps[k] = new double[] {(face * size + ys[k >> 1]) * size + xs[k & 1], w[k]};
        }
        return taps;
    }

    private static int clamp(int i, int size) {
        return Math.max(0, Math.min(size - 1, i));
    }

    // ---- equirect (dataset README convention) ----

    public static double[] equirectUv(double[] d) {
        double u = 0.5 - Math.atan2(d[1], d[0]) / (2 * Math.PI);
        u -= Math.floor(u);
        return new double[] {u, Math.acos(Math.max(-1, Math.min(1, d[2]))) / Math.PI};
    }

    public static double[] equirectBilinear(float[] rgb, int width, int height, double[] uv) {
        double tx = uv[0] * width - 0.5, ty = uv[1] * height - 0.5;
        int bx = (int) Math.floor(tx), by = (int) Math.floor(ty);
        double fx = tx - bx, fy = ty - by;
        int x0 = Math.floorMod(bx, width), x1 = (x0 + 1) % width;
        int y0 = clamp(by, height), y1 = clamp(by + 1, height);
        double[] w = {(1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy};
        int[] idx = {y0 * width + x0, y0 * width + x1, y1 * width + x0, y1 * width + x1};
        double[] out = new double[3];
        for (int k = 0; k < 4; k++) {
            for (int c = 0; c < 3; c++) {
                out[c] += w[k] * rgb[3 * idx[k] + c];
            }
        }
        return out;
    }

    /** Level 0 of a chain from an equirect image, samples² lookups per texel, environment turned by θ about +Z. */
    public static float[] equirectToCube(float[] rgb, int width, int height, int size, int samples, double theta) {
        float[] cube = new float[18 * size * size];
        double c = Math.cos(theta), s = Math.sin(theta);
        for (int face = 0; face < 6; face++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double[] sum = new double[3];
                    for (int sy = 0; sy < samples; sy++) {
                        for (int sx = 0; sx < samples; sx++) {
                            double st = (x + (sx + 0.5) / samples) * 2.0 / size - 1;
                            double tt = (y + (sy + 0.5) / samples) * 2.0 / size - 1;
                            double[] d = normalize(cubeDirection(face, st, tt));
                            double[] turned = {c * d[0] + s * d[1], -s * d[0] + c * d[1], d[2]};
                            double[] v = equirectBilinear(rgb, width, height, equirectUv(turned));
                            for (int k = 0; k < 3; k++) {
                                sum[k] += v[k];
                            }
                        }
                    }
                    int texel = (face * size + y) * size + x;
                    for (int k = 0; k < 3; k++) {
                        cube[3 * texel + k] = (float) (sum[k] / (samples * samples));
                    }
                }
            }
        }
        return cube;
    }

    // ---- chain ----

    /** Fills levels 1.. of {@code chain} with 2×2 means of the level above. */
    public static void downsample(float[] chain, CubeChain layout) {
        for (int level = 1; level < layout.levels(); level++) {
            int size = layout.size(level), source = layout.size(level - 1);
            int in = layout.levelOffset(level - 1), out = layout.levelOffset(level);
            for (int face = 0; face < 6; face++) {
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        int top = in + (face * source + 2 * y) * source + 2 * x;
                        int texel = out + (face * size + y) * size + x;
                        for (int c = 0; c < 3; c++) {
                            chain[3 * texel + c] = (float) (0.25 * ((double) chain[3 * top + c] + chain[3 * (top + 1) + c]
                                    + chain[3 * (top + source) + c] + chain[3 * (top + source + 1) + c]));
                        }
                    }
                }
            }
        }
    }

    // ---- GGX ----

    public static double ggxD(double nDotH, double alpha) {
        double a2 = alpha * alpha;
        double d = nDotH * nDotH * (a2 - 1) + 1;
        return a2 / (Math.PI * d * d);
    }

    public static double smithLambda(double cos, double alpha) {
        double c2 = cos * cos;
        return 0.5 * (-1 + Math.sqrt(1 + alpha * alpha * Math.max(1 - c2, 0) / Math.max(c2, 1e-12)));
    }

    public static double[] hammersley(int i, int n) {
        return new double[] {(i + 0.5) / n, Integer.toUnsignedLong(Integer.reverse(i)) / 4294967296.0};
    }

    public static double[] sampleHalfVector(double[] xi, double alpha) {
        double a2 = alpha * alpha;
        double phi = 2 * Math.PI * xi[0];
        double cos = Math.sqrt((1 - xi[1]) / (1 + (a2 - 1) * xi[1]));
        double sin = Math.sqrt(Math.max(1 - cos * cos, 0));
        return new double[] {sin * Math.cos(phi), sin * Math.sin(phi), cos};
    }

    /** h in the frame whose third axis is n (the same frame as tangent_frame in ggx.glsl). */
    public static double[] toWorld(double[] h, double[] n) {
        double[] up = Math.abs(n[2]) < 0.999 ? new double[] {0, 0, 1} : new double[] {1, 0, 0};
        double[] tx = normalize(cross(up, n));
        double[] ty = cross(n, tx);
        return new double[] {tx[0] * h[0] + ty[0] * h[1] + n[0] * h[2], tx[1] * h[0] + ty[1] * h[1] + n[1] * h[2],
                tx[2] * h[0] + ty[2] * h[1] + n[2] * h[2]};
    }

    /** The prefiltered chain, exactly as prefilter_specular.comp computes it (sampled, then summed for the last level). */
    public static float[] prefilter(float[] radiance, CubeChain layout, int samples) {
        float[] out = new float[radiance.length];
        double texelSolidAngle = 4 * Math.PI / (6.0 * layout.baseSize() * layout.baseSize());
        for (int level = 0; level < layout.levels(); level++) {
            int size = layout.size(level);
            double alpha = Math.pow(SplitSum.levelRoughness(level, layout.levels()), 2);
            for (int face = 0; face < 6; face++) {
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        double[] n = texelDirection(face, x, y, size);
                        int texel = layout.levelOffset(level) + (face * size + y) * size + x;
                        if (level == layout.levels() - 1) {
                            double[] exact = bruteForcePrefiltered(radiance, layout, level, n, 1.0);
                            for (int c = 0; c < 3; c++) {
                                out[3 * texel + c] = (float) exact[c];
                            }
                            continue;
                        }
                        double[] sum = new double[3];
                        double weights = 0;
                        for (int i = 0; i < samples; i++) {
                            double[] h = toWorld(sampleHalfVector(hammersley(i, samples), alpha), n);
                            double nh = dot(n, h);
                            double[] l = {2 * nh * h[0] - n[0], 2 * nh * h[1] - n[1], 2 * nh * h[2] - n[2]};
                            double nl = dot(n, l);
                            if (nl <= 0) {
                                continue;
                            }
                            double sampleSolidAngle = 1 / (samples * ggxD(nh, alpha) * 0.25);
                            double lod = Math.max(0, Math.min(layout.levels() - 1,
                                    0.5 * Math.log(sampleSolidAngle / texelSolidAngle) / Math.log(2)));
                            double[] v = trilinear(radiance, layout, l, lod);
                            for (int c = 0; c < 3; c++) {
                                sum[c] += v[c] * nl;
                            }
                            weights += nl;
                        }
                        for (int c = 0; c < 3; c++) {
                            out[3 * texel + c] = (float) (sum[c] / weights);
                        }
                    }
                }
            }
        }
        return out;
    }

    public static double[] trilinear(float[] chain, CubeChain layout, double[] d, double lod) {
        int lower = (int) Math.floor(lod);
        int upper = Math.min(lower + 1, layout.levels() - 1);
        double f = lod - lower;
        double[] a = bilinear(chain, layout, lower, d), b = bilinear(chain, layout, upper, d);
        return new double[] {a[0] * (1 - f) + b[0] * f, a[1] * (1 - f) + b[1] * f, a[2] * (1 - f) + b[2] * f};
    }

    /**
     * The integral the prefilter estimates, by brute force over every texel of one level:
     * Σ L(l)·D(h)·(n·l)·Ω(l) / Σ D(h)·(n·l)·Ω(l), h = normalize(n + l).
     */
    public static double[] bruteForcePrefiltered(float[] chain, CubeChain layout, int sourceLevel, double[] n, double roughness) {
        double alpha = roughness * roughness;
        int size = layout.size(sourceLevel);
        double[] sum = new double[3];
        double weights = 0;
        for (int face = 0; face < 6; face++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double[] l = texelDirection(face, x, y, size);
                    double nl = dot(n, l);
                    if (nl <= 0) {
                        continue;
                    }
                    double[] h = normalize(new double[] {n[0] + l[0], n[1] + l[1], n[2] + l[2]});
                    double w = ggxD(dot(n, h), alpha) * nl * texelSolidAngle(x, y, size);
                    int texel = layout.levelOffset(sourceLevel) + (face * size + y) * size + x;
                    for (int c = 0; c < 3; c++) {
                        sum[c] += w * chain[3 * texel + c];
                    }
                    weights += w;
                }
            }
        }
        return new double[] {sum[0] / weights, sum[1] / weights, sum[2] / weights};
    }

    /** The irradiance cube from the smallest level: Σ L·max(n·l, 0)·Ω / π. */
    public static float[] irradiance(float[] chain, CubeChain layout) {
        int level = layout.levels() - 1, size = layout.size(level), offset = layout.levelOffset(level);
        float[] out = new float[18 * size * size];
        for (int texel = 0; texel < 6 * size * size; texel++) {
            double[] n = texelDirection(texel / (size * size), texel % size, (texel % (size * size)) / size, size);
            double[] sum = new double[3];
            for (int face = 0; face < 6; face++) {
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        double cos = dot(n, texelDirection(face, x, y, size));
                        if (cos > 0) {
                            int i = offset + (face * size + y) * size + x;
                            double w = cos * texelSolidAngle(x, y, size);
                            for (int c = 0; c < 3; c++) {
                                sum[c] += w * chain[3 * i + c];
                            }
                        }
                    }
                }
            }
            for (int c = 0; c < 3; c++) {
                out[3 * texel + c] = (float) (sum[c] / Math.PI);
            }
        }
        return out;
    }

    /** (A, B) of the DFG integral at (n·v, roughness), as dfg_table.comp estimates it. */
    public static double[] dfg(double nDotV, double roughness, int samples) {
        double alpha = roughness * roughness;
        double[] v = {Math.sqrt(1 - nDotV * nDotV), 0, nDotV};
        double a = 0, b = 0;
        for (int i = 0; i < samples; i++) {
            double[] h = sampleHalfVector(hammersley(i, samples), alpha);
            double vh = dot(v, h);
            double lz = 2 * vh * h[2] - v[2];
            if (lz <= 0) {
                continue;
            }
            double g = 1 / (1 + smithLambda(nDotV, alpha) + smithLambda(lz, alpha));
            double gVis = g * vh / (h[2] * nDotV);
            double fc = Math.pow(1 - vh, 5);
            a += (1 - fc) * gVis;
            b += fc * gVis;
        }
        return new double[] {a / samples, b / samples};
    }

    // ---- vectors ----

    public static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    public static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    /** common/normal_difference.glsl's step: radians a normal turns for each side of a central difference. */
    public static final double NORMAL_DIFFERENCE_STEP = 0.02;

    /** common/normal_difference.glsl's normal_tangents: {t1, t2}, unit, orthogonal to the unit normal n and each other. */
    public static double[][] tangentFrame(double[] n) {
        double[] helper = Math.abs(n[0]) < 0.9 ? new double[] {1, 0, 0} : new double[] {0, 1, 0};
        double[] t1 = normalize(cross(n, helper));
        return new double[][] {t1, cross(n, t1)};
    }

    /** common/normal_difference.glsl's normal_turned: n turned towards t by {@code steps} differences. */
    public static double[] turned(double[] n, double[] t, double steps) {
        double h = steps * NORMAL_DIFFERENCE_STEP;
        return normalize(new double[] {n[0] + h * t[0], n[1] + h * t[1], n[2] + h * t[2]});
    }

    public static double[] normalize(double[] v) {
        double length = Math.sqrt(dot(v, v));
        return new double[] {v[0] / length, v[1] / length, v[2] / length};
    }
}
