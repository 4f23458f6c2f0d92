package dev.splatlight.core.light;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.splat.GaussianDensities;
import dev.splatlight.core.testing.VulkanTest;
import java.util.Random;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

/**
 * Traced reflections (light/trace_reflections.comp and their shading in shade_gbuffer.comp) against
 * {@link ReferenceReflectionTrace} and {@link ReferenceShading#shadeWithReflection} on random Gaussians, G-buffers
 * and lights.
 */
@VulkanTest
class SceneReflectionsTest {
    private static final double TOLERANCE = 1e-3; // float kernel against double reference
    private static final int CELLS = 8;
    private static final float BOUND = 1.2f;
    private final long seed = System.nanoTime();

    /** Random Gaussians with materials, a G-buffer seen by a camera, and a light of random radiance. */
    private record Scene(Camera camera, ShadingScenes.GBuffer g, GaussianCloud cloud, float[] materials, CubeChain chain,
                         float[] level0) {
        static Scene random(Random random, int width, int height, int gaussians) {
            Camera camera = ShadingScenes.lookingAtOrigin(width, height, new Vector3f(0.5f, -0.4f, 3f));
            ShadingScenes.GBuffer g = ShadingScenes.randomGBuffer(random, width, height);
            GaussianCloud cloud = ShadingScenes.randomCloud(random, gaussians);
            float[] materials = ShadingScenes.randomMaterials(random, gaussians);
            CubeChain chain = CubeChain.downTo(16, 4);
            float[] level0 = new float[3 * chain.levelTexels(0)];
            for (int i = 0; i < level0.length; i++) {
                level0[i] = (float) Math.exp(random.nextGaussian());
            }
            return new Scene(camera, g, cloud, materials, chain, level0);
        }

        /** The trace's expected sums at a surface, by the brute-force reference on this scene's grid. */
        double[] expectedHits(ReferenceShading.Surface s) {
            double size = 2.0 * BOUND / CELLS;
            return ReferenceReflectionTrace.trace(s, GaussianDensities.of(cloud), materials, CELLS, -BOUND, size,
                    GaussianRayGrid.NEAR_CELLS * size);
        }
    }

    /** What the GPU shading with traced reflections left, and the light's tables the reference shades with. */
    private record Traced(float[] hits, float[] color, float[] prefiltered, float[] irradiance, float[] dfg, int leftOut) {
    }

    /** Shades the scene's G-buffer with traced reflections on the GPU (with {@code occlusion}, or none when null). */
    private static Traced shade(Gpu gpu, Scene scene, OcclusionVolume occlusion, GBufferShader.Overrides overrides) {
        ShadingScenes.GBuffer g = scene.g();
        int pixels = g.pixels();
        CubeChain chain = scene.chain();
        try (EnvironmentBuilder builder = new EnvironmentBuilder(gpu, 16);
             EnvironmentLight environment = new EnvironmentLight(gpu, "random", chain);
             DfgTable dfg = new DfgTable(gpu, 32);
             OcclusionBuffers occlusionBuffers = occlusion == null ? null : new OcclusionBuffers(gpu, occlusion);
             GpuBuffer materialBuffer = GpuBuffer.withFloats(gpu, "materials", scene.materials());
             SceneReflections reflections = new SceneReflections(gpu, scene.cloud(), materialBuffer, BOUND, CELLS);
             GpuBuffer featureBuffer = GpuBuffer.withFloats(gpu, "features", g.features());
             GpuBuffer depthBuffer = GpuBuffer.withFloats(gpu, "depth", g.depth());
             GpuBuffer opacityBuffer = GpuBuffer.withFloats(gpu, "opacity", g.opacity());
             GBufferShader shader = new GBufferShader(gpu);
             ShadedImage out = new ShadedImage(gpu, g.width(), g.height())) {
            environment.radiance().uploadFloats(scene.level0());
            gpu.submitAndWait(commands -> builder.recordMips(commands, environment));
            GBufferShader.Light light = new GBufferShader.Light(environment, dfg, occlusionBuffers, null).withReflections(reflections);
            gpu.submitAndWait(commands -> shader.record(commands, scene.camera(), featureBuffer, depthBuffer, opacityBuffer, light,
                    overrides, out));
            return new Traced(out.reflectionHits().readFloats(SceneReflections.HIT_CHANNELS * pixels), out.color.readFloats(3 * pixels),
                    environment.prefiltered().readFloats(3 * chain.texels()),
                    environment.irradiance().readFloats(3 * chain.levelTexels(chain.levels() - 1)),
                    dfg.buffer().readFloats(2 * SplitSum.DFG_SIZE * SplitSum.DFG_SIZE), reflections.grid().leftOut());
        }
    }

