package dev.splatlight.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuImage;
import dev.splatlight.core.mesh.MeshMaterial;
import dev.splatlight.core.mesh.MeshPlacement;
import dev.splatlight.core.mesh.MeshTexture;
import dev.splatlight.core.mesh.PlacedMesh;
import dev.splatlight.core.mesh.ResidentMesh;
import dev.splatlight.core.mesh.TriangleMesh;
import dev.splatlight.core.splat.GaussianBuffers;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.splat.RasterSettings;
import dev.splatlight.core.splat.RasterTargets;
import dev.splatlight.core.splat.ReferenceRasterizer;
import dev.splatlight.core.splat.SplatRasterizer;
import dev.splatlight.core.splat.SplatScenes;
import dev.splatlight.core.testing.MeshFiles;
import dev.splatlight.core.testing.VulkanTest;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Random;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

@VulkanTest
class MeshGBufferPassTest {
    /** Pixel centres within rounding of a triangle edge may be covered on one side and not the other. */
    private static final double MAX_EDGE_PIXEL_FRACTION = 0.01;
    private static final double MAX_THRESHOLD_FLIP_FRACTION = 0.002;
    private static final float TOLERANCE = 2e-3f;
    private static final float NEAR = 0.2f;

    private final long seed = System.nanoTime();

    /** The test box as a mesh with one material (tangents: any perpendicular; nothing here is normal-mapped). */
    static TriangleMesh boxMesh(MeshFiles.Box box, MeshMaterial material) {
        return boxMesh(box, material, null);
    }

    static TriangleMesh boxMesh(MeshFiles.Box box, MeshMaterial material, float[] colors) {
        float[] in = box.vertices();
        int count = in.length / 8;
        float[] v = new float[count * TriangleMesh.FLOATS_PER_VERTEX];
        for (int i = 0; i < count; i++) {
            int o = i * TriangleMesh.FLOATS_PER_VERTEX;
            System.arraycopy(in, 8 * i, v, o, 8);
            Vector3f n = new Vector3f(in[8 * i + 3], in[8 * i + 4], in[8 * i + 5]);
            Vector3f t = new Vector3f(Math.abs(n.x) < 0.9f ? 1 : 0, Math.abs(n.x) < 0.9f ? 0 : 1, 0).cross(n).normalize();
            v[o + 8] = t.x;
            v[o + 9] = t.y;
            v[o + 10] = t.z;
            v[o + 11] = 1;
        }
        return new TriangleMesh("box", v, colors, box.indices(), List.of(new TriangleMesh.Part(0, box.indices().length, 0)),
                List.of(material), List.of());
    }

    private static MeshPlacement randomPlacement(Random random) {
        return new MeshPlacement(new Vector3f(random.nextFloat() - 0.5f, random.nextFloat() - 0.5f, random.nextFloat() - 0.5f).mul(0.6f),
                new Vector3f(random.nextFloat(), random.nextFloat(), random.nextFloat()).mul(360), 0.6f + 0.4f * random.nextFloat());
    }

    private static MeshMaterial randomMaterial(Random random) {
        return new MeshMaterial("random", new float[] {random.nextFloat(), random.nextFloat(), random.nextFloat(), 1},
                random.nextFloat(), random.nextFloat(), null, null, null);
    }

