package dev.splatlight.trainer.bake;

import dev.splatlight.core.light.OcclusionVolume;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * Extends baked probes to unbaked neighbours (design.md §1.2: "the rest take values by repeated 6-neighbour
 * dilation"): each pass gives every unbaked probe with baked 6-neighbours the mean of their coefficients. Queries
 * treat probes still missing after the passes as unusable (weight 0), which dilation at any distance would match
 * for the points that are ever shaded: those lie next to baked probes.
 */
final class ProbeDilation {
    private ProbeDilation() {
    }

    static OcclusionVolume dilate(OcclusionVolume volume, int passes) {
        int r = volume.resolution();
        TreeMap<Integer, float[]> probes = new TreeMap<>();
        for (int i = 0; i < volume.probes(); i++) {
            probes.put(volume.cells()[i], Arrays.copyOfRange(volume.coefficients(), 16 * i, 16 * i + 16));
        }
        int[][] steps = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        for (int pass = 0; pass < passes; pass++) {
            TreeMap<Integer, float[]> sums = new TreeMap<>();
            TreeMap<Integer, Integer> counts = new TreeMap<>();
            for (var entry : probes.entrySet()) {
                int cell = entry.getKey();
                int x = cell / (r * r), y = (cell / r) % r, z = cell % r;
                for (int[] s : steps) {
                    int nx = x + s[0], ny = y + s[1], nz = z + s[2];
                    if (nx < 0 || ny < 0 || nz < 0 || nx >= r || ny >= r || nz >= r) {
                        continue;
                    }
                    int neighbour = (nx * r + ny) * r + nz;
                    if (probes.containsKey(neighbour)) {
                        continue;
                    }
                    float[] sum = sums.computeIfAbsent(neighbour, c -> new float[16]);
                    for (int k = 0; k < 16; k++) {
                        sum[k] += entry.getValue()[k];
                    }
                    counts.merge(neighbour, 1, Integer::sum);
                }
            }
            for (var entry : sums.entrySet()) {
                float[] mean = entry.getValue();
                int count = counts.get(entry.getKey());
                for (int k = 0; k < 16; k++) {
                    mean[k] /= count;
                }
                probes.put(entry.getKey(), mean);
            }
        }
        int[] cells = new int[probes.size()];
        float[] coefficients = new float[16 * probes.size()];
        int i = 0;
        for (var entry : probes.entrySet()) {
            cells[i] = entry.getKey();
            System.arraycopy(entry.getValue(), 0, coefficients, 16 * i, 16);
            i++;
        }
        return new OcclusionVolume(r, volume.bound(), volume.threshold(), cells, coefficients);
    }
}
