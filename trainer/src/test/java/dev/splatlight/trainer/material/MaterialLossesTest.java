package dev.splatlight.trainer.material;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.light.ShadedImage;
import dev.splatlight.core.light.ShadingScenes;
import dev.splatlight.core.light.Srgb;
import dev.splatlight.core.testing.VulkanTest;
import dev.splatlight.trainer.loss.LossTerms;
import java.nio.ByteBuffer;
import java.util.Random;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

/**
 * material_losses.comp: its sums against a plain-Java reference of the terms, its gradients against finite differences
 * of that reference where the terms are smooth, and the straight-through rule where a prediction clips at 1.
 */
@VulkanTest
class MaterialLossesTest {
    private final long seed = System.nanoTime();

    /** The three terms and their gradients, in double precision. */
    static final class Reference {
        final int w, h;
        final float[] shaded, features, opacity;
        final double[][] photo; // [3][H·W] composited
        final boolean[][] clipped; // [3][H·W] the photo's channel and alpha at 255
        final double tvWeight, priorWeight, clipMargin;

        Reference(int w, int h, float[] shaded, float[] features, float[] opacity, double[][] photo, boolean[][] clipped,
                  double tv, double prior, double clipMargin) {
            this.w = w;
            this.h = h;
            this.shaded = shaded;
            this.features = features;
            this.opacity = opacity;
            this.photo = photo;
            this.clipped = clipped;
            this.tvWeight = tv;
            this.priorWeight = prior;
            this.clipMargin = clipMargin;
        }

        /** The display value a channel is compared at most with: 1, or 1 + margin where the photo clipped. */
        double ceiling(int c, int p) {
            return clipped[c][p] ? 1 + clipMargin : 1;
        }

        /** What the photo asks of a channel: its value, or 1 + margin where it clipped. */
        double goal(int c, int p) {
            return clipped[c][p] ? 1 + clipMargin : photo[c][p];
        }

