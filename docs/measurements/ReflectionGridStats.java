// How large the traced reflections' grid is for an asset, and how many entries a ray crosses (an analysis harness,
// not part of Splatlight). For cells per axis 16, 32, 64 and 128 over [−bound, bound]³ it prints the entries of the old
// listing (every cell of each Gaussian's 3.33σ box around its largest scale) and of ReflectionGrid's, and the entries
// a ray from a random Gaussian's mean in a random direction crosses to the grid's edge (no transmittance stop).
//
//   CP=core/target/classes:$(ls trainer/target/lib/*.jar | grep -v core- | tr '\n' ':')
//   javac -cp "$CP" -d /tmp/gs docs/measurements/ReflectionGridStats.java
//   java -cp "$CP/tmp/gs" ReflectionGridStats ASSET/point_cloud.ply 1.5
import dev.splatlight.core.asset.GaussianPly;
import dev.splatlight.core.light.ReflectionGrid;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.splat.GaussianDensities;
import java.nio.file.Path;
import java.util.Random;

public class ReflectionGridStats {
    public static void main(String[] args) {
        GaussianCloud cloud = GaussianPly.read(Path.of(args[0])).cloud();
        float bound = Float.parseFloat(args[1]);
        GaussianDensities densities = GaussianDensities.of(cloud);
        for (int cells : new int[] {16, 32, 64, 128}) {
            ReflectionGrid grid = ReflectionGrid.of(cloud, densities, bound, cells);
            System.out.printf("%d cells/axis: old listing %d entries; now %d (%.1f per Gaussian), left out %d; "
                    + "entries crossed per ray %.0f%n", cells, oldListing(densities, bound, cells), grid.entries().length,
                    grid.entries().length / (double) cloud.count(), grid.leftOut(), entriesPerRay(grid, densities, cells));
        }
        float[] radii = new float[cloud.count()];
        for (int i = 0; i < radii.length; i++) {
            radii[i] = densities.radius(i);
        }
        java.util.Arrays.sort(radii);
        System.out.printf("3σ radius median %.4f, 90th %.4f, 99th %.4f%n", radii[radii.length / 2],
                radii[(int) (radii.length * 0.9)], radii[(int) (radii.length * 0.99)]);
    }

    private static long oldListing(GaussianDensities densities, float bound, int cells) {
        long entries = 0;
        float size = 2 * bound / cells;
        for (int i = 0; i < densities.count(); i++) {
            if (!densities.usable()[i]) {
                continue;
            }
            double reach = densities.radius(i) / 3 * 3.329;
            long count = 1;
            for (int k = 0; k < 3 && count > 0; k++) {
                long lo = (long) Math.floor((densities.mean(i, k) - reach + bound) / size);
                long hi = (long) Math.floor((densities.mean(i, k) + reach + bound) / size);
                count = hi < 0 || lo >= cells || hi - lo + 1 > 16 ? 0 : count * (Math.min(hi, cells - 1) - Math.max(lo, 0) + 1);
            }
            entries += count;
        }
        return entries;
    }

    private static double entriesPerRay(ReflectionGrid grid, GaussianDensities densities, int cells) {
        Random random = new Random(1);
        long crossed = 0;
        int rays = 0;
        while (rays < 20000) {
            int i = random.nextInt(densities.count());
            if (!densities.usable()[i]) {
                continue;
            }
            double[] d = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            double length = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
            int last = -1;
            for (double t = grid.cellSize() / 2; ; t += grid.cellSize() / 4) {  // dense steps stand in for the walk
                int[] c = new int[3];
                boolean inside = true;
                for (int k = 0; k < 3; k++) {
                    c[k] = (int) Math.floor((densities.mean(i, k) + t * d[k] / length - grid.originX()) / grid.cellSize());
                    inside &= c[k] >= 0 && c[k] < cells;
                }
                if (!inside) {
                    break;
                }
                int cell = (c[0] * cells + c[1]) * cells + c[2];
                if (cell != last) {
                    crossed += grid.cellStarts()[cell + 1] - grid.cellStarts()[cell];
                    last = cell;
                }
            }
            rays++;
        }
        return crossed / (double) rays;
    }
}
