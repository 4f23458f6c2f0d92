package dev.splatlight.trainer.material;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.light.CubeChain;
import dev.splatlight.core.light.DfgTable;
import dev.splatlight.core.light.GBufferShader;
import dev.splatlight.core.light.IrradianceVolume;
import dev.splatlight.core.light.OcclusionBuffers;
import dev.splatlight.core.light.OcclusionVolume;
import dev.splatlight.core.light.ReferenceEnvironment;
import dev.splatlight.core.light.ReferenceShading;
import dev.splatlight.core.light.ShadedImage;
import dev.splatlight.core.light.SceneReflections;
import dev.splatlight.core.light.ShadingScenes;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.testing.VulkanTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.joml.Vector3f;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * shade_gbuffer_backward.comp against central finite differences of the double-precision reference shading, for
 * L = Σ g·shaded with random g: the material of covered pixels, prefiltered and irradiance texels of the learned
 * light, and irradiance-volume coefficients; with the specular lobe occluded or not, the indirect term at a random scale,
 * and with traced reflections or not (what the forward's trace met held, as the shading's backward holds it).
 */
@VulkanTest
class ShadingBackwardTest {
    private static final double STEP = 1e-5;
    private final long seed = Long.getLong("splatlight.seed", System.nanoTime());

    /** Everything the reference loss reads, so a test can perturb one value and re-evaluate. */
    private record Inputs(ShadingScenes.GBuffer g, Camera camera, float[] prefiltered, float[] irradiance, CubeChain chain,
                          float[] dfg, OcclusionVolume occlusion, IrradianceVolume indirect, boolean specularOcclusion,
                          double[] indirectScale, float[] upstream, float[] hitCoverage, float[] reflected) {
        ReferenceShading.HeldReflection reflection(int p) {
            if (hitCoverage == null) {
                return ReferenceShading.HeldReflection.NONE;
            }
            int pixels = g.pixels();
            return new ReferenceShading.HeldReflection(hitCoverage[p], new double[] {reflected[p], reflected[pixels + p],
                    reflected[2 * pixels + p]});
        }

        double loss(int onlyPixel, ReferenceShading.Surface replaced) {
            double sum = 0;
            int pixels = g.pixels();
            for (int p = 0; p < pixels; p++) {
                if (g.opacity()[p] <= 1e-4f || (onlyPixel >= 0 && p != onlyPixel)) {
                    continue;
                }
                ReferenceShading.Surface s = p == onlyPixel ? replaced : ShadingScenes.surface(g, p, camera);
                double[] color = ReferenceShading.shade(s, prefiltered, irradiance, chain, dfg, occlusion, indirect,
                        specularOcclusion, indirectScale, reflection(p)).color();
                for (int c = 0; c < 3; c++) {
                    sum += upstream[c * pixels + p] * color[c];
                }
            }
            return sum;
        }
    }

