package dev.splatlight.core.light;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.testing.VulkanTest;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The environment kernels against {@link ReferenceEnvironment} on fresh random inputs, and the physics they must keep. */
@VulkanTest
class EnvironmentLightTest {
    /**
     * Float kernels against a double reference. Interpolated lookups of random texels amplify float rounding of the
     * lookup position by the texel-to-texel contrast (values up to ~50 here): 1e-3 relative still catches any wrong
     * convention, which errs by O(1).
     */
    private static final double PARITY = 1e-3;
    /**
     * The prefilter also turns sample directions through sin/cos, whose Vulkan precision is only 2^-11 absolute
     * (NVIDIA uses all of it): on texels of contrast ~50 that moves values by up to ~2e-3.
     */
    private static final double PREFILTER_PARITY = 5e-3;
    private final long seed = System.nanoTime();

    private static float[] randomRadiance(Random random, int floats) {
        float[] v = new float[floats];
        for (int i = 0; i < floats; i++) {
            v[i] = (float) Math.exp(2 * random.nextGaussian()) * 0.5f; // HDR-like: a few texels far brighter
        }
        return v;
    }

    /**
     * Random but smooth over pixels (a few random waves per channel): lookups at positions a GPU's atan/acos rounding
     * moves by ~1e-4 pixel then differ by ~1e-4, while a mirrored or turned convention differs by O(1).
     */
    private static float[] smoothRandomImage(Random random, int width, int height) {
        float[] v = new float[3 * width * height];
        for (int c = 0; c < 3; c++) {
            int ku = 1 + random.nextInt(3), kv = 1 + random.nextInt(2);
            double phase = 2 * Math.PI * random.nextDouble();
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double u = (x + 0.5) / width, w = (y + 0.5) / height;
                    v[3 * (y * width + x) + c] = (float) (1.5 + Math.sin(2 * Math.PI * ku * u + phase) * Math.cos(Math.PI * kv * w));
                }
            }
        }
        return v;
    }

    private static void assertClose(float[] expected, float[] actual, int from, int to, double relative, String what) {
        for (int i = from; i < to; i++) {
            double tolerance = relative * Math.max(1, Math.abs(expected[i]));
            assertEquals(expected[i], actual[i], tolerance, what + ", float " + i);
        }
    }

    @Test
    void equirectConversionMatchesTheReferenceInTheDatasetConvention(Gpu gpu) {
        Random random = new Random(seed);
        int width = 40, height = 20;
        float[] pixels = smoothRandomImage(random, width, height);
        float theta = (float) (random.nextDouble() * 2 * Math.PI);
        CubeChain chain = CubeChain.downTo(8, 4);
        try (EnvironmentBuilder builder = new EnvironmentBuilder(gpu);
             EnvironmentLight light = new EnvironmentLight(gpu, "test", chain);
             GpuBuffer equirect = GpuBuffer.withFloats(gpu, "equirect", pixels)) {
            gpu.submitAndWait(commands -> builder.recordFromEquirect(commands, equirect, width, height, theta, light));
            float[] expected = ReferenceEnvironment.equirectToCube(pixels, width, height, 8, 2, theta);
            assertClose(expected, light.radiance().readFloats(expected.length), 0, expected.length, PARITY,
                    "level 0, θ = " + theta + ", seed " + seed);
        }
    }

    @Test
    void referenceEquirectMappingIsTheDatasetReadmesInverse() {
        Random random = new Random(seed);
        for (int i = 0; i < 1000; i++) {
            double u = random.nextDouble(), v = 0.01 + 0.98 * random.nextDouble();
            double[] d = {-Math.sin(Math.PI * v) * Math.cos(2 * Math.PI * u), Math.sin(Math.PI * v) * Math.sin(2 * Math.PI * u),
                    Math.cos(Math.PI * v)};
            double[] uv = ReferenceEnvironment.equirectUv(d);
            assertEquals(0, Math.IEEEremainder(uv[0] - u, 1), 1e-9, "u");
            assertEquals(v, uv[1], 1e-9, "v");
        }
        assertEquals(0.5, ReferenceEnvironment.equirectUv(new double[] {1, 0, 0})[0], 1e-12, "+X at the image centre");
        assertEquals(0.25, ReferenceEnvironment.equirectUv(new double[] {0, 1, 0})[0], 1e-12, "+Y at u = 0.25");
        assertEquals(0.0, ReferenceEnvironment.equirectUv(new double[] {0, 0, 1})[1], 1e-12, "+Z on the top row");
    }

    @Test
    void cubeAddressingRoundTripsAndTexelsCoverTheSphere() {
        Random random = new Random(seed);
        for (int i = 0; i < 1000; i++) {
            int face = random.nextInt(6);
            double s = 2 * random.nextDouble() - 1, t = 2 * random.nextDouble() - 1;
            double[] fuv = ReferenceEnvironment.faceUv(ReferenceEnvironment.cubeDirection(face, s, t));
            assertEquals(face, (int) fuv[0]);
            assertEquals(s, 2 * fuv[1] - 1, 1e-12);
            assertEquals(t, 2 * fuv[2] - 1, 1e-12);
        }
        double total = 0;
        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 7; x++) {
                total += 6 * ReferenceEnvironment.texelSolidAngle(x, y, 7);
            }
        }
        assertEquals(4 * Math.PI, total, 1e-12, "texel solid angles sum to 4π");
    }

    @Test
    void mipChainPrefilterAndIrradianceMatchTheReference(Gpu gpu) {
        Random random = new Random(seed);
        CubeChain chain = CubeChain.downTo(16, 4);
        float[] level0 = randomRadiance(random, 3 * chain.levelTexels(0));
        try (EnvironmentBuilder builder = new EnvironmentBuilder(gpu, 32);
             EnvironmentLight light = new EnvironmentLight(gpu, "test", chain)) {
            light.radiance().uploadFloats(level0);
            gpu.submitAndWait(commands -> builder.recordMips(commands, light));
            float[] radiance = new float[3 * chain.texels()];
            System.arraycopy(level0, 0, radiance, 0, level0.length);
            ReferenceEnvironment.downsample(radiance, chain);
            assertClose(radiance, light.radiance().readFloats(radiance.length), 0, radiance.length, 1e-6, "2x2 means, seed " + seed);

            float[] prefiltered = ReferenceEnvironment.prefilter(radiance, chain, 32);
            float[] gpuPrefiltered = light.prefiltered().readFloats(prefiltered.length);
            for (int level = 0; level < chain.levels(); level++) {
                assertClose(prefiltered, gpuPrefiltered, 3 * chain.levelOffset(level), 3 * chain.levelOffset(level + 1), PREFILTER_PARITY,
                        "prefiltered level " + level + ", seed " + seed);
            }
            float[] irradiance = ReferenceEnvironment.irradiance(radiance, chain);
            assertClose(irradiance, light.irradiance().readFloats(irradiance.length), 0, irradiance.length, 1e-4,
                    "irradiance, seed " + seed);
        }
    }

    @Test
    void whiteFurnaceStaysWhiteAtEveryLevel(Gpu gpu) {
        CubeChain chain = CubeChain.downTo(32, 8);
        float[] level0 = new float[3 * chain.levelTexels(0)];
        java.util.Arrays.fill(level0, 0.7f);
        try (EnvironmentBuilder builder = new EnvironmentBuilder(gpu);
             EnvironmentLight light = new EnvironmentLight(gpu, "furnace", chain)) {
            light.radiance().uploadFloats(level0);
            gpu.submitAndWait(commands -> builder.recordMips(commands, light));
            for (float v : light.radiance().readFloats(3 * chain.texels())) {
                assertEquals(0.7f, v, 1e-6f, "radiance chain");
            }
            for (float v : light.prefiltered().readFloats(3 * chain.texels())) {
                assertEquals(0.7f, v, 1e-5f, "prefiltered chain");
            }
            // Σ cos·Ω/π over 8² texel centres: exact but for the discretisation of the hemisphere's edge
            for (float v : light.irradiance().readFloats(3 * chain.levelTexels(chain.levels() - 1))) {
                assertEquals(0.7f, v, 0.7f * 0.01f, "irradiance");
            }
        }
    }

    @Test
    void importanceSampledPrefilterApproximatesTheGgxIntegral(Gpu gpu) {
        Random random = new Random(seed);
        CubeChain chain = CubeChain.downTo(64, 8);
        float[] level0 = new float[3 * chain.levelTexels(0)];
        double[][] lobes = new double[3][];
        for (int k = 0; k < lobes.length; k++) {
            lobes[k] = ReferenceEnvironment.normalize(new double[] {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()});
        }
        for (int face = 0; face < 6; face++) {
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    double[] d = ReferenceEnvironment.texelDirection(face, x, y, 64);
                    int texel = (face * 64 + y) * 64 + x;
                    for (int c = 0; c < 3; c++) { // broad coloured lobes over a grey sky: smooth enough to integrate
                        double cosine = ReferenceEnvironment.dot(d, lobes[c]);
                        level0[3 * texel + c] = (float) (0.2 + 3 * Math.exp(8 * (cosine - 1)));
                    }
                }
            }
        }
        try (EnvironmentBuilder builder = new EnvironmentBuilder(gpu);
             EnvironmentLight light = new EnvironmentLight(gpu, "lobes", chain)) {
            light.radiance().uploadFloats(level0);
            gpu.submitAndWait(commands -> builder.recordMips(commands, light));
            float[] prefiltered = light.prefiltered().readFloats(3 * chain.texels());
            float[] radiance = light.radiance().readFloats(3 * chain.texels());
            for (int level = 1; level < chain.levels(); level++) {
                int size = chain.size(level);
                double worst = 0, total = 0;
                int count = 0;
                for (int probe = 0; probe < 20; probe++) {
                    int face = random.nextInt(6), x = random.nextInt(size), y = random.nextInt(size);
                    double[] n = ReferenceEnvironment.texelDirection(face, x, y, size);
                    double[] exact = ReferenceEnvironment.bruteForcePrefiltered(radiance, chain, 0, n,
                            SplitSum.levelRoughness(level, chain.levels()));
                    int texel = chain.levelOffset(level) + (face * size + y) * size + x;
                    for (int c = 0; c < 3; c++) {
                        double error = Math.abs(prefiltered[3 * texel + c] - exact[c]) / exact[c];
                        worst = Math.max(worst, error);
                        total += error;
                        count++;
                    }
                }
                // measured with 128 samples: mean ≤ 0.5 %, worst ≤ 2.6 % (the summed last level: ≤ 1 %)
                assertTrue(total / count < 0.01 && worst < 0.04, "level " + level + ": mean relative error " + total / count
                        + ", worst " + worst + ", seed " + seed);
            }
        }
    }

    @Test
    void dfgTableMatchesTheReferenceAndTheContractsValue(Gpu gpu) {
        Random random = new Random(seed);
        try (DfgTable coarse = new DfgTable(gpu, 64); DfgTable table = new DfgTable(gpu)) {
            int size = SplitSum.DFG_SIZE;
            float[] values = coarse.buffer().readFloats(2 * size * size);
            for (int probe = 0; probe < 200; probe++) {
                int i = random.nextInt(size), j = random.nextInt(size);
                double nDotV = Math.max((i + 0.5) / size, 1e-4);
                double[] expected = ReferenceEnvironment.dfg(nDotV, (j + 0.5) / size, 64);
                int texel = j * size + i;
                double tolerance = 1e-4 + 5e-6 / nDotV; // G_vis carries 1/(n·v): float rounding grows at grazing angles
                assertEquals(expected[0], values[2 * texel], tolerance, "A at texel (" + i + ", " + j + ")");
                assertEquals(expected[1], values[2 * texel + 1], tolerance, "B at texel (" + i + ", " + j + ")");
            }
            float[] full = table.buffer().readFloats(2 * size * size);
            for (int texel = 0; texel < size * size; texel++) {
                float a = full[2 * texel], b = full[2 * texel + 1];
                assertTrue(a >= 0 && b >= 0 && a + b <= 1.001f, "DFG in [0, 1] at texel " + texel + ": " + a + ", " + b);
            }
            // design.md §2: (n·v = 0.5, roughness = 0.5) → (0.834, 0.022), read as split_sum_dfg_taps does
            double coord = 0.5 * size - 0.5;
            int x0 = (int) Math.floor(coord);
            double f = coord - x0;
            double a = 0, b = 0;
            for (int dy = 0; dy < 2; dy++) {
                for (int dx = 0; dx < 2; dx++) {
                    double w = (dx == 0 ? 1 - f : f) * (dy == 0 ? 1 - f : f);
                    int texel = (x0 + dy) * size + x0 + dx;
                    a += w * full[2 * texel];
                    b += w * full[2 * texel + 1];
                }
            }
            assertEquals(0.834, a, 0.002, "A(0.5, 0.5)");
            assertEquals(0.022, b, 0.002, "B(0.5, 0.5)");
        }
    }
}
