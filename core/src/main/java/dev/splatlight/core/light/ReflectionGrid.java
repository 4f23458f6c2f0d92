package dev.splatlight.core.light;

import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.splat.GaussianDensities;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The Gaussians sorted into a uniform grid for tracing rays through them (light/trace_reflections.comp): each listed
 * in every cell that its reach overlaps, the ellipsoid within which it can stop 1/255 of a ray (m² ≤ 2 ln 255α, so
 * faint Gaussians reach less far than opaque ones), so that a ray walking the cells it crosses meets every Gaussian
 * that can stop it visibly. A cell is listed when it overlaps the ellipsoid's bounding box along the world axes and
 * along the Gaussian's own axes: a flat splat tilted across the grid is listed in the slab of cells it lies in, not
 * the whole box around it, and rays pay for every entry of every cell they cross. Gaussians larger than
 * {@link #MAX_CELLS_PER_AXIS} cells (floaters the size of the scene) are left out, as are those entirely outside the
 * grid: a ray that leaves the grid sees the environment.
 *
 * @param cellStarts   [cells³ + 1] first entry of each cell in {@code entries}
 * @param entries      Gaussian index per entry, cell by cell
 * @param reachSpheres [G, 4] each Gaussian's mean and the radius of the sphere around its reach (0 for Gaussians that
 *                     stop nothing), for the trace's cheap first test
 */