    @ParameterizedTest(name = "specular occlusion {0}, traced reflections {1}")
    @CsvSource({"false, false", "true, false", "false, true", "true, true"})
    void gradientsMatchFiniteDifferencesOfTheReference(boolean specularOcclusion, boolean traced, Gpu gpu) {
        Random random = new Random(seed);
        Vector3f indirectScale = new Vector3f(0.5f + random.nextFloat(), 0.5f + random.nextFloat(), 0.5f + random.nextFloat());
        int width = 12, height = 10, pixels = width * height;
        Camera camera = ShadingScenes.lookingAtOrigin(width, height, new Vector3f(0.4f, -0.5f, 3f));
        ShadingScenes.GBuffer g = ShadingScenes.randomGBuffer(random, width, height);
        OcclusionVolume occlusion = ShadingScenes.randomOcclusion(random, 5, 4f);
        IrradianceVolume indirect = ShadingScenes.randomIrradiance(random, 4, 4f);
        int base = 32;
        CubeChain chain = CubeChain.standard(base);
        float[] theta = ShadingScenes.randomLogRadiance(random, base);
        GaussianCloud cloud = ShadingScenes.randomCloud(random, 300);
        float[] gaussianMaterials = ShadingScenes.randomMaterials(random, 300);
        float[] upstream = new float[3 * pixels];
        for (int i = 0; i < upstream.length; i++) {
            upstream[i] = (float) random.nextGaussian();
        }
        try (LearnedEnvironment environment = new LearnedEnvironment(gpu, base, theta, null, 16);
             DfgTable dfg = new DfgTable(gpu, 32);
             OcclusionBuffers occlusionBuffers = new OcclusionBuffers(gpu, occlusion);
             LearnedIrradianceVolume volume = new LearnedIrradianceVolume(gpu, indirect, null);
             GpuBuffer features = GpuBuffer.withFloats(gpu, "features", g.features());
             GpuBuffer depth = GpuBuffer.withFloats(gpu, "depth", g.depth());
             GpuBuffer opacity = GpuBuffer.withFloats(gpu, "opacity", g.opacity());
             GpuBuffer gradShaded = GpuBuffer.withFloats(gpu, "∂L/∂shaded", upstream);
             GpuBuffer gradFeatures = GpuBuffer.create(gpu, "∂L/∂features", 32L * pixels, MemoryKind.DEVICE);
             GBufferShader shader = new GBufferShader(gpu);
             GpuBuffer gradFeaturesFixedNormals = GpuBuffer.create(gpu, "∂L/∂features, normals fixed", 32L * pixels, MemoryKind.DEVICE);
             ShadingBackward backward = new ShadingBackward(gpu, true);
             ShadingBackward fixedNormals = new ShadingBackward(gpu, false);
             GpuBuffer materialBuffer = GpuBuffer.withFloats(gpu, "Gaussian materials", gaussianMaterials);
             SceneReflections reflections = new SceneReflections(gpu, cloud, materialBuffer, 1.2f, 8);
             ShadedImage shaded = new ShadedImage(gpu, width, height)) {
            GBufferShader.Light light = new GBufferShader.Light(environment.light(), dfg, occlusionBuffers,
                    new GBufferShader.IndirectLight(volume.coefficients, indirect.resolution(), indirect.bound(), indirectScale),
                    specularOcclusion).withReflections(traced ? reflections : null);
            gpu.submitAndWait(commands -> {
                environment.recordForward(commands);
                commands.barrier();
                shader.record(commands, camera, features, depth, opacity, light, shaded);
            });
            java.util.function.BiConsumer<ShadingBackward, GpuBuffer> runBackward = (kernel, into) -> gpu.submitAndWait(commands -> {
                environment.recordZeroGradients(commands);
                commands.fill(volume.gradients, 0);
                commands.fill(into, 0);
                commands.barrier();
                kernel.record(commands, shader.frameUniforms(), features, depth, opacity, environment, dfg, shaded, gradShaded,
                        into, volume);
            });
            runBackward.accept(fixedNormals, gradFeaturesFixedNormals);
            runBackward.accept(backward, gradFeatures); // last: the light and volume gradients checked below are its
            Inputs in = new Inputs(g, camera, environment.light().prefiltered().readFloats(3 * chain.texels()),
                    environment.light().irradiance().readFloats(3 * chain.levelTexels(chain.levels() - 1)), chain,
                    dfg.buffer().readFloats(2 * 256 * 256), occlusion, indirect, specularOcclusion,
                    new double[] {indirectScale.x, indirectScale.y, indirectScale.z}, upstream,
                    traced ? hitCoverage(shaded, pixels) : null, traced ? shaded.reflectionRadiance().readFloats(3 * pixels) : null);
            if (traced) { // the held reflection is exercised: glossy pixels mixing a hit in, some on the weight's ramp
                int mixed = 0, ramp = 0;
                for (int p = 0; p < pixels; p++) {
                    if (g.opacity()[p] > 1e-4f && in.reflection(p).share(ShadingScenes.surface(g, p, camera).roughness()) > 0.02) {
                        mixed++;
                        ramp += ShadingScenes.surface(g, p, camera).roughness() > 0.25 ? 1 : 0;
                    }
                }
                assertTrue(mixed > 8 && ramp > 2, mixed + " pixels mix a traced reflection in, " + ramp + " on the ramp");
            }
            float[] all = gradFeatures.readFloats(8 * pixels), fixed = gradFeaturesFixedNormals.readFloats(8 * pixels);
            checkMaterial(in, all);
            checkNormals(in, all, new float[][] {shaded.occlusion.readFloats(pixels), shaded.indirect.readFloats(pixels),
                    shaded.specularOcclusion.readFloats(pixels), shaded.specularIndirect.readFloats(pixels)});
            if (specularOcclusion) { // the new terms are exercised: some lobes occluded, some indirect light toward R
                float[] v = shaded.specularOcclusion.readFloats(pixels), i = shaded.specularIndirect.readFloats(pixels);
                int occluded = 0, lit = 0;
                for (int p = 0; p < pixels; p++) {
                    occluded += v[p] < 0.99f ? 1 : 0;
                    lit += i[p] > 0 ? 1 : 0;
                }
                assertTrue(occluded > 10 && lit > 5, occluded + " occluded lobes, " + lit + " with indirect light");
            }
            for (int i = 0; i < 8 * pixels; i++) { // normals fixed: no normal gradient, the same material gradients
                assertEquals(i < 3 * pixels ? 0f : all[i], fixed[i], 0f, "feature gradient " + i + " with normals fixed");
            }
            checkArray(in, in.prefiltered(), environment.gradPrefiltered.readFloats(in.prefiltered().length), "prefiltered texel");
            checkArray(in, in.irradiance(), environment.gradIrradiance.readFloats(in.irradiance().length), "irradiance texel");
            checkArray(in, indirect.coefficients(), volume.gradients.readFloats(indirect.coefficients().length),
                    "irradiance-volume coefficient");
        }
    }

