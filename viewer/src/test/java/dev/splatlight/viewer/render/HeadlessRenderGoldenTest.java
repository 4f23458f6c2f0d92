package dev.splatlight.viewer.render;

import dev.splatlight.core.asset.PngFiles;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.asset.RelightableAsset;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.light.EnvironmentCube;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.mesh.MeshImporter;
import dev.splatlight.core.mesh.MeshPlacement;
import dev.splatlight.core.testing.MeshFiles;
import dev.splatlight.core.testing.VulkanTest;
import dev.splatlight.viewer.camera.OrbitCamera;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.joml.Vector3f;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Headless renders of a synthetic asset (Gaussians on a sphere: a rough red dielectric half and a polished metal
 * half, under a sky with a sun) against committed golden images, 64×48, per view mode. A tolerance absorbs the
 * drivers' float differences; {@code -Dsplatlight.goldens=update} rewrites the goldens.
 */
@VulkanTest
public class HeadlessRenderGoldenTest {
    private static final int W = 64, H = 48;
    private static final double MEAN_TOLERANCE = 2.0, P99_TOLERANCE = 24; // in 8-bit steps
    private static final Path GOLDENS = Path.of("src/test/resources/golden");

    public static RelightableAsset syntheticAsset() {
        Random random = new Random(3);
        int n = 1500;
        GaussianCloud cloud = new GaussianCloud(n);
        float[] albedo = new float[3 * n], roughness = new float[n], metallic = new float[n];
        for (int i = 0; i < n; i++) {
            Vector3f d = new Vector3f((float) random.nextGaussian(), (float) random.nextGaussian(), (float) random.nextGaussian()).normalize();
            cloud.means[3 * i] = 0.5f * d.x;
            cloud.means[3 * i + 1] = 0.5f * d.y;
            cloud.means[3 * i + 2] = 0.5f * d.z;
            cloud.normals[3 * i] = d.x;
            cloud.normals[3 * i + 1] = d.y;
            cloud.normals[3 * i + 2] = d.z;
            cloud.logScales[3 * i] = cloud.logScales[3 * i + 1] = cloud.logScales[3 * i + 2] = (float) Math.log(0.05);
            cloud.rotations[4 * i] = 1;
            cloud.opacityLogits[i] = 3;
            boolean metal = d.y > 0;
            albedo[3 * i] = metal ? 0.95f : 0.7f;
            albedo[3 * i + 1] = metal ? 0.9f : 0.1f;
            albedo[3 * i + 2] = metal ? 0.8f : 0.08f;
            roughness[i] = metal ? 0.15f : 0.8f;
            metallic[i] = metal ? 1 : 0;
            cloud.sh[48 * i] = (albedo[3 * i] - 0.5f) / 0.2820948f; // a radiance colour for the radiance mode
            cloud.sh[48 * i + 1] = (albedo[3 * i + 1] - 0.5f) / 0.2820948f;
            cloud.sh[48 * i + 2] = (albedo[3 * i + 2] - 0.5f) / 0.2820948f;
        }
        int size = 32;
        float[] sky = new float[18 * size * size];
        for (int face = 0; face < 6; face++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int t = (face * size + y) * size + x;
                    float up = face == 4 ? 1 : face == 5 ? 0 : 1 - (y + 0.5f) / size; // +Z face bright, −Z dark
                    boolean sun = face == 0 && Math.abs(x - 10) <= 1 && Math.abs(y - 8) <= 1;
                    sky[3 * t] = sun ? 60 : 0.2f + 0.6f * up;
                    sky[3 * t + 1] = sun ? 55 : 0.25f + 0.7f * up;
                    sky[3 * t + 2] = sun ? 50 : 0.35f + 0.9f * up;
                }
            }
        }
        return new RelightableAsset(cloud, new RelightableAsset.Material(albedo, roughness, metallic), new EnvironmentCube(size, sky),
                null, null, false, true, false, false);
    }

    @ParameterizedTest
    @EnumSource(value = ViewMode.class, names = {"SHADED", "ALBEDO", "NORMAL", "ROUGHNESS", "RADIANCE"})
    void headlessRendersMatchTheirGoldens(ViewMode mode, Gpu gpu) throws Exception {
        DisplaySettings settings = new DisplaySettings(mode, 0, true, mode == ViewMode.SHADED ? null : new Vector3f(0.1f), 0);
        byte[] rgba;
        try (HeadlessRenderer renderer = new HeadlessRenderer(gpu, syntheticAsset(), null, 0)) {
            rgba = renderer.render(new OrbitCamera(new Vector3f(), 30, 20, 2.2f, 40), W, H, settings);
        }
        assertMatchesGolden(mode.name().toLowerCase(), rgba);
    }

    /**
     * Meshes beside the splats, read from glTF files: a green plastic cube half sunk into the sphere (each hides part
     * of the other) and a textured floor slab under both, shaded by the same light (docs/meshes.md).
     */
    @ParameterizedTest
    @EnumSource(value = ViewMode.class, names = {"SHADED", "ALBEDO", "NORMAL"})
    void meshesBesideSplatsMatchTheirGoldens(ViewMode mode, Gpu gpu, @TempDir Path folder) throws Exception {
        Path cube = MeshFiles.gltf(folder, "cube", MeshFiles.Box.of(0, 0, 0, 0.3f), new float[] {0.1f, 0.7f, 0.15f, 1},
                0.35f, 0, null, 0);
        Path floor = MeshFiles.gltf(folder, "floor", MeshFiles.Box.of(0, 0, 0, 1), new float[] {1, 1, 1, 1}, 0.9f, 0,
                MeshFiles.checker(16, new int[] {200, 200, 200}, new int[] {60, 60, 70}), 16);
        DisplaySettings settings = new DisplaySettings(mode, 0, true, mode == ViewMode.SHADED ? null : new Vector3f(0.1f), 0);
        byte[] rgba;
        try (HeadlessRenderer renderer = new HeadlessRenderer(gpu, syntheticAsset(), null, 0)) {
            renderer.addMesh(cube, MeshImporter.readTriangles(cube), new MeshPlacement(new Vector3f(0.35f, -0.35f, 0.05f),
                    new Vector3f(90, 0, 25), 1));
            // a cube of side 2.4 as the floor slab, its top face at z = −0.55
            renderer.addMesh(floor, MeshImporter.readTriangles(floor), new MeshPlacement(new Vector3f(0, 0, -0.55f - 1.2f),
                    new Vector3f(), 1.2f));
            rgba = renderer.render(new OrbitCamera(new Vector3f(0, 0, -0.1f), 30, 20, 2.6f, 40), W, H, settings);
        }
        assertMatchesGolden("mesh_" + mode.name().toLowerCase(), rgba);
    }

    private static void assertMatchesGolden(String name, byte[] rgba) throws java.io.IOException {
        Path golden = GOLDENS.resolve(name + ".png");
        if ("update".equals(System.getProperty("splatlight.goldens"))) {
            Files.createDirectories(GOLDENS);
            PngFiles.write(golden, rgba, W, H, 4);
            return;
        }
        assertTrue(Files.exists(golden), golden + " is missing: run with -Dsplatlight.goldens=update");
        byte[] expected = DecodedPng.read(golden).rgba();
        int[] differences = new int[W * H * 3];
        double sum = 0;
        for (int p = 0; p < W * H; p++) {
            for (int c = 0; c < 3; c++) {
                int d = Math.abs((rgba[4 * p + c] & 0xff) - (expected[4 * p + c] & 0xff));
                differences[3 * p + c] = d;
                sum += d;
            }
        }
        Arrays.sort(differences);
        double mean = sum / differences.length;
        int p99 = differences[(int) (0.99 * (differences.length - 1))];
        if (mean > MEAN_TOLERANCE || p99 > P99_TOLERANCE) {
            PngFiles.write(Path.of("target", "golden-failure-" + name + ".png"), rgba, W, H, 4);
        }
        assertTrue(mean <= MEAN_TOLERANCE && p99 <= P99_TOLERANCE, name + ": mean difference " + mean + ", 99th percentile "
                + p99 + " (the render is in target/golden-failure-*.png)");
    }

    @org.junit.jupiter.api.Test
    void theSurfaceUnderAPixelIsFoundFromTheBlendedDepth(Gpu gpu) {
        OrbitCamera orbit = new OrbitCamera(new Vector3f(), 30, 20, 2.2f, 40);
        try (HeadlessRenderer renderer = new HeadlessRenderer(gpu, syntheticAsset(), null, 0)) {
            renderer.render(orbit, W, H, DisplaySettings.DEFAULT);
            Vector3f centre = renderer.surfacePoint(orbit, W, H, W / 2, H / 2);
            assertTrue(centre != null, "the sphere covers the centre pixel");
            // the sphere's near side towards the camera: radius 0.5, give or take the splats' size
            assertTrue(Math.abs(centre.length() - 0.5f) < 0.08f, "on the sphere: |p| = " + centre.length());
            assertTrue(centre.dot(orbit.eye()) > 0, "on the side facing the camera");
            assertTrue(renderer.surfacePoint(orbit, W, H, 0, 0) == null, "nothing in the corner");
        }
    }

    /** A 64×32 equirect sky, brighter towards the zenith, with a small sun on one side (turning it moves the light). */
    public static dev.splatlight.core.light.io.HdrImage sunnySky() {
        int w = 64, h = 32;
        float[] rgb = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean sun = Math.abs(x - 20) <= 1 && Math.abs(y - 6) <= 1;
                float sky = 1 - (y + 0.5f) / h;
                rgb[3 * (y * w + x)] = sun ? 40 : 0.1f + 0.5f * sky;
                rgb[3 * (y * w + x) + 1] = sun ? 36 : 0.15f + 0.6f * sky;
                rgb[3 * (y * w + x) + 2] = sun ? 30 : 0.2f + 0.9f * sky;
            }
        }
        return new dev.splatlight.core.light.io.HdrImage(w, h, rgb);
    }

    @org.junit.jupiter.api.Test
    void anHdriOneStopBrighterSeenOneStopDarkerLooksTheSame(Gpu gpu) {
        dev.splatlight.core.light.io.HdrImage hdri = sunnySky();
        OrbitCamera orbit = new OrbitCamera(new Vector3f(), 30, 20, 2.2f, 40);
        byte[] reference, brighter, compensated;
        try (HeadlessRenderer renderer = new HeadlessRenderer(gpu, syntheticAsset(), hdri, 30)) {
            reference = renderer.render(orbit, W, H, new DisplaySettings(ViewMode.SHADED, 0, true, null, 0));
            renderer.useHdri(hdri, 30, 1);
            brighter = renderer.render(orbit, W, H, new DisplaySettings(ViewMode.SHADED, 0, true, null, 0));
            compensated = renderer.render(orbit, W, H, new DisplaySettings(ViewMode.SHADED, -1, true, null, 0));
        }
        // shading (no indirect light in this asset) and background are linear in the light: exposure undoes intensity
        int worst = 0;
        long referenceSum = 0, brighterSum = 0;
        for (int i = 0; i < reference.length; i++) {
            worst = Math.max(worst, Math.abs((reference[i] & 0xff) - (compensated[i] & 0xff)));
            if (i % 4 != 3) { // colour, not alpha
                referenceSum += reference[i] & 0xff;
                brighterSum += brighter[i] & 0xff;
            }
        }
        assertTrue(worst <= 2, "largest difference " + worst + " in 8-bit steps");
        // twice the radiance through ACES and the sRGB curve: clearly brighter, far from twice the 8-bit values
        assertTrue(brighterSum > referenceSum * 1.15, "one stop brighter: " + brighterSum + " vs " + referenceSum);
    }

    @org.junit.jupiter.api.Test
    void hdriCubesAreAsSharpAsTheImageWithinMemory() {
        int[][] widthToFace = {{1024, 256}, {1000, 256}, {1100, 512}, {2048, 512}, {8192, 512}, {64, 64}, {4, 64}};
        for (int[] pair : widthToFace) {
            var image = new dev.splatlight.core.light.io.HdrImage(pair[0], 2, new float[3 * pair[0] * 2]);
            org.junit.jupiter.api.Assertions.assertEquals(pair[1], HeadlessRenderer.cubeSizeFor(image), "width " + pair[0]);
        }
    }
}