public record ReflectionGrid(int cellsPerAxis, float originX, float originY, float originZ, float cellSize,
                             int[] cellStarts, int[] entries, float[] reachSpheres, int leftOut) {
    /**
     * Cells per axis of a grid sized by {@link #cellsFor} at most (on trio's bound of 1.5, cells of 4.7 cm); scenes of
     * large Gaussians get fewer: a Gaussian is listed in every cell it reaches, and a ray pays for every entry of every
     * cell it crosses.
     */
    public static final int MAX_CELLS = 64;
    static final int MIN_CELLS = 16;
    static final int MAX_CELLS_PER_AXIS = 16;
    /** Widens every reach a little, so that float rounding in the trace's α never meets an unlisted Gaussian. */
    private static final double REACH_MARGIN = 1 + 1e-4;

    /** Standard deviations from its mean at which a Gaussian of opacity α stops 1/255 of a ray: √(2 ln 255α). */
    static double reachSigmas(double alpha) {
        return Math.sqrt(2 * Math.log(Math.max(1, 255 * alpha)));
    }

    /** [G, 4] mean and reach radius (the largest scale × {@link #reachSigmas}) of each usable Gaussian. */
    static float[] reachSpheres(GaussianCloud cloud, GaussianDensities densities) {
        float[] spheres = new float[4 * densities.count()];
        IntStream.range(0, densities.count()).parallel().filter(i -> densities.usable()[i]).forEach(i -> {
            double largest = Math.exp(Math.max(cloud.logScales[3 * i], Math.max(cloud.logScales[3 * i + 1], cloud.logScales[3 * i + 2])));
            for (int k = 0; k < 3; k++) {
                spheres[4 * i + k] = densities.mean(i, k);
            }
            spheres[4 * i + 3] = (float) (largest * reachSigmas(densities.opacity(i)) * REACH_MARGIN);
        });
        return spheres;
    }

    /**
     * Cells per axis for a scene: cells as wide as the median Gaussian's reach, within [{@value #MIN_CELLS},
     * {@value #MAX_CELLS}]. Trio's Gaussians (median reach ~6 cm) get 48–56; the bundled sample's (mini, 3σ ≈ 10 cm at
     * 96² photos) 32, where 64 once listed each in 365 cells and tracing took ~2 s per material iteration on lavapipe.
     */
    static int cellsFor(float[] reachSpheres, boolean[] usable, float bound) {
        float[] reaches = new float[usable.length];
        int n = 0;
        for (int i = 0; i < usable.length; i++) {
            if (usable[i]) {
                reaches[n++] = reachSpheres[4 * i + 3];
            }
        }
        if (n == 0) {
            return MIN_CELLS;
        }
        java.util.Arrays.sort(reaches, 0, n);
        return (int) Math.max(MIN_CELLS, Math.min(MAX_CELLS, Math.round(2 * bound / Math.max(reaches[n / 2], 1e-9))));
    }

    /** Grids the Gaussians of {@code cloud} (as {@code densities}) over the cube [−bound, bound]³, {@link #cellsFor} per axis. */
    public static ReflectionGrid of(GaussianCloud cloud, GaussianDensities densities, float bound) {
        float[] spheres = reachSpheres(cloud, densities);
        return of(cloud, densities, bound, cellsFor(spheres, densities.usable(), bound), spheres);
    }

    /** Grids the Gaussians of {@code cloud} (as {@code densities}) over the cube [−bound, bound]³, {@code cellsPerAxis} per axis. */
    public static ReflectionGrid of(GaussianCloud cloud, GaussianDensities densities, float bound, int cellsPerAxis) {
        return of(cloud, densities, bound, cellsPerAxis, reachSpheres(cloud, densities));
    }

    private static ReflectionGrid of(GaussianCloud cloud, GaussianDensities densities, float bound, int cellsPerAxis,
                                     float[] reachSpheres) {
        if (!(bound > 0) || cellsPerAxis < 1) {
            throw new IllegalArgumentException("reflection grid of bound " + bound + " and " + cellsPerAxis + " cells per axis");
        }
        int n = cellsPerAxis;
        float size = 2 * bound / n;
        float origin = -bound;
        int cells = n * n * n;
        int count = densities.count();
        // The Gaussians' cells in parallel (the geometric tests are the work: seconds for millions of Gaussians),
        // twice: first how many each has, then which, into one array in Gaussian order; then the cells' lists are
        // filled in that order, so that each cell lists its Gaussians by index whatever the threads did.
        int[] perGaussian = new int[count];
        boolean[] outside = new boolean[count];
        IntStream.range(0, count).parallel().filter(i -> densities.usable()[i]).forEach(i -> {
            int[] visited = {0};
            outside[i] = !visitCells(cloud, densities, i, origin, size, n, c -> visited[0]++);
            perGaussian[i] = visited[0];
        });
        long[] firstOf = new long[count + 1];
        for (int i = 0; i < count; i++) {
            firstOf[i + 1] = firstOf[i] + perGaussian[i];
        }
        if (firstOf[count] > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a reflection grid of " + firstOf[count] + " entries: too many for one array");
        }
        int[] cellOf = new int[(int) firstOf[count]];
        IntStream.range(0, count).parallel().filter(i -> perGaussian[i] > 0).forEach(i -> {
            int[] next = {(int) firstOf[i]};
            visitCells(cloud, densities, i, origin, size, n, c -> cellOf[next[0]++] = c);
        });
        int leftOut = 0;
        int[] starts = new int[cells + 1];
        for (int i = 0; i < count; i++) {
            leftOut += outside[i] ? 1 : 0;
        }
        for (int c : cellOf) {
            starts[c + 1]++;
        }
        for (int c = 0; c < cells; c++) {
            starts[c + 1] += starts[c];
        }
        int[] entries = new int[cellOf.length];
        int[] cursor = java.util.Arrays.copyOf(starts, cells);
        for (int i = 0; i < count; i++) {
            for (long e = firstOf[i]; e < firstOf[i + 1]; e++) {
                entries[cursor[cellOf[(int) e]]++] = i;
            }
        }
        return new ReflectionGrid(n, origin, origin, origin, size, starts, entries, reachSpheres, leftOut);
    }

    /**
     * [entries, 4]: each entry's Gaussian's reach sphere, in entry order. The trace tests every entry of a cell it
     * crosses against its sphere and most fail; read in entry order the spheres of a cell lie one after another, where
     * looking each up by its Gaussian's index would be a second, scattered read behind the first.
     */
    public float[] entrySpheres() {
        float[] gathered = new float[4 * entries.length];
        IntStream.range(0, entries.length).parallel()
                .forEach(e -> System.arraycopy(reachSpheres, 4 * entries[e], gathered, 4 * e, 4));
        return gathered;
    }

    /** What reports say of the grid: cells per axis, cell size, entries and the Gaussians left out. */
    public java.util.Map<String, Object> summary() {
        return java.util.Map.of("cells_per_axis", cellsPerAxis, "cell_size", cellSize, "entries", entries.length,
                "left_out", leftOut);
    }

    /**
     * Hands every cell Gaussian i's reach overlaps to {@code cell}; false (and no cell) when the reach lies outside the
     * grid or spans more than {@link #MAX_CELLS_PER_AXIS} cells along an axis.
     */
    private static boolean visitCells(GaussianCloud cloud, GaussianDensities densities, int i, float origin, float size,
                                      int n, IntConsumer cell) {
        double[][] axes = GaussianDensities.rotation(cloud, i);  // columns: the Gaussian's axes
        double sigmas = reachSigmas(densities.opacity(i)) * REACH_MARGIN;
        double[] extent = new double[3];  // the reach along each of the Gaussian's axes
        for (int j = 0; j < 3; j++) {
            extent[j] = sigmas * Math.exp(cloud.logScales[3 * i + j]);
        }
        int[] lo = new int[3], hi = new int[3];
        for (int a = 0; a < 3; a++) {
            // the ellipsoid's half-width along world axis a
            double half = Math.sqrt(sq(axes[a][0] * extent[0]) + sq(axes[a][1] * extent[1]) + sq(axes[a][2] * extent[2]));
            double mean = densities.mean(i, a);
            if (!Double.isFinite(mean) || !Double.isFinite(half)) {
                return false;
            }
            long first = (long) Math.floor((mean - half - origin) / size);
            long last = (long) Math.floor((mean + half - origin) / size);
            if (last < 0 || first >= n || last - first + 1 > MAX_CELLS_PER_AXIS) {
                return false;
            }
            lo[a] = (int) Math.max(first, 0);
            hi[a] = (int) Math.min(last, n - 1);
        }
        double halfCell = size / 2;
        for (int x = lo[0]; x <= hi[0]; x++) {
            for (int y = lo[1]; y <= hi[1]; y++) {
                for (int z = lo[2]; z <= hi[2]; z++) {
                    double dx = origin + (x + 0.5) * size - densities.mean(i, 0);
                    double dy = origin + (y + 0.5) * size - densities.mean(i, 1);
                    double dz = origin + (z + 0.5) * size - densities.mean(i, 2);
                    boolean overlaps = true;
                    for (int j = 0; j < 3 && overlaps; j++) {  // separated along the Gaussian's axis j?
                        double ux = axes[0][j], uy = axes[1][j], uz = axes[2][j];
                        double along = Math.abs(ux * dx + uy * dy + uz * dz);
                        overlaps = along <= extent[j] + halfCell * (Math.abs(ux) + Math.abs(uy) + Math.abs(uz));
                    }
                    if (overlaps) {
                        cell.accept((x * n + y) * n + z);
                    }
                }
            }
        }
        return true;
    }

    private static double sq(double v) {
        return v * v;
    }
}