    private void checkMaterial(Inputs in, float[] gradFeatures) {
        int pixels = in.g().pixels();
        int checked = 0;
        for (int p = 0; p < pixels; p++) {
            if (in.g().opacity()[p] <= 1e-4f) {
                continue;
            }
            checked++;
            ReferenceShading.Surface s = ShadingScenes.surface(in.g(), p, in.camera());
            for (int k = 0; k < 5; k++) {
                int channel = k;
                int pixel = p;
                DoubleUnaryOperator perturbed = h -> in.loss(pixel, with(s, channel, h));
                double up = perturbed.applyAsDouble(STEP), at = perturbed.applyAsDouble(0), down = perturbed.applyAsDouble(-STEP);
                double numeric = (up - down) / (2 * STEP);
                double analytic = gradFeatures[(3 + k) * pixels + p] * in.g().opacity()[p]; // ∂L/∂m = ∂L/∂sum · O
                double tolerance = 2e-3 * Math.max(1, Math.abs(numeric));
                if (Math.abs(numeric - analytic) > tolerance) {
                    // roughness picks prefiltered mips piecewise linearly: within STEP of a kink the central difference
                    // mixes two slopes, and the analytic gradient is the one-sided slope of the side it lies on
                    double right = (up - at) / STEP, left = (at - down) / STEP;
                    numeric = Math.abs(right - analytic) < Math.abs(left - analytic) ? right : left;
                }
                assertEquals(numeric, analytic, tolerance, "material channel " + k + " at pixel " + p + ", seed " + seed);
            }
        }
        assertTrue(checked > 10);
    }

    /**
     * The normal gradient is a central difference of the shading along two tangents (normal_difference.glsl), the
     * occlusion and indirect terms held at the forward's values ({@code held}: V, I, V_R, I_R per pixel): the same
     * difference of the double reference, then ÷ |normal sum|.
     */
    private void checkNormals(Inputs in, float[] gradFeatures, float[][] held) {
        int pixels = in.g().pixels();
        float[] f = in.g().features();
        int checked = 0;
        for (int p = 0; p < pixels; p++) {
            if (in.g().opacity()[p] <= 1e-4f) {
                continue;
            }
            ReferenceShading.Surface s = ShadingScenes.surface(in.g(), p, in.camera());
            double[] n = s.normal();
            double[] expected = new double[3];
            for (double[] t : ReferenceEnvironment.tangentFrame(n)) {
                double[] plus = shadeWithNormal(in, s, ReferenceEnvironment.turned(n, t, 1), held, p);
                double[] minus = shadeWithNormal(in, s, ReferenceEnvironment.turned(n, t, -1), held, p);
                double directional = 0;
                for (int c = 0; c < 3; c++) {
                    directional += in.upstream()[c * pixels + p] * (plus[c] - minus[c])
                            / (2 * ReferenceEnvironment.NORMAL_DIFFERENCE_STEP);
                }
                for (int k = 0; k < 3; k++) {
                    expected[k] += directional * t[k];
                }
            }
            double length = Math.sqrt(f[p] * f[p] + f[pixels + p] * f[pixels + p] + f[2 * pixels + p] * f[2 * pixels + p]);
            for (int k = 0; k < 3; k++) {
                double want = expected[k] / length;
                assertEquals(want, gradFeatures[k * pixels + p], 2e-3 * Math.max(1, Math.abs(want)),
                        "normal-sum gradient " + k + " at pixel " + p + ", seed " + seed);
            }
            checked++;
        }
        assertTrue(checked > 10);
    }

