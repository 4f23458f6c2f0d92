package dev.splatlight.core.light;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.testing.VulkanTest;
import java.util.Random;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** shade_gbuffer.comp against {@link ReferenceShading} on random G-buffers, environments and volumes. */
@VulkanTest
class GBufferShaderTest {
    private static final double TOLERANCE = 1e-3; // relative, float kernel against double reference
    private final long seed = System.nanoTime();

    @Test
    void materialOverridesReplaceTheGBuffersMaterial(Gpu gpu) {
        Random random = new Random(seed);
        int width = 10, height = 8, pixels = width * height;
        Camera camera = ShadingScenes.lookingAtOrigin(width, height, new Vector3f(0.3f, 0.2f, 3f));
        ShadingScenes.GBuffer g = ShadingScenes.randomGBuffer(random, width, height);
        CubeChain chain = CubeChain.downTo(16, 4);
        float[] level0 = new float[3 * chain.levelTexels(0)];
        for (int i = 0; i < level0.length; i++) {
            level0[i] = (float) Math.exp(random.nextGaussian());
        }
        GBufferShader.Overrides overrides = new GBufferShader.Overrides(new Vector3f(0.2f, 0.5f, 0.7f), 0.3f, 0.9f);
        try (EnvironmentBuilder builder = new EnvironmentBuilder(gpu, 16);
             EnvironmentLight environment = new EnvironmentLight(gpu, "random", chain);
             DfgTable dfg = new DfgTable(gpu, 32);
             GpuBuffer featureBuffer = GpuBuffer.withFloats(gpu, "features", g.features());
             GpuBuffer depthBuffer = GpuBuffer.withFloats(gpu, "depth", g.depth());
             GpuBuffer opacityBuffer = GpuBuffer.withFloats(gpu, "opacity", g.opacity());
             GBufferShader shader = new GBufferShader(gpu);
             ShadedImage out = new ShadedImage(gpu, width, height)) {
            environment.radiance().uploadFloats(level0);
            gpu.submitAndWait(commands -> builder.recordMips(commands, environment));
            gpu.submitAndWait(commands -> shader.record(commands, camera, featureBuffer, depthBuffer, opacityBuffer,
                    new GBufferShader.Light(environment, dfg, null, null), overrides, out));
            float[] color = out.color.readFloats(3 * pixels);
            float[] prefiltered = environment.prefiltered().readFloats(3 * chain.texels());
            float[] irradiance = environment.irradiance().readFloats(3 * chain.levelTexels(chain.levels() - 1));
            float[] table = dfg.buffer().readFloats(2 * SplitSum.DFG_SIZE * SplitSum.DFG_SIZE);
            for (int p = 0; p < pixels; p++) {
                if (g.opacity()[p] <= 1e-4f) {
                    continue;
                }
                ReferenceShading.Surface s = ShadingScenes.surface(g, p, camera);
                ReferenceShading.Surface replaced = new ReferenceShading.Surface(s.position(), s.normal(), s.view(),
                        new double[] {0.2f, 0.5f, 0.7f}, 0.3f, 0.9f);
                double[] expected = ReferenceShading.shade(replaced, prefiltered, irradiance, chain, table, null, null).color();
                for (int c = 0; c < 3; c++) {
                    assertEquals(expected[c], color[c * pixels + p], TOLERANCE * Math.max(1, expected[c]), "pixel " + p + ", seed " + seed);
                }
            }
        }
    }