        double photometric(float[] s) {
            int n = w * h;
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < n; p++) {
                    double display = Math.min(ceiling(c, p), Srgb.encode(s[c * n + p]));
                    sum += Math.abs(display * opacity[p] - goal(c, p)); // black background
                }
            }
            return sum / (3.0 * n);
        }

        double materialTerms(float[] f) {
            int n = w * h;
            double tv = 0, prior = 0;
            for (int p = 0; p < n; p++) {
                if (opacity[p] <= 1e-4f) {
                    continue;
                }
                int x = p % w, y = p / w;
                for (int[] q : new int[][] {{x + 1, y}, {x, y + 1}}) {
                    if (q[0] >= w || q[1] >= h || opacity[q[1] * w + q[0]] <= 1e-4f) {
                        continue;
                    }
                    int qi = q[1] * w + q[0];
                    double weight = edge(p, qi);
                    for (int k = 3; k < 8; k++) {
                        tv += weight * Math.abs(smoothed(k, f[k * n + p] / opacity[p]) - smoothed(k, f[k * n + qi] / opacity[qi]));
                    }
                }
                prior += (1 - f[6 * n + p] / opacity[p]) + f[7 * n + p] / opacity[p];
            }
            return tvWeight * tv / (5.0 * n) + priorWeight * prior / n;
        }

        /** Albedo (features 3..5) is smoothed as log(max(m, 0.01)), roughness and metallic as they are. */
        static double smoothed(int k, double m) {
            return k < 6 ? Math.log(Math.max(m, 0.01)) : m;
        }

        double edge(int p, int q) {
            double d = 0;
            for (int c = 0; c < 3; c++) {
                d += Math.abs(photo[c][p] - photo[c][q]);
            }
            return Math.exp(-d / 3);
        }
    }

    @Test
    void valuesAndGradientsMatchTheReference(Gpu gpu) {
        valuesAndGradientsMatchTheReference(gpu, 0);
    }

    @Test
    void aClippedPhotoChannelAsksForTheMargin(Gpu gpu) {
        valuesAndGradientsMatchTheReference(gpu, 0.05f + 0.3f * new Random(seed).nextFloat());
    }

    private void valuesAndGradientsMatchTheReference(Gpu gpu, float clipMargin) {
        Random random = new Random(seed);
        int w = 9, h = 7, n = w * h;
        ShadingScenes.GBuffer g = ShadingScenes.randomGBuffer(random, w, h);
        float[] shaded = new float[3 * n];
        ByteBuffer rgba = ByteBuffer.allocateDirect(4 * n);
        double[][] photo = new double[3][n];
        boolean[][] clipped = new boolean[3][n];
        for (int p = 0; p < n; p++) {
            int alpha = switch (random.nextInt(8)) {
                case 0, 1 -> 0;
                case 2 -> 1 + random.nextInt(254); // a silhouette: a channel at 255 there is no clipped one
                default -> 255;
            };
            for (int c = 0; c < 3; c++) {
                // some predictions clip, some between 1 and 1 + margin, some photo channels clipped
                shaded[c * n + p] = switch (random.nextInt(10)) {
                    case 0 -> 1.5f + random.nextFloat();
                    case 1 -> (float) Srgb.decode(1 + clipMargin * random.nextFloat());
                    default -> random.nextFloat();
                };
                int v = random.nextInt(4) == 0 ? 255 : random.nextInt(256);
                rgba.put(4 * p + c, (byte) v);
                photo[c][p] = v / 255.0 * alpha / 255.0;
                clipped[c][p] = v == 255 && alpha == 255;
            }
            rgba.put(4 * p + 3, (byte) alpha);
        }
        MaterialSettings settings = MaterialSettings.DEFAULTS.withClipMargin(clipMargin);
        Reference reference = new Reference(w, h, shaded, g.features(), g.opacity(), photo, clipped,
                settings.smoothnessWeight(), settings.priorWeight(), clipMargin);
        try (ShadedImage image = new ShadedImage(gpu, w, h);
             GpuBuffer features = GpuBuffer.withFloats(gpu, "features", g.features());
             GpuBuffer opacity = GpuBuffer.withFloats(gpu, "opacity", g.opacity());
             GpuBuffer target = GpuBuffer.withData(gpu, "photo", rgba);
             GpuBuffer gradShaded = GpuBuffer.create(gpu, "∂L/∂shaded", 12L * n, MemoryKind.DEVICE);
             GpuBuffer gradFeatures = GpuBuffer.create(gpu, "∂L/∂features", 32L * n, MemoryKind.DEVICE);
             MaterialLosses losses = new MaterialLosses(gpu);
             LossTerms terms = new LossTerms(gpu)) {
            image.color.uploadFloats(shaded);
            gpu.submitAndWait(commands -> {
                terms.recordReset(commands);
                commands.barrier();
                losses.record(commands, image, features, opacity, target, new Vector3f(), settings, gradShaded, gradFeatures, terms);
            });
            float[] sums = terms.read();
            String which = "margin " + clipMargin + ", seed " + seed;
            assertEquals(reference.photometric(shaded), sums[LossTerms.L1] / (3.0 * n), 1e-5, "L1, " + which);
            float[] gs = gradShaded.readFloats(3 * n), gf = gradFeatures.readFloats(8 * n);
            for (int i = 0; i < 3 * n; i++) {
                int c = i / n, p = i % n;
                double display = Srgb.encode(shaded[i]);
                if (display > reference.ceiling(c, p)) { // clipped: pulled down (straight through) only where the photo is darker
                    double derivative = 1.055 / 2.4 * Math.pow(shaded[i], 1 / 2.4 - 1);
                    double expected = reference.ceiling(c, p) * g.opacity()[p] - reference.goal(c, p) > 0
                            ? g.opacity()[p] * derivative / (3.0 * n) : 0;
                    assertEquals(expected, gs[i], 1e-6, "∂L/∂shaded of a clipped value " + i + ", " + which);
                    continue;
                }
                double numeric = difference(v -> reference.photometric(v), shaded, i);
                if (!Double.isNaN(numeric)) {
                    assertEquals(numeric, gs[i], 1e-3 * Math.max(1e-3, Math.abs(numeric)) + 1e-7, "∂L/∂shaded " + i + ", seed " + seed);
                }
            }
            for (int i = 3 * n; i < 8 * n; i++) {
                double numeric = difference(v -> reference.materialTerms(v), g.features(), i);
                if (!Double.isNaN(numeric)) {
                    assertEquals(numeric, gf[i], 1e-3 * Math.max(1e-3, Math.abs(numeric)) + 1e-7, "∂L/∂features " + i + ", seed " + seed);
                }
            }
        }
    }

    /** Central difference of f at index i; NaN where a kink lies within the step (one-sided slopes disagree). */
    private static double difference(java.util.function.ToDoubleFunction<float[]> f, float[] values, int i) {
        float original = values[i];
        float step = 1e-3f * Math.max(1f, Math.abs(original));
        double center = f.applyAsDouble(values);
        values[i] = original + step;
        double plus = f.applyAsDouble(values);
        values[i] = original - step;
        double minus = f.applyAsDouble(values);
        values[i] = original;
        double right = (plus - center) / step, left = (center - minus) / step;
        return Math.abs(right - left) > 1e-3 * Math.max(1e-3, Math.abs(right)) ? Double.NaN : (plus - minus) / (2 * step);
    }
}