    private static float[] read(GpuImage image, int floats) {
        FloatBuffer values = image.download(floats * 4L).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] out = new float[floats];
        values.get(out);
        return out;
    }

    @Test
    void meshSurfacesMatchTheRayCastReference(Gpu gpu) {
        Random random = new Random(seed);
        float[] vertexColors = new float[4 * 24];
        for (int i = 0; i < vertexColors.length; i++) {
            vertexColors[i] = random.nextFloat();
        }
        TriangleMesh mesh = boxMesh(MeshFiles.Box.of(0, 0, 0, 0.5f), randomMaterial(random), vertexColors);
        MeshPlacement placement = randomPlacement(random);
        Camera camera = SplatScenes.orbitCamera(80, 60, 4f, random.nextFloat() * 6.28f, 0.4f);
        try (MeshGBufferPass pass = new MeshGBufferPass(gpu); ResidentMesh resident = new ResidentMesh(gpu, mesh)) {
            List<PlacedMesh> placed = List.of(new PlacedMesh(resident, placement.worldFromMesh()));
            gpu.submitAndWait(commands -> pass.recordDraw(commands, camera, NEAR, placed));
            int pixels = camera.width() * camera.height();
            float[] depth = read(pass.depthFor(camera.width(), camera.height()), pixels);
            float[] normalMetallic = read(pass.normalMetallic(), 4 * pixels);
            float[] albedoRoughness = read(pass.albedoRoughness(), 4 * pixels);
            ReferenceMeshGBuffer.Surfaces expected = ReferenceMeshGBuffer.draw(mesh, placement.worldFromMesh(), camera, NEAR);
            int covered = 0, coverageDiffers = 0;
            for (int p = 0; p < pixels; p++) {
                boolean gpuHit = depth[p] < MeshGBufferPass.NO_MESH_DEPTH, referenceHit = expected.depth()[p] < MeshGBufferPass.NO_MESH_DEPTH;
                if (gpuHit != referenceHit) {
                    coverageDiffers++;
                    continue;
                }
                if (!gpuHit) {
                    continue;
                }
                covered++;
                String at = "pixel " + p + ", seed " + seed;
                assertEquals(expected.depth()[p], depth[p], 1e-3f * expected.depth()[p], "depth at " + at);
                Vector3f n = new Vector3f(normalMetallic[4 * p], normalMetallic[4 * p + 1], normalMetallic[4 * p + 2]);
                Vector3f e = new Vector3f(expected.normalMetallic()[4 * p], expected.normalMetallic()[4 * p + 1], expected.normalMetallic()[4 * p + 2]);
                // near a cube edge the rasterizer may pick the other face's triangle; both are correct surfaces there
                if (n.dot(e) < 0.999f) {
                    coverageDiffers++;
                    continue;
                }
                for (int c = 0; c < 4; c++) {
                    // the vertex colours vary across a face, and the rasterizer snaps vertices to 1/256 pixel (lavapipe),
                    // so its interpolation may sit a fraction of a pixel's change away from the ray cast's
                    float change = 0;
                    for (int q : new int[] {p - 1, p + 1, p - camera.width(), p + camera.width()}) {
                        if (q >= 0 && q < pixels && expected.depth()[q] < MeshGBufferPass.NO_MESH_DEPTH) {
                            change = Math.max(change, Math.abs(expected.albedoRoughness()[4 * q + c] - expected.albedoRoughness()[4 * p + c]));
                        }
                    }
                    assertEquals(expected.albedoRoughness()[4 * p + c], albedoRoughness[4 * p + c], 1e-4f + change / 64,
                            "albedo/roughness at " + at);
                }
                assertEquals(expected.normalMetallic()[4 * p + 3], normalMetallic[4 * p + 3], 1e-5f, "metallic at " + at);
            }
            // a box of half-size 0.3–0.5 at distance about 4 covers from about 6 % of this image (small, seen face-on) up
            assertTrue(covered > pixels / 25, "the box covers only " + covered + " pixels, seed " + seed);
            assertTrue(coverageDiffers <= MAX_EDGE_PIXEL_FRACTION * pixels,
                    coverageDiffers + " pixels differ in what covers them, seed " + seed);
        }
    }

    /**
     * glTF alpha MASK: a box whose texture is transparent on its left half is cut out there, and what stands behind it
     * shows through. Fully transparent, it leaves exactly the picture of what is behind; fully opaque, it is an opaque
     * box. (Cut-out fragments must not write depth, which is why the masked pipeline has no early fragment tests;
     * lavapipe tests depth after a discarding shader either way, so this test cannot catch that mistake there.)
     */
    @Test
    void alphaMaskedSurfacesAreCutOutAndShowWhatIsBehind(Gpu gpu) {
        Camera camera = SplatScenes.orbitCamera(80, 60, 4f, 0.3f, 0.4f);
        Vector3f towardsCamera = camera.position().normalize();
        TriangleMesh back = boxMesh(MeshFiles.Box.of(0, 0, 0, 0.6f), MeshMaterial.clay("back"));
        MeshMaterial blank = MeshMaterial.clay("front");
        TriangleMesh opaqueFront = boxMesh(MeshFiles.Box.of(0, 0, 0, 0.3f), blank);
        int pixels = camera.width() * camera.height();
        float[] behindOnly = drawDepth(gpu, camera, List.of(back), List.of(new Vector3f()));
        float[] opaque = drawDepth(gpu, camera, List.of(back, opaqueFront), List.of(new Vector3f(), new Vector3f(towardsCamera)));
        float[] transparent = drawDepth(gpu, camera, List.of(back, masked(opaqueFront, alphaTexture(0, 0))),
                List.of(new Vector3f(), new Vector3f(towardsCamera)));
        float[] solid = drawDepth(gpu, camera, List.of(back, masked(opaqueFront, alphaTexture(255, 255))),
                List.of(new Vector3f(), new Vector3f(towardsCamera)));
        float[] half = drawDepth(gpu, camera, List.of(back, masked(opaqueFront, alphaTexture(0, 255))),
                List.of(new Vector3f(), new Vector3f(towardsCamera)));
        int frontPixels = 0, halfFront = 0;
        for (int p = 0; p < pixels; p++) {
            assertEquals(behindOnly[p], transparent[p], 0f, "a transparent box leaves what is behind it, pixel " + p);
            assertEquals(opaque[p], solid[p], 0f, "an opaque-alpha box is an opaque box, pixel " + p);
            boolean front = opaque[p] < behindOnly[p] - 1e-4f;
            frontPixels += front ? 1 : 0;
            halfFront += front && half[p] < behindOnly[p] - 1e-4f ? 1 : 0;
        }
        assertTrue(frontPixels > pixels / 20, "the front box shows: " + frontPixels);
        assertTrue(halfFront > 0.2 * frontPixels && halfFront < 0.8 * frontPixels,
                "half of each face cut out: " + halfFront + " of " + frontPixels + " front pixels remain");
    }

    /** A 16×16 texture: alpha {@code left} where u < 0.5, {@code right} elsewhere; white. */
    private static MeshTexture alphaTexture(int left, int right) {
        byte[] rgba = new byte[4 * 16 * 16];
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                int o = 4 * (16 * y + x);
                rgba[o] = rgba[o + 1] = rgba[o + 2] = (byte) 255;
                rgba[o + 3] = (byte) (x < 8 ? left : right);
            }
        }
        return new MeshTexture("alpha", 16, 16, rgba);
    }

    private static TriangleMesh masked(TriangleMesh mesh, MeshTexture texture) {
        MeshMaterial m = mesh.materials().get(0);
        return new TriangleMesh(mesh.name(), mesh.vertices(), mesh.colors(), mesh.indices(), mesh.parts(),
                List.of(new MeshMaterial(m.name(), m.baseColor(), m.metallic(), m.roughness(), texture, null, null, 0.5f)),
                List.of());
    }

    private static float[] drawDepth(Gpu gpu, Camera camera, List<TriangleMesh> meshes, List<Vector3f> offsets) {
        try (MeshGBufferPass pass = new MeshGBufferPass(gpu)) {
            List<ResidentMesh> resident = new java.util.ArrayList<>();
            try {
                List<PlacedMesh> placed = new java.util.ArrayList<>();
                for (int i = 0; i < meshes.size(); i++) {
                    ResidentMesh r = new ResidentMesh(gpu, meshes.get(i));
                    resident.add(r);
                    placed.add(new PlacedMesh(r, new org.joml.Matrix4f().translation(offsets.get(i))));
                }
                gpu.submitAndWait(commands -> pass.recordDraw(commands, camera, NEAR, placed));
                return read(pass.depthFor(camera.width(), camera.height()), camera.width() * camera.height());
            } finally {
                for (ResidentMesh r : resident) {
                    r.close();
                }
            }
        }
    }

    @Test
    void splatsAndMeshesHideEachOtherByDepth(Gpu gpu) {
        Random random = new Random(seed);
        GaussianCloud cloud = SplatScenes.randomCloud(900, random);
        float[] features = new float[8 * cloud.count()];
        for (int i = 0; i < features.length; i++) {
            features[i] = random.nextFloat();
        }
        TriangleMesh mesh = boxMesh(MeshFiles.Box.of(0, 0, 0, 0.5f), randomMaterial(random));
        MeshPlacement placement = new MeshPlacement(new Vector3f(), new Vector3f(random.nextFloat() * 90, 0, random.nextFloat() * 90), 1);
        Camera camera = SplatScenes.orbitCamera(72, 56, 4f, random.nextFloat() * 6.28f, 0.3f);
        Vector3f background = new Vector3f(0.2f, 0.4f, 0.6f);
        RasterSettings settings = RasterSettings.of(2, background);
        try (GaussianBuffers splats = GaussianBuffers.upload(gpu, cloud, features);
             SplatRasterizer rasterizer = new SplatRasterizer(gpu, 8);
             MeshGBufferPass pass = new MeshGBufferPass(gpu); ResidentMesh resident = new ResidentMesh(gpu, mesh)) {
            List<PlacedMesh> placed = List.of(new PlacedMesh(resident, placement.worldFromMesh()));
            RasterTargets targets = rasterizer.renderSizedOnGpu(splats, camera, settings,
                    new SplatRasterizer.Occluder(pass.depthFor(camera.width(), camera.height()),
                            commands -> pass.recordDraw(commands, camera, NEAR, placed)),
                    commands -> pass.recordMerge(commands, rasterizer.lastFrame().targets(), background));
            int pixels = camera.width() * camera.height();
            // the blend and merge against references fed the GPU's own mesh surfaces (their rasterization is tested above)
            ReferenceMeshGBuffer.Surfaces surfaces = new ReferenceMeshGBuffer.Surfaces(
                    read(pass.depthFor(camera.width(), camera.height()), pixels), read(pass.normalMetallic(), 4 * pixels),
                    read(pass.albedoRoughness(), 4 * pixels));
            ReferenceRasterizer.Image expected = ReferenceRasterizer.render(cloud, features, 8, camera, settings, surfaces.depth());
            ReferenceRasterizer.Image unoccluded = ReferenceRasterizer.render(cloud, features, 8, camera, settings);
            int splatsInFront = 0, splatsHidden = 0;
            for (int p = 0; p < pixels; p++) {
                if (surfaces.depth()[p] < MeshGBufferPass.NO_MESH_DEPTH) {
                    splatsInFront += expected.opacity()[p] > 0.5f ? 1 : 0;
                    splatsHidden += unoccluded.opacity()[p] - expected.opacity()[p] > 0.3f ? 1 : 0;
                }
            }
            assertTrue(splatsInFront > 20 && splatsHidden > 20, "the scene must test both orders: " + splatsInFront
                    + " pixels with splats before the box, " + splatsHidden + " with splats hidden by it, seed " + seed);
            ReferenceMeshGBuffer.merge(expected, surfaces, background, 8);
            assertImagesMatch("colour", expected.color(), targets.read(targets.color, 3));
            assertImagesMatch("opacity", expected.opacity(), targets.read(targets.opacity, 1));
            assertImagesMatch("depth", expected.depth(), targets.read(targets.depth, 1));
            assertImagesMatch("features", expected.features(), targets.read(targets.features, 8));
            assertImagesMatch("transmittance", expected.transmittance(), targets.read(targets.transmittance, 1));
        }
    }

    private void assertImagesMatch(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        int bad = 0;
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(expected[i] - actual[i]) <= TOLERANCE * Math.max(1, Math.abs(expected[i])))) {
                bad++;
            }
        }
        assertTrue(bad <= MAX_THRESHOLD_FLIP_FRACTION * expected.length + 1,
                what + ": " + bad + " of " + expected.length + " values differ by more than " + TOLERANCE + ", seed " + seed);
    }
}