    @ParameterizedTest(name = "specular occlusion {0}")
    @ValueSource(booleans = {false, true})
    void shadedPixelsMatchTheReference(boolean specularOcclusion, Gpu gpu) {
        Random random = new Random(seed);
        Vector3f indirectScale = specularOcclusion
                ? new Vector3f(0.5f + random.nextFloat(), 0.5f + random.nextFloat(), 0.5f + random.nextFloat()) : new Vector3f(1);
        int width = 24, height = 20, pixels = width * height;
        Camera camera = ShadingScenes.lookingAtOrigin(width, height, new Vector3f(0.5f, -0.4f, 3f));
        ShadingScenes.GBuffer g = ShadingScenes.randomGBuffer(random, width, height);
        float[] features = g.features(), depth = g.depth(), opacity = g.opacity();
        CubeChain chain = CubeChain.downTo(16, 4);
        float[] level0 = new float[3 * chain.levelTexels(0)];
        for (int i = 0; i < level0.length; i++) {
            level0[i] = (float) Math.exp(random.nextGaussian());
        }
        OcclusionVolume occlusion = ShadingScenes.randomOcclusion(random, 6, 4f);
        IrradianceVolume indirect = ShadingScenes.randomIrradiance(random, 5, 4f);
        try (EnvironmentBuilder builder = new EnvironmentBuilder(gpu, 16);
             EnvironmentLight environment = new EnvironmentLight(gpu, "random", chain);
             DfgTable dfg = new DfgTable(gpu, 32);
             OcclusionBuffers occlusionBuffers = new OcclusionBuffers(gpu, occlusion);
             GpuBuffer indirectBuffer = GpuBuffer.withFloats(gpu, "irradiance volume", indirect.coefficients());
             GpuBuffer featureBuffer = GpuBuffer.withFloats(gpu, "features", features);
             GpuBuffer depthBuffer = GpuBuffer.withFloats(gpu, "depth", depth);
             GpuBuffer opacityBuffer = GpuBuffer.withFloats(gpu, "opacity", opacity);
             GBufferShader shader = new GBufferShader(gpu);
             ShadedImage out = new ShadedImage(gpu, width, height)) {
            environment.radiance().uploadFloats(level0);
            gpu.submitAndWait(commands -> builder.recordMips(commands, environment));
            GBufferShader.Light light = new GBufferShader.Light(environment, dfg, occlusionBuffers,
                    new GBufferShader.IndirectLight(indirectBuffer, indirect.resolution(), indirect.bound(), indirectScale),
                    specularOcclusion);
            gpu.submitAndWait(commands -> shader.record(commands, camera, featureBuffer, depthBuffer, opacityBuffer, light, out));
            float[] color = out.color.readFloats(3 * pixels), visibility = out.occlusion.readFloats(pixels),
                    indirectTerm = out.indirect.readFloats(pixels), specularVisibility = out.specularOcclusion.readFloats(pixels),
                    specularIndirect = out.specularIndirect.readFloats(pixels);
            int occludedLobes = 0;
            float[] prefiltered = environment.prefiltered().readFloats(3 * chain.texels());
            float[] irradiance = environment.irradiance().readFloats(3 * chain.levelTexels(chain.levels() - 1));
            float[] table = dfg.buffer().readFloats(2 * SplitSum.DFG_SIZE * SplitSum.DFG_SIZE);
            for (int p = 0; p < pixels; p++) {
                String where = "pixel " + p + ", seed " + seed;
                if (opacity[p] <= 1e-4f) {
                    assertEquals(0, color[p], 0, where);
                    assertEquals(1, visibility[p], 0, where);
                    continue;
                }
                ReferenceShading.Surface surface = ShadingScenes.surface(g, p, camera);
                ReferenceShading.Shaded expected = ReferenceShading.shade(surface, prefiltered, irradiance, chain, table,
                        occlusion, indirect, specularOcclusion, new double[] {indirectScale.x, indirectScale.y, indirectScale.z});
                occludedLobes += expected.specularVisibility() < 0.99 ? 1 : 0;
                assertEquals(expected.specularVisibility(), specularVisibility[p], TOLERANCE, "specular occlusion at " + where);
                assertEquals(expected.specularIndirect(), specularIndirect[p],
                        TOLERANCE * Math.max(1, Math.abs(expected.specularIndirect())), "specular indirect at " + where);
                assertEquals(expected.visibility(), visibility[p], TOLERANCE, "occlusion at " + where);
                assertEquals(expected.indirect(), indirectTerm[p], TOLERANCE * Math.max(1, Math.abs(expected.indirect())),
                        "indirect at " + where);
                for (int c = 0; c < 3; c++) {
                    assertEquals(expected.color()[c], color[c * pixels + p], TOLERANCE * Math.max(1, expected.color()[c]),
                            "channel " + c + " at " + where);
                }
            }
            assertEquals(specularOcclusion, occludedLobes > 10, occludedLobes + " occluded specular lobes, seed " + seed);
        }
    }
}
