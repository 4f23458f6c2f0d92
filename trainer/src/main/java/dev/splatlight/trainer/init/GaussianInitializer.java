package dev.splatlight.trainer.init;

import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.trainer.model.GaussianState;
import java.util.Random;

/**
 * The starting Gaussians (3DGS): one per point, isotropic with the root of the mean squared distance to its three
 * nearest neighbours, identity rotation, opacity 0.1, the point's colour as the SH DC term, higher bands and
 * normals zero. Object scenes without points start from points drawn uniformly in a cube.
 */
public final class GaussianInitializer {
    public static final float SH_C0 = (float) GaussianCloud.SH_C0;
    private static final float INITIAL_OPACITY = 0.1f;

    private GaussianInitializer() {
    }

    /** {@code count} points uniform in [−halfSize, halfSize]³ with nearly grey colours (3DGS: random/255 SH). */
    public static GaussianCloud randomInCube(int count, float halfSize, Random random) {
        float[] positions = new float[3 * count], colors = new float[3 * count];
        for (int i = 0; i < 3 * count; i++) {
            positions[i] = (random.nextFloat() * 2 - 1) * halfSize;
            colors[i] = 0.5f + SH_C0 * random.nextFloat() / 255f;
        }
        return fromPoints(positions, colors);
    }

    /** How much thinner than wide a Gaussian sampled from a surface starts: flat along the surface's normal. */
    static final float SURFACE_FLATNESS = 0.3f;

    /**
     * Gaussians on a surface: as {@link #fromPoints}, then each flattened along the surface normal (its local z axis
     * turned onto the normal, that axis {@value #SURFACE_FLATNESS}× the others) and its normal set to the surface's.
     */
    public static GaussianCloud fromSurface(SurfaceSamples samples) {
        GaussianCloud cloud = fromPoints(samples.positions(), samples.colors());
        float flat = (float) Math.log(SURFACE_FLATNESS);
        for (int i = 0; i < cloud.count(); i++) {
            float nx = samples.normals()[3 * i], ny = samples.normals()[3 * i + 1], nz = samples.normals()[3 * i + 2];
            System.arraycopy(samples.normals(), 3 * i, cloud.normals, 3 * i, 3);
            // the shortest arc from +z to n: q = (1 + z·n, z × n), normalised; half a turn about x where n = −z
            float w = 1 + nz, x = -ny, y = nx;
            float length = (float) Math.sqrt(w * w + x * x + y * y);
            if (length < 1e-6f) {
                w = 0;
                x = 1;
                y = 0;
                length = 1;
            }
            cloud.rotations[4 * i] = w / length;
            cloud.rotations[4 * i + 1] = x / length;
            cloud.rotations[4 * i + 2] = y / length;
            cloud.rotations[4 * i + 3] = 0;
            cloud.logScales[3 * i + 2] += flat;
        }
        return cloud;
    }

    /** Gaussians at the given points ([P, 3]) with the given colours ([P, 3] in [0, 1]). */
    public static GaussianCloud fromPoints(float[] positions, float[] colors) {
        int n = positions.length / 3;
        GaussianCloud cloud = new GaussianCloud(n);
        System.arraycopy(positions, 0, cloud.means, 0, positions.length);
        float[] distance2 = NearestNeighbours.meanSquaredDistance(positions, 3);
        float logit = GaussianState.opacityLogit(INITIAL_OPACITY);
        for (int i = 0; i < n; i++) {
            float logScale = (float) Math.log(Math.sqrt(distance2[i]));
            for (int a = 0; a < 3; a++) {
                cloud.logScales[3 * i + a] = logScale;
                cloud.sh[48 * i + a] = (colors[3 * i + a] - 0.5f) / SH_C0;
            }
            cloud.rotations[4 * i] = 1;
            cloud.opacityLogits[i] = logit;
        }
        return cloud;
    }
}
