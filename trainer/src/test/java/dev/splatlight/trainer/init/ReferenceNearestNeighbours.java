package dev.splatlight.trainer.init;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test oracle of {@link NearestNeighbours}: the same search, one point at a time, cells in a hash map (the first version). */
final class ReferenceNearestNeighbours {
    private ReferenceNearestNeighbours() {
    }

    static float[] meanSquaredDistance(float[] positions, int k) {
        int n = positions.length / 3;
        float[] result = new float[n];
        if (n <= 1) {
            java.util.Arrays.fill(result, 1e-4f);
            return result;
        }
        float[] lo = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE}, hi = {-Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                lo[a] = Math.min(lo[a], positions[3 * i + a]);
                hi[a] = Math.max(hi[a], positions[3 * i + a]);
            }
        }
        double volume = Math.max(1e-9, (double) (hi[0] - lo[0] + 1e-6f) * (hi[1] - lo[1] + 1e-6f) * (hi[2] - lo[2] + 1e-6f));
        float largestExtent = Math.max(hi[0] - lo[0], Math.max(hi[1] - lo[1], hi[2] - lo[2]));
        // About 4 points per cell when uniform; at least 1/256 of the largest extent for flat or linear clouds.
        float cell = Math.max((float) Math.cbrt(volume * 4 / n), Math.max(largestExtent / 256f, 1e-6f));
        Map<Long, List<Integer>> grid = new HashMap<>();
        for (int i = 0; i < n; i++) {
            grid.computeIfAbsent(key(cellOf(positions, i, lo, cell)), x -> new ArrayList<>()).add(i);
        }
        int neighbours = Math.min(k, n - 1);
        for (int i = 0; i < n; i++) {
            result[i] = search(positions, i, lo, cell, grid, neighbours);
        }
        return result;
    }

    private static float search(float[] positions, int i, float[] lo, float cell, Map<Long, List<Integer>> grid, int k) {
        int[] c = cellOf(positions, i, lo, cell);
        float[] best = new float[k];
        java.util.Arrays.fill(best, Float.MAX_VALUE);
        for (int ring = 0; ring < 1 << 12; ring++) {
            for (int dx = -ring; dx <= ring; dx++) {
                for (int dy = -ring; dy <= ring; dy++) {
                    boolean onSide = Math.abs(dx) == ring || Math.abs(dy) == ring;
                    for (int dz = -ring; dz <= ring; dz += onSide || ring == 0 ? 1 : 2 * ring) { // the shell only

                        List<Integer> members = grid.get(key(new int[] {c[0] + dx, c[1] + dy, c[2] + dz}));
                        if (members != null) {
                            for (int j : members) {
                                if (j != i) {
                                    insert(best, distance2(positions, i, j));
                                }
                            }
                        }
                    }
                }
            }
            // Every point not yet seen is at least ring·cell away; stop once the k-th best is within that.
            if (best[k - 1] <= (ring * cell) * (ring * cell)) {
                break;
            }
        }
        double sum = 0;
        for (float d : best) {
            sum += d;
        }
        return (float) Math.max(sum / k, 1e-7);
    }

    private static void insert(float[] best, float d) {
        if (d >= best[best.length - 1]) {
            return;
        }
        int at = best.length - 1;
        while (at > 0 && best[at - 1] > d) {
            best[at] = best[at - 1];
            at--;
        }
        best[at] = d;
    }

    private static float distance2(float[] p, int i, int j) {
        float dx = p[3 * i] - p[3 * j], dy = p[3 * i + 1] - p[3 * j + 1], dz = p[3 * i + 2] - p[3 * j + 2];
        return dx * dx + dy * dy + dz * dz;
    }

    private static int[] cellOf(float[] p, int i, float[] lo, float cell) {
        return new int[] {(int) ((p[3 * i] - lo[0]) / cell), (int) ((p[3 * i + 1] - lo[1]) / cell), (int) ((p[3 * i + 2] - lo[2]) / cell)};
    }

    private static long key(int[] c) {
        return ((long) (c[0] & 0x1FFFFF) << 42) | ((long) (c[1] & 0x1FFFFF) << 21) | (c[2] & 0x1FFFFF);
    }
}
