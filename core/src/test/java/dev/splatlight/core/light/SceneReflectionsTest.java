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

    @Test
    void tracedPixelsMatchTheReferenceAndTheirHitsAreShaded(Gpu gpu) {
        Random random = new Random(seed);
        int width = 24, height = 20, pixels = width * height, count = 400;
        Camera camera = ShadingScenes.lookingAtOrigin(width, height, new Vector3f(0.5f, -0.4f, 3f));
        ShadingScenes.GBuffer g = ShadingScenes.randomGBuffer(random, width, height);
        GaussianCloud cloud = ShadingScenes.randomCloud(random, count);
        float[] materials = ShadingScenes.randomMaterials(random, count);
        CubeChain chain = CubeChain.downTo(16, 4);
        float[] level0 = new float[3 * chain.levelTexels(0)];
        for (int i = 0; i < level0.length; i++) {
            level0[i] = (float) Math.exp(random.nextGaussian());
        }
        OcclusionVolume occlusion = ShadingScenes.randomOcclusion(random, 6, 4f);
        try (EnvironmentBuilder builder = new EnvironmentBuilder(gpu, 16);
             EnvironmentLight environment = new EnvironmentLight(gpu, "random", chain);
             DfgTable dfg = new DfgTable(gpu, 32);
             OcclusionBuffers occlusionBuffers = new OcclusionBuffers(gpu, occlusion);
             GpuBuffer materialBuffer = GpuBuffer.withFloats(gpu, "materials", materials);
             SceneReflections reflections = new SceneReflections(gpu, cloud, materialBuffer, BOUND, CELLS);
             GpuBuffer featureBuffer = GpuBuffer.withFloats(gpu, "features", g.features());
             GpuBuffer depthBuffer = GpuBuffer.withFloats(gpu, "depth", g.depth());
             GpuBuffer opacityBuffer = GpuBuffer.withFloats(gpu, "opacity", g.opacity());
             GBufferShader shader = new GBufferShader(gpu);
             ShadedImage out = new ShadedImage(gpu, width, height)) {
            assertEquals(0, reflections.grid().leftOut(), "every Gaussian is smaller than a cell");
            environment.radiance().uploadFloats(level0);
            gpu.submitAndWait(commands -> builder.recordMips(commands, environment));
            GBufferShader.Light light = new GBufferShader.Light(environment, dfg, occlusionBuffers, null).withReflections(reflections);
            gpu.submitAndWait(commands -> shader.record(commands, camera, featureBuffer, depthBuffer, opacityBuffer, light, out));
            float[] hits = out.reflectionHits().readFloats(SceneReflections.HIT_CHANNELS * pixels);
            float[] color = out.color.readFloats(3 * pixels);
            float[] prefiltered = environment.prefiltered().readFloats(3 * chain.texels());
            float[] irradiance = environment.irradiance().readFloats(3 * chain.levelTexels(chain.levels() - 1));
            float[] table = dfg.buffer().readFloats(2 * SplitSum.DFG_SIZE * SplitSum.DFG_SIZE);
            GaussianDensities densities = GaussianDensities.of(cloud);
            double size = 2.0 * BOUND / CELLS;
            int hitPixels = 0, mixedPixels = 0;
            for (int p = 0; p < pixels; p++) {
                String where = "pixel " + p + ", seed " + seed;
                if (g.opacity()[p] <= 1e-4f) {
                    assertEquals(0, hits[8 * pixels + p], 0, "uncovered " + where);
                    continue;
                }
                ReferenceShading.Surface s = ShadingScenes.surface(g, p, camera);
                double[] expected = ReferenceReflectionTrace.trace(s, densities, materials, CELLS, -BOUND, size,
                        SceneReflections.NEAR_CELLS * size);
                double[] traced = new double[SceneReflections.HIT_CHANNELS];
                for (int k = 0; k < traced.length; k++) {
                    traced[k] = hits[k * pixels + p];
                    assertEquals(expected[k], traced[k], TOLERANCE * Math.max(1, Math.abs(expected[k])), "hit channel " + k + " at " + where);
                }
                hitPixels += expected[8] > 0.05 ? 1 : 0;
                mixedPixels += expected[8] > 0.05 && s.roughness() < 0.25 ? 1 : 0;
                double[] shaded = ReferenceShading.shadeWithReflection(s, prefiltered, irradiance, chain, table, occlusion, null, traced);
                for (int c = 0; c < 3; c++) {
                    assertEquals(shaded[c], color[c * pixels + p], TOLERANCE * Math.max(1, shaded[c]), "channel " + c + " at " + where);
                }
            }
            assertTrue(hitPixels > 40 && mixedPixels > 10, hitPixels + " pixels hit something, " + mixedPixels
                    + " of them fully glossy, seed " + seed);
        }
    }

    /**
     * The viewer's material preview traces as it shades: a roughness override decides which pixels are traced, and an
     * albedo override is the reflected scene's too.
     */
    @Test
    void aRoughnessOverrideDecidesWhatIsTraced(Gpu gpu) {
        Random random = new Random(seed);
        int width = 20, height = 16, pixels = width * height, count = 400;
        Camera camera = ShadingScenes.lookingAtOrigin(width, height, new Vector3f(0.5f, -0.4f, 3f));
        ShadingScenes.GBuffer g = ShadingScenes.randomGBuffer(random, width, height);
        GaussianCloud cloud = ShadingScenes.randomCloud(random, count);
        float[] materials = ShadingScenes.randomMaterials(random, count);
        CubeChain chain = CubeChain.downTo(16, 4);
        try (EnvironmentBuilder builder = new EnvironmentBuilder(gpu, 16);
             EnvironmentLight environment = new EnvironmentLight(gpu, "random", chain);
             DfgTable dfg = new DfgTable(gpu, 32);
             GpuBuffer materialBuffer = GpuBuffer.withFloats(gpu, "materials", materials);
             SceneReflections reflections = new SceneReflections(gpu, cloud, materialBuffer, BOUND, CELLS);
             GpuBuffer featureBuffer = GpuBuffer.withFloats(gpu, "features", g.features());
             GpuBuffer depthBuffer = GpuBuffer.withFloats(gpu, "depth", g.depth());
             GpuBuffer opacityBuffer = GpuBuffer.withFloats(gpu, "opacity", g.opacity());
             GBufferShader shader = new GBufferShader(gpu);
             ShadedImage out = new ShadedImage(gpu, width, height)) {
            float[] level0 = new float[3 * chain.levelTexels(0)];
            for (int i = 0; i < level0.length; i++) {
                level0[i] = (float) Math.exp(random.nextGaussian());
            }
            environment.radiance().uploadFloats(level0);
            gpu.submitAndWait(commands -> builder.recordMips(commands, environment));
            GBufferShader.Light light = new GBufferShader.Light(environment, dfg, null, null).withReflections(reflections);
            gpu.submitAndWait(commands -> shader.record(commands, camera, featureBuffer, depthBuffer, opacityBuffer, light,
                    new GBufferShader.Overrides(new Vector3f(0.2f, 0.5f, 0.7f), 0.1f, null), out));
            float[] hits = out.reflectionHits().readFloats(SceneReflections.HIT_CHANNELS * pixels);
            float[] color = out.color.readFloats(3 * pixels);
            float[] prefiltered = environment.prefiltered().readFloats(3 * chain.texels());
            float[] irradiance = environment.irradiance().readFloats(3 * chain.levelTexels(chain.levels() - 1));
            float[] table = dfg.buffer().readFloats(2 * SplitSum.DFG_SIZE * SplitSum.DFG_SIZE);
            double[] albedo = {0.2f, 0.5f, 0.7f};
            GaussianDensities densities = GaussianDensities.of(cloud);
            double size = 2.0 * BOUND / CELLS;
            int roughButTraced = 0;
            for (int p = 0; p < pixels; p++) {
                if (g.opacity()[p] <= 1e-4f) {
                    continue;
                }
                ReferenceShading.Surface s = ShadingScenes.surface(g, p, camera);
                ReferenceShading.Surface previewed = new ReferenceShading.Surface(s.position(), s.normal(), s.view(), albedo,
                        0.1, s.metallic());
                double[] expected = ReferenceReflectionTrace.trace(previewed, densities, materials, CELLS, -BOUND, size,
                        SceneReflections.NEAR_CELLS * size);
                assertEquals(expected[8], hits[8 * pixels + p], TOLERANCE, "coverage at pixel " + p + ", seed " + seed);
                roughButTraced += s.roughness() >= 0.5 && expected[8] > 0.05 ? 1 : 0;
                for (int c = 0; c < 3; c++) { // the hit seen with the preview's albedo and roughness
                    expected[3 + c] = albedo[c] * expected[8];
                }
                expected[6] = 0.1 * expected[8];
                double[] shaded = ReferenceShading.shadeWithReflection(previewed, prefiltered, irradiance, chain, table, null, null,
                        expected);
                for (int c = 0; c < 3; c++) {
                    assertEquals(shaded[c], color[c * pixels + p], TOLERANCE * Math.max(1, shaded[c]), "channel " + c + " at pixel " + p);
                }
            }
            assertTrue(roughButTraced > 10, roughButTraced + " pixels rough in the G-buffer traced under the preview, seed " + seed);
        }
    }
}
