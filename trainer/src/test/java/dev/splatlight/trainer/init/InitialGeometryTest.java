package dev.splatlight.trainer.init;

import static org.junit.jupiter.api.Assertions.*;

import dev.splatlight.core.cli.BadInputException;
import dev.splatlight.core.light.Srgb;
import dev.splatlight.core.mesh.MeshImporter;
import dev.splatlight.core.mesh.TriangleMesh;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.testing.MeshFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.joml.Quaternionf;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitialGeometryTest {
    private final long seed = System.nanoTime();

    @TempDir
    Path folder;

    @Test
    void surfaceSamplesLieOnTheSurfaceWithItsNormalAndColour() throws IOException {
        Path file = MeshFiles.gltf(folder, "box", MeshFiles.Box.of(0.5f, 0, 0, 0.4f), new float[] {0.6f, 0.06f, 0.05f, 1}, 0.8f, 0, null, 0);
        SurfaceSamples samples = SurfaceSamples.of(MeshImporter.readTriangles(file), 2000, new Random(seed));
        int[] perFace = new int[6];
        for (int i = 0; i < samples.count(); i++) {
            Vector3f p = new Vector3f(samples.positions()[3 * i] - 0.5f, samples.positions()[3 * i + 1], samples.positions()[3 * i + 2]);
            Vector3f n = new Vector3f(samples.normals()[3 * i], samples.normals()[3 * i + 1], samples.normals()[3 * i + 2]);
            int axis = n.maxComponent();
            assertEquals(1f, Math.abs(n.get(axis)), 1e-4f, "an axis-aligned face normal, seed " + seed);
            assertEquals(0.4f * Math.signum(n.get(axis)), p.get(axis), 1e-4f, "on the face the normal points out of, seed " + seed);
            perFace[2 * axis + (n.get(axis) > 0 ? 1 : 0)]++;
            for (int c = 0; c < 3; c++) {
                float expected = (float) Srgb.encode(new float[] {0.6f, 0.06f, 0.05f}[c]);
                assertEquals(expected, samples.colors()[3 * i + c], 1e-5f, "sRGB of the base colour");
            }
        }
        for (int count : perFace) { // equal areas: each face ~1/6 of 2000 (binomial sd ≈ 17)
            assertTrue(Math.abs(count - 2000 / 6.0) < 100, java.util.Arrays.toString(perFace) + ", seed " + seed);
        }
    }

    @Test
    void samplesFollowAreaAcrossTwoBoxes() throws IOException {
        // a small box and one twice its side: four times the area, so four times the samples
        Path small = MeshFiles.plyTriangles(folder, "small", MeshFiles.Box.of(-2, 0, 0, 0.25f));
        Path large = MeshFiles.plyTriangles(folder, "large", MeshFiles.Box.of(2, 0, 0, 0.5f));
        TriangleMesh a = MeshImporter.readTriangles(small), b = MeshImporter.readTriangles(large);
        TriangleMesh both = merge(a, b);
        SurfaceSamples samples = SurfaceSamples.of(both, 5000, new Random(seed));
        int onLarge = 0;
        for (int i = 0; i < samples.count(); i++) {
            onLarge += samples.positions()[3 * i] > 0 ? 1 : 0;
        }
        assertEquals(0.8, onLarge / 5000.0, 0.03, "seed " + seed);
    }

    @Test
    void surfaceGaussiansLieFlatWithTheirZAxisOnTheNormal() {
        Random random = new Random(seed);
        int n = 64;
        float[] positions = new float[3 * n], normals = new float[3 * n], colors = new float[3 * n];
        for (int i = 0; i < n; i++) {
            Vector3f d = new Vector3f((float) random.nextGaussian(), (float) random.nextGaussian(), (float) random.nextGaussian()).normalize();
            if (i == 0) {
                d.set(0, 0, -1); // the antipode of +z, where the shortest arc is undefined
            }
            for (int c = 0; c < 3; c++) {
                normals[3 * i + c] = d.get(c);
                positions[3 * i + c] = 2 * d.get(c);
            }
        }
        GaussianCloud cloud = GaussianInitializer.fromSurface(new SurfaceSamples(positions, normals, colors));
        for (int i = 0; i < n; i++) {
            Quaternionf q = new Quaternionf(cloud.rotations[4 * i + 1], cloud.rotations[4 * i + 2], cloud.rotations[4 * i + 3],
                    cloud.rotations[4 * i]);
            Vector3f z = q.transform(new Vector3f(0, 0, 1));
            Vector3f expected = new Vector3f(normals[3 * i], normals[3 * i + 1], normals[3 * i + 2]);
            assertTrue(z.distance(expected) < 1e-4f, "Gaussian " + i + ": z → " + z + ", normal " + expected);
            assertEquals(Math.log(GaussianInitializer.SURFACE_FLATNESS), cloud.logScales[3 * i + 2] - cloud.logScales[3 * i], 1e-5);
            assertEquals(expected.x, cloud.normals[3 * i], 0);
        }
    }

    @Test
    void aPointCloudGivesOneGaussianPerPointInItsColour() throws IOException {
        float[] positions = {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1};
        int[] colors = {255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0};
        GaussianCloud cloud = InitialGeometry.read(MeshFiles.plyPoints(folder, "cloud", positions, colors), 1000, new Random(seed));
        assertEquals(5, cloud.count());
        for (int i = 0; i < 5; i++) {
            if (cloud.means[3 * i] == 1 && cloud.means[3 * i + 1] == 0) { // the green point
                assertEquals((1 - 0.5f) / GaussianInitializer.SH_C0, cloud.sh[48 * i + 1], 1e-3f);
                assertEquals((0 - 0.5f) / GaussianInitializer.SH_C0, cloud.sh[48 * i], 1e-3f);
            }
        }
    }

    @Test
    void aMeshGivesTheRequestedSamplesAndABadFileIsOneLine() throws IOException {
        Path file = MeshFiles.obj(folder, "box", MeshFiles.Box.of(0, 0, 0, 1), new float[] {1, 1, 1, 1}, 0.5f, 0, null, 0);
        assertEquals(777, InitialGeometry.read(file, 777, new Random(seed)).count());
        Path broken = Files.writeString(folder.resolve("broken.ply"), "ply\nformat ascii 1.0\nelement vertex 3\nend_header\n1 2\n");
        BadInputException e = assertThrows(BadInputException.class, () -> InitialGeometry.read(broken, 10, new Random(seed)));
        assertTrue(e.getMessage().contains("broken.ply") && !e.getMessage().contains("\n"), e.getMessage());
    }

    private static TriangleMesh merge(TriangleMesh a, TriangleMesh b) {
        float[] vertices = java.util.Arrays.copyOf(a.vertices(), a.vertices().length + b.vertices().length);
        System.arraycopy(b.vertices(), 0, vertices, a.vertices().length, b.vertices().length);
        int[] indices = java.util.Arrays.copyOf(a.indices(), a.indices().length + b.indices().length);
        for (int i = 0; i < b.indices().length; i++) {
            indices[a.indices().length + i] = b.indices()[i] + a.vertexCount();
        }
        return new TriangleMesh("both", vertices, null, indices,
                java.util.List.of(new TriangleMesh.Part(0, indices.length, 0)), a.materials(), java.util.List.of());
    }
}