    @Test
    void tracedPixelsMatchTheReferenceAndTheirHitsAreShaded(Gpu gpu) {
        Random random = new Random(seed);
        Scene scene = Scene.random(random, 24, 20, 400);
        OcclusionVolume occlusion = ShadingScenes.randomOcclusion(random, 6, 4f);
        Traced traced = shade(gpu, scene, occlusion, GBufferShader.Overrides.NONE);
        assertEquals(0, traced.leftOut(), "every Gaussian is smaller than a cell");
        ShadingScenes.GBuffer g = scene.g();
        int pixels = g.pixels();
        int hitPixels = 0, mixedPixels = 0;
        for (int p = 0; p < pixels; p++) {
            String where = "pixel " + p + ", seed " + seed;
            if (g.opacity()[p] <= 1e-4f) {
                assertEquals(0, traced.hits()[8 * pixels + p], 0, "uncovered " + where);
                continue;
            }
            ReferenceShading.Surface s = ShadingScenes.surface(g, p, scene.camera());
            double[] expected = scene.expectedHits(s);
            double[] hit = new double[SceneReflections.HIT_CHANNELS];
            for (int k = 0; k < hit.length; k++) {
                hit[k] = traced.hits()[k * pixels + p];
                assertEquals(expected[k], hit[k], TOLERANCE * Math.max(1, Math.abs(expected[k])), "hit channel " + k + " at " + where);
            }
            hitPixels += expected[8] > 0.05 ? 1 : 0;
            mixedPixels += expected[8] > 0.05 && s.roughness() < 0.25 ? 1 : 0;
            double[] shaded = ReferenceShading.shadeWithReflection(s, traced.prefiltered(), traced.irradiance(), scene.chain(),
                    traced.dfg(), occlusion, null, hit);
            for (int c = 0; c < 3; c++) {
                assertEquals(shaded[c], traced.color()[c * pixels + p], TOLERANCE * Math.max(1, shaded[c]), "channel " + c + " at " + where);
            }
        }
        assertTrue(hitPixels > 40 && mixedPixels > 10, hitPixels + " pixels hit something, " + mixedPixels
                + " of them fully glossy, seed " + seed);
    }

    /**
     * The viewer's material preview traces as it shades: a roughness override decides which pixels are traced, and an
     * albedo override is the reflected scene's too.
     */
    @Test
    void aRoughnessOverrideDecidesWhatIsTraced(Gpu gpu) {
        Random random = new Random(seed);
        Scene scene = Scene.random(random, 20, 16, 400);
        double[] albedo = {0.2f, 0.5f, 0.7f};
        Traced traced = shade(gpu, scene, null, new GBufferShader.Overrides(new Vector3f(0.2f, 0.5f, 0.7f), 0.1f, null));
        ShadingScenes.GBuffer g = scene.g();
        int pixels = g.pixels();
        int roughButTraced = 0;
        for (int p = 0; p < pixels; p++) {
            if (g.opacity()[p] <= 1e-4f) {
                continue;
            }
            ReferenceShading.Surface s = ShadingScenes.surface(g, p, scene.camera());
            ReferenceShading.Surface previewed = new ReferenceShading.Surface(s.position(), s.normal(), s.view(), albedo,
                    0.1, s.metallic());
            double[] expected = scene.expectedHits(previewed);
            assertEquals(expected[8], traced.hits()[8 * pixels + p], TOLERANCE, "coverage at pixel " + p + ", seed " + seed);
            roughButTraced += s.roughness() >= 0.5 && expected[8] > 0.05 ? 1 : 0;
            for (int c = 0; c < 3; c++) { // the hit seen with the preview's albedo and roughness
                expected[3 + c] = albedo[c] * expected[8];
            }
            expected[6] = 0.1 * expected[8];
            double[] shaded = ReferenceShading.shadeWithReflection(previewed, traced.prefiltered(), traced.irradiance(),
                    scene.chain(), traced.dfg(), null, null, expected);
            for (int c = 0; c < 3; c++) {
                assertEquals(shaded[c], traced.color()[c * pixels + p], TOLERANCE * Math.max(1, shaded[c]), "channel " + c + " at pixel " + p);
            }
        }
        assertTrue(roughButTraced > 10, roughButTraced + " pixels rough in the G-buffer traced under the preview, seed " + seed);
    }
}
