package dev.splatlight.trainer.init;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.trainer.data.Dataset;
import dev.splatlight.trainer.data.Datasets;
import dev.splatlight.trainer.data.TrainingView;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.joml.Vector3f;

/**
 * A stand-in for a scanned surface of an object dataset, for the mesh-initialisation benchmark (docs/benchmarks.md):
 * the visual hull of the training photos' alpha masks, carved in a voxel grid, meshed by naive surface nets, each
 * vertex coloured by the photos that face it. Written as a PLY with faces and vertex colours.
 * Usage: {@code VisualHullMesh DATASET OUT.ply [RESOLUTION [BOUND]]}.
 */
public final class VisualHullMesh {
    private VisualHullMesh() {
    }

    public static void main(String[] args) throws IOException {
        Dataset dataset = Datasets.open(Path.of(args[0]));
        int resolution = args.length > 2 ? Integer.parseInt(args[2]) : 160;
        float bound = args.length > 3 ? Float.parseFloat(args[3]) : 1.3f;
        long start = System.nanoTime();
        boolean[] inside = carve(dataset.train(), resolution, bound);
        Mesh mesh = surfaceNets(inside, resolution, bound);
        float[] colors = colors(mesh, dataset.train());
        write(Path.of(args[1]), mesh, colors);
        System.out.printf(Locale.ROOT, "%s: %d vertices, %d quads from a %d³ hull of %d views in %.1f s%n", args[1],
                mesh.positions.size(), mesh.quads.size(), resolution, dataset.train().size(), (System.nanoTime() - start) / 1e9);
    }

    private static Vector3f centre(int i, int j, int k, int resolution, float bound) {
        float step = 2 * bound / resolution;
        return new Vector3f(-bound + (i + 0.5f) * step, -bound + (j + 0.5f) * step, -bound + (k + 0.5f) * step);
    }

    /** Voxels inside every photo's silhouette (alpha ≥ 0.5 where they project into the photo). */
    static boolean[] carve(List<TrainingView> views, int r, float bound) {
        boolean[] inside = new boolean[r * r * r];
        IntStream.range(0, r * r * r).parallel().forEach(v -> {
            Vector3f p = centre(v % r, (v / r) % r, v / (r * r), r, bound);
            for (TrainingView view : views) {
                if (alphaAt(view, p) < 0.5f) {
                    return;
                }
            }
            inside[v] = true;
        });
        return inside;
    }

    /** The photo's alpha at the projection of {@code p}; 1 outside the photo (it cannot carve there). */
    private static float alphaAt(TrainingView view, Vector3f p) {
        int[] pixel = project(view.camera(), p);
        if (pixel == null) {
            return 1;
        }
        return (view.image().pixels()[4 * (pixel[1] * view.image().width() + pixel[0]) + 3] & 0xFF) / 255f;
    }

    private static int[] project(Camera camera, Vector3f p) {
        Vector3f v = camera.viewFromWorld().transformPosition(new Vector3f(p));
        if (v.z <= 1e-4f) {
            return null;
        }
        int x = (int) Math.floor(camera.fx() * v.x / v.z + camera.cx()), y = (int) Math.floor(camera.fy() * v.y / v.z + camera.cy());
        return x < 0 || y < 0 || x >= camera.width() || y >= camera.height() ? null : new int[] {x, y};
    }

    record Mesh(List<Vector3f> positions, List<int[]> quads) {
    }

    /**
     * Naive surface nets: a vertex in each cell of 2×2×2 voxel centres whose occupancy differs (the mean of its
     * crossing edges' midpoints), and a quad across each voxel pair that differs, wound so its normal points out.
     */
    static Mesh surfaceNets(boolean[] inside, int r, float bound) {
        Map<Integer, Integer> vertexOfCell = new HashMap<>();
        List<Vector3f> positions = new ArrayList<>();
        List<int[]> quads = new ArrayList<>();
        int[][] axes = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        for (int k = 0; k < r; k++) {
            for (int j = 0; j < r; j++) {
                for (int i = 0; i < r; i++) {
                    for (int axis = 0; axis < 3; axis++) {
                        int i2 = i + axes[axis][0], j2 = j + axes[axis][1], k2 = k + axes[axis][2];
                        if (i2 >= r || j2 >= r || k2 >= r) {
                            continue;
                        }
                        boolean a = inside[(k * r + j) * r + i], b = inside[(k2 * r + j2) * r + i2];
                        if (a == b) {
                            continue;
                        }
                        int u = (axis + 1) % 3, w = (axis + 2) % 3; // the quad's corners: cells offset −1/0 along u and w
                        int[] quad = new int[4];
                        int[][] order = {{-1, -1}, {0, -1}, {0, 0}, {-1, 0}}; // counter-clockwise about +axis
                        boolean skip = false;
                        for (int c = 0; c < 4; c++) {
                            int[] cell = {i, j, k};
                            cell[u] += order[c][0];
                            cell[w] += order[c][1];
                            if (cell[u] < 0 || cell[w] < 0 || cell[u] >= r - 1 || cell[w] >= r - 1) {
                                skip = true;
                                break;
                            }
                            quad[c] = vertex(cell, inside, r, bound, vertexOfCell, positions);
                        }
                        if (skip) {
                            continue;
                        }
                        if (!a) { // the inside is on the far side: the normal points back along the axis
                            quads.add(new int[] {quad[3], quad[2], quad[1], quad[0]});
                        } else {
                            quads.add(quad);
                        }
                    }
                }
            }
        }
        return new Mesh(positions, quads);
    }