    /** The reference shading with normal {@code n} and pixel p's held occlusion and indirect terms. */
    private static double[] shadeWithNormal(Inputs in, ReferenceShading.Surface s, double[] n, float[][] held, int p) {
        return ReferenceShading.combine(s, n, in.prefiltered(), in.irradiance(), in.chain(), in.dfg(), held[0][p], held[1][p],
                held[2][p], held[3][p], in.indirectScale(), in.reflection(p));
    }

    /** The coverage channel of the forward's trace, [H, W]. */
    private static float[] hitCoverage(ShadedImage shaded, int pixels) {
        float[] hits = shaded.reflectionHits().readFloats(SceneReflections.HIT_CHANNELS * pixels);
        return java.util.Arrays.copyOfRange(hits, 8 * pixels, 9 * pixels);
    }

    private static ReferenceShading.Surface with(ReferenceShading.Surface s, int channel, double h) {
        double[] albedo = s.albedo().clone();
        double roughness = s.roughness(), metallic = s.metallic();
        if (channel < 3) {
            albedo[channel] += h;
        } else if (channel == 3) {
            roughness += h;
        } else {
            metallic += h;
        }
        return new ReferenceShading.Surface(s.position(), s.normal(), s.view(), albedo, roughness, metallic);
    }

    /** FD over a value of an array the reference reads (changed in place and restored), at indices with a gradient. */
    private void checkArray(Inputs in, float[] values, float[] gradient, String what) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < gradient.length; i++) {
            if (gradient[i] != 0) {
                candidates.add(i);
            }
        }
        assertTrue(candidates.size() > 3, what + ": some gradient reaches it");
        Random random = new Random(seed);
        for (int trial = 0; trial < 6; trial++) {
            int i = candidates.get(random.nextInt(candidates.size()));
            // the loss is piecewise linear in these values: the indirect light clamps at 0, and where a pixel's crosses
            // it within the step the central difference mixes two slopes. The analytic gradient is the slope of the
            // side the value lies on: the one-sided slope of that side, and where pixels cross on both sides of it,
            // the slope of a smaller step (seed 70476555823085: two such pixels within 1 %, none within 0.1 %)
            double numeric = Double.NaN, tolerance = Double.NaN;
            for (float relative = 1e-2f; relative >= 0.9e-4f; relative /= 10) {
                numeric = slope(in, values, i, relative * Math.max(1f, Math.abs(values[i])), gradient[i]);
                tolerance = 1e-3 * Math.max(1, Math.abs(numeric));
                if (Math.abs(numeric - gradient[i]) <= tolerance) {
                    break;
                }
            }
            assertEquals(numeric, gradient[i], tolerance, what + " " + i + ", seed " + seed);
        }
    }

    /** The loss's central difference in values[i] over ±step, else the one-sided slope nearer to {@code analytic}. */
    private static double slope(Inputs in, float[] values, int i, float step, float analytic) {
        float original = values[i];
        values[i] = original + step;
        double plus = in.loss(-1, null);
        values[i] = original - step;
        double minus = in.loss(-1, null);
        values[i] = original;
        double central = (plus - minus) / (2 * step);
        if (Math.abs(central - analytic) <= 1e-3 * Math.max(1, Math.abs(central))) {
            return central;
        }
        double at = in.loss(-1, null), right = (plus - at) / step, left = (at - minus) / step;
        return Math.abs(right - analytic) < Math.abs(left - analytic) ? right : left;
    }
}
