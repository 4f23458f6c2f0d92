package dev.splatlight.core.light;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.testing.VulkanTest;
import java.util.Random;
import org.joml.Matrix4f;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

/** shade_gbuffer.comp against {@link ReferenceShading} on random G-buffers, environments and volumes. */
@VulkanTest
class GBufferShaderTest {
    private static final double TOLERANCE = 1e-3; // relative, float kernel against double reference
    private final long seed = System.nanoTime();

    static Camera lookingAtOrigin(int width, int height, Vector3f eye) {
        Matrix4f openGl = new Matrix4f().lookAt(eye, new Vector3f(), new Vector3f(0, 0, 1));
        Matrix4f viewFromWorld = new Matrix4f().scaling(1, -1, -1).mul(openGl); // +y down, +z forward
        return new Camera(width, height, 30, 30, width / 2f, height / 2f, viewFromWorld);
    }

    @Test
    void shadedPixelsMatchTheReference(Gpu gpu) {
        Random random = new Random(seed);
        int width = 24, height = 20, pixels = width * height;
        Camera camera = lookingAtOrigin(width, height, new Vector3f(0.5f, -0.4f, 3f));
        float[] features = new float[8 * pixels], depth = new float[pixels], opacity = new float[pixels];
        for (int p = 0; p < pixels; p++) {
            opacity[p] = random.nextInt(6) == 0 ? 0 : 0.3f + 0.7f * random.nextFloat();
            depth[p] = 2.5f + random.nextFloat();
            for (int c = 0; c < 3; c++) {
                features[c * pixels + p] = (float) random.nextGaussian() * opacity[p];          // normal
                features[(3 + c) * pixels + p] = random.nextFloat() * opacity[p];               // albedo
            }
            features[6 * pixels + p] = random.nextFloat() * opacity[p];                          // roughness
            features[7 * pixels + p] = (random.nextBoolean() ? 0 : random.nextFloat()) * opacity[p]; // metallic
        }
        CubeChain chain = CubeChain.downTo(16, 4);
        float[] level0 = new float[3 * chain.levelTexels(0)];
        for (int i = 0; i < level0.length; i++) {
            level0[i] = (float) Math.exp(random.nextGaussian());
        }
        OcclusionVolume occlusion = randomOcclusion(random, 6, 4f);
        IrradianceVolume indirect = randomIrradiance(random, 5, 4f);
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
                    new GBufferShader.IndirectLight(indirectBuffer, indirect.resolution(), indirect.bound()));
            gpu.submitAndWait(commands -> shader.record(commands, camera, featureBuffer, depthBuffer, opacityBuffer, light, out));
            float[] color = out.color.readFloats(3 * pixels), visibility = out.occlusion.readFloats(pixels),
                    indirectTerm = out.indirect.readFloats(pixels);
            float[] prefiltered = environment.prefiltered().readFloats(3 * chain.texels());
            float[] irradiance = environment.irradiance().readFloats(3 * chain.levelTexels(chain.levels() - 1));
            float[] table = dfg.buffer().readFloats(2 * SplitSum.DFG_SIZE * SplitSum.DFG_SIZE);
            Matrix4f worldFromView = new Matrix4f(camera.viewFromWorld()).invertAffine();
            for (int p = 0; p < pixels; p++) {
                String where = "pixel " + p + ", seed " + seed;
                if (opacity[p] <= 1e-4f) {
                    assertEquals(0, color[p], 0, where);
                    assertEquals(1, visibility[p], 0, where);
                    continue;
                }
                ReferenceShading.Surface surface = surface(p, width, pixels, features, depth, opacity, camera, worldFromView);
                ReferenceShading.Shaded expected = ReferenceShading.shade(surface, prefiltered, irradiance, chain, table,
                        occlusion, indirect);
                assertEquals(expected.visibility(), visibility[p], TOLERANCE, "occlusion at " + where);
                assertEquals(expected.indirect(), indirectTerm[p], TOLERANCE * Math.max(1, Math.abs(expected.indirect())),
                        "indirect at " + where);
                for (int c = 0; c < 3; c++) {
                    assertEquals(expected.color()[c], color[c * pixels + p], TOLERANCE * Math.max(1, expected.color()[c]),
                            "channel " + c + " at " + where);
                }
            }
        }
    }

    private static ReferenceShading.Surface surface(int p, int width, int pixels, float[] features, float[] depth,
                                                    float[] opacity, Camera camera, Matrix4f worldFromView) {
        double o = opacity[p];
        double z = depth[p];
        double x = (p % width + 0.5 - camera.cx()) / camera.fx() * z, y = (p / width + 0.5 - camera.cy()) / camera.fy() * z;
        Vector3f world = worldFromView.transformPosition(new Vector3f((float) x, (float) y, (float) z));
        double[] position = {world.x, world.y, world.z};
        Vector3f eye = camera.position();
        double[] view = ReferenceEnvironment.normalize(new double[] {eye.x - position[0], eye.y - position[1], eye.z - position[2]});
        double[] normal = ReferenceEnvironment.normalize(new double[] {features[p], features[pixels + p], features[2 * pixels + p]});
        double[] albedo = {features[3 * pixels + p] / o, features[4 * pixels + p] / o, features[5 * pixels + p] / o};
        return new ReferenceShading.Surface(position, normal, view, albedo, features[6 * pixels + p] / o, features[7 * pixels + p] / o);
    }

    static OcclusionVolume randomOcclusion(Random random, int resolution, float bound) {
        java.util.List<Integer> cells = new java.util.ArrayList<>();
        for (int c = 0; c < resolution * resolution * resolution; c++) {
            if (random.nextInt(10) < 7) {
                cells.add(c);
            }
        }
        float[] coefficients = new float[16 * cells.size()];
        for (int i = 0; i < coefficients.length; i++) {
            coefficients[i] = i % 16 == 0 ? 2.5f + random.nextFloat() : 0.8f * (float) random.nextGaussian();
        }
        return new OcclusionVolume(resolution, bound, 0.25f, cells.stream().mapToInt(Integer::intValue).toArray(), coefficients);
    }

    static IrradianceVolume randomIrradiance(Random random, int resolution, float bound) {
        float[] coefficients = new float[9 * resolution * resolution * resolution];
        for (int i = 0; i < coefficients.length; i++) {
            coefficients[i] = (float) random.nextGaussian();
        }
        return new IrradianceVolume(resolution, bound, coefficients);
    }
}
