package dev.splatlight.core.light;

import dev.splatlight.core.splat.GaussianDensities;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Plain-Java reference of light/trace_reflections.comp (and any pass that marches rays as
 * include/light/reflection_march.glsl does) by brute force: every Gaussian is met along the reflected ray
 * where its density peaks; the meetings are grouped by the grid cell that point falls in, the groups composited front
 * to back in the ray's order, each blending its Gaussians order-independently — without the kernel's grid walk.
 */
public final class ReferenceReflectionTrace {
    private ReferenceReflectionTrace() {
    }

    private record Meeting(int gaussian, double t, double alpha) {
    }

    /**
     * The hit sums (G-buffer channels, coverage, distance) of the ray from surface s, through Gaussians
     * {@code densities} with [G, 8] {@code materials}, on a grid of {@code cells} per axis from {@code origin}
     * with cells of {@code size}; hits nearer than {@code near} are ignored.
     */
    static double[] trace(ReferenceShading.Surface s, GaussianDensities densities, float[] materials, int cells,
                          double origin, double size, double near) {
        if (s.roughness() >= 0.5) {
            return new double[SceneReflections.HIT_CHANNELS]; // REFLECTION_MAX_ROUGHNESS: not traced
        }
        return march(s.position(), ReferenceShading.reflect(s.normal(), s.view()), densities, materials, 8, 0, 8, cells,
                origin, size, near);
    }

    /**
     * include/light/reflection_march.glsl: what the ray o + t·d (d unit) meets, as {@code channels} sums Σ w·v of
     * each Gaussian's values {@code values[stride·i + first + j]}, then the coverage 1 − T and Σ w·t. A Gaussian's
     * normal, for the facing test, is {@code values[stride·i .. + 2]}.
     */
    public static double[] march(double[] o, double[] d, GaussianDensities densities, float[] values, int stride, int first,
                                 int channels, int cells, double origin, double size, double near) {
        double[] hit = new double[channels + 2];
        float[] g = densities.packed();
        TreeMap<Long, List<Meeting>> byCell = new TreeMap<>();
        for (int i = 0; i < densities.count(); i++) {
            if (!densities.usable()[i]) {
                continue;
            }
            int row = GaussianDensities.STRIDE * i;
            double[] delta = {g[row] - o[0], g[row + 1] - o[1], g[row + 2] - o[2]};
            double[] inverseDelta = inverse(g, row, delta), inverseD = inverse(g, row, d);
            double a = dot(d, inverseD), b = dot(d, inverseDelta);
            double t = b / a;
            double alpha = Math.min(0.99, g[row + 9] * Math.exp(-0.5 * Math.max(dot(delta, inverseDelta) - b * t, 0)));
            double facing = values[stride * i] * d[0] + values[stride * i + 1] * d[1] + values[stride * i + 2] * d[2];
            if (t <= near || alpha < 1.0 / 255 || facing > 0) {
                continue;
            }
            long key = 0;
            boolean inside = true;
            for (int k = 0; k < 3; k++) {
                long c = (long) Math.floor((o[k] + t * d[k] - origin) / size);
                inside &= c >= 0 && c < cells;
                key = key * cells + c;
            }
            if (inside) {
                byCell.computeIfAbsent(key, c -> new ArrayList<>()).add(new Meeting(i, t, alpha));
            }
        }
        List<List<Meeting>> groups = new ArrayList<>(byCell.values());
        groups.sort(Comparator.comparingDouble(group -> group.get(0).t()));
        double transmittance = 1;
        for (List<Meeting> group : groups) {
            if (transmittance <= 1e-3) {
                break;
            }
            double logT = 0, alphaSum = 0;
            for (Meeting m : group) {
                logT += Math.log(1 - m.alpha());
                alphaSum += m.alpha();
            }
            double cellT = Math.exp(logT);
            double w = transmittance * (1 - cellT) / alphaSum;
            for (Meeting m : group) {
                for (int j = 0; j < channels; j++) {
                    hit[j] += w * m.alpha() * values[stride * m.gaussian() + first + j];
                }
                hit[channels + 1] += w * m.alpha() * m.t();
            }
            transmittance *= cellT;
        }
        hit[channels] = 1 - transmittance;
        return hit;
    }

    private static double[] inverse(float[] g, int row, double[] v) {
        double xx = g[row + 3], xy = g[row + 4], xz = g[row + 5], yy = g[row + 6], yz = g[row + 7], zz = g[row + 8];
        return new double[] {xx * v[0] + xy * v[1] + xz * v[2], xy * v[0] + yy * v[1] + yz * v[2], xz * v[0] + yz * v[1] + zz * v[2]};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
