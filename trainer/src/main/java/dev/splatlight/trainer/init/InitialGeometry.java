package dev.splatlight.trainer.init;

import dev.splatlight.core.cli.BadInputException;
import dev.splatlight.core.light.Srgb;
import dev.splatlight.core.mesh.MeshImporter;
import dev.splatlight.core.mesh.TriangleMesh;
import dev.splatlight.core.splat.GaussianCloud;
import java.nio.file.Path;
import java.util.Random;

/**
 * {@code train --init FILE}: the starting Gaussians from a mesh (area-weighted surface samples, flattened along the
 * surface and coloured by its material) or a point cloud (a file of vertices without faces: one Gaussian per point,
 * its vertex colour or grey). The file's coordinates are taken as the dataset's world coordinates.
 */
public final class InitialGeometry {
    /** Grey, as 3DGS starts points without colour. */
    private static final float NO_COLOUR = 0.5f;

    private InitialGeometry() {
    }

    /** @param samples how many surface samples a mesh gives (a point cloud gives its points) */
    public static GaussianCloud read(Path file, int samples, Random random) {
        TriangleMesh mesh = MeshImporter.read(file);
        mesh.warnings().forEach(w -> System.err.println("splatlight: --init " + file + ": " + w));
        if (mesh.triangleCount() > 0) {
            try {
                return GaussianInitializer.fromSurface(SurfaceSamples.of(mesh, samples, random));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--init " + file + ": " + e.getMessage());
            }
        }
        int points = mesh.vertexCount();
        if (points < 4) {
            throw new BadInputException("--init " + file + ": " + points + " points; a point cloud needs at least 4");
        }
        float[] positions = new float[3 * points], colors = new float[3 * points];
        for (int i = 0; i < points; i++) {
            System.arraycopy(mesh.vertices(), i * TriangleMesh.FLOATS_PER_VERTEX, positions, 3 * i, 3);
            for (int c = 0; c < 3; c++) {
                colors[3 * i + c] = mesh.colors() == null ? NO_COLOUR : (float) Srgb.encode(mesh.colors()[4 * i + c]); // as photos
            }
        }
        return GaussianInitializer.fromPoints(positions, colors);
    }
}