    private static int vertex(int[] cell, boolean[] inside, int r, float bound, Map<Integer, Integer> vertexOfCell,
                              List<Vector3f> positions) {
        int key = (cell[2] * r + cell[1]) * r + cell[0];
        Integer known = vertexOfCell.get(key);
        if (known != null) {
            return known;
        }
        Vector3f sum = new Vector3f();
        int crossings = 0;
        for (int a = 0; a < 8; a++) {
            for (int b = a + 1; b < 8; b++) {
                int diff = a ^ b;
                if (Integer.bitCount(diff) != 1) {
                    continue; // not an edge of the cell
                }
                int[] pa = {cell[0] + (a & 1), cell[1] + ((a >> 1) & 1), cell[2] + ((a >> 2) & 1)};
                int[] pb = {cell[0] + (b & 1), cell[1] + ((b >> 1) & 1), cell[2] + ((b >> 2) & 1)};
                if (inside[(pa[2] * r + pa[1]) * r + pa[0]] != inside[(pb[2] * r + pb[1]) * r + pb[0]]) {
                    sum.add(centre(pa[0], pa[1], pa[2], r, bound)).add(centre(pb[0], pb[1], pb[2], r, bound));
                    crossings += 2;
                }
            }
        }
        positions.add(sum.div(Math.max(1, crossings)));
        vertexOfCell.put(key, positions.size() - 1);
        return positions.size() - 1;
    }

    /** Each vertex's colour: the mean of the photos' pixels where it projects inside the silhouette, sRGB [V, 3]. */
    static float[] colors(Mesh mesh, List<TrainingView> views) {
        float[] colors = new float[3 * mesh.positions().size()];
        IntStream.range(0, mesh.positions().size()).parallel().forEach(v -> {
            Vector3f p = mesh.positions().get(v);
            double[] sum = new double[3];
            int seen = 0;
            for (TrainingView view : views) {
                int[] pixel = project(view.camera(), p);
                if (pixel == null) {
                    continue;
                }
                int o = 4 * (pixel[1] * view.image().width() + pixel[0]);
                byte[] px = view.image().pixels();
                if ((px[o + 3] & 0xFF) < 200) {
                    continue;
                }
                for (int c = 0; c < 3; c++) {
                    sum[c] += (px[o + c] & 0xFF) / 255.0;
                }
                seen++;
            }
            for (int c = 0; c < 3; c++) {
                colors[3 * v + c] = seen == 0 ? 0.5f : (float) (sum[c] / seen);
            }
        });
        return colors;
    }

    private static void write(Path file, Mesh mesh, float[] colors) throws IOException {
        try (Writer out = Files.newBufferedWriter(file)) {
            out.write("ply\nformat ascii 1.0\ncomment visual hull of a dataset's alpha masks (VisualHullMesh)\n");
            out.write("element vertex " + mesh.positions().size() + "\nproperty float x\nproperty float y\nproperty float z\n"
                    + "property uchar red\nproperty uchar green\nproperty uchar blue\n");
            out.write("element face " + mesh.quads().size() + "\nproperty list uchar int vertex_indices\nend_header\n");
            for (int v = 0; v < mesh.positions().size(); v++) {
                Vector3f p = mesh.positions().get(v);
                out.write(String.format(Locale.ROOT, "%.5f %.5f %.5f %d %d %d%n", p.x, p.y, p.z, Math.round(255 * colors[3 * v]),
                        Math.round(255 * colors[3 * v + 1]), Math.round(255 * colors[3 * v + 2])));
            }
            for (int[] q : mesh.quads()) {
                out.write("4 " + q[0] + " " + q[1] + " " + q[2] + " " + q[3] + "\n");
            }
        }
    }
}
