package dev.splatlight.trainer.eval;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.light.DfgTable;
import dev.splatlight.core.light.EnvironmentLight;
import dev.splatlight.core.light.GBufferShader;
import dev.splatlight.core.light.OcclusionBuffers;
import dev.splatlight.core.light.ShadedImage;
import dev.splatlight.core.light.Srgb;
import dev.splatlight.trainer.data.Rgba8Image;
import dev.splatlight.trainer.data.TrainingView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.joml.Vector3f;

/**
 * What our shading model can reach at best: the test views' ground-truth AOVs (normal, albedo, roughness, metallic)
 * as the G-buffer, shaded by the same kernel under the dataset's own HDRI, compared with the path-traced picture.
 * No occlusion or indirect light (the AOVs carry no depth). It checks the conventions end to end (a rotated or
 * mirrored environment, a wrong scale, shows at once) and says how much of a gap is the decomposition's. Given an
 * asset's occlusion volume and the depth its own render put each pixel at, the same with that occlusion: whether the
 * baked occlusion brings the model nearer the path-traced truth or further from it.
 */
public final class ShadingCeiling {
    private ShadingCeiling() {
    }

    /** An asset's occlusion volume and, per view, the depth [H, W] its own render gave each pixel. */
    public record Occlusion(OcclusionBuffers volume, List<float[]> renderedDepths) {
    }

    /** Mean PSNRs over the views that have AOVs and the picture: without occlusion, and with it (NaN when none given). */
    public record Ceilings(double plain, double occluded) {
    }

    /**
     * The ceiling under {@code light} against {@code pictureName}, its pictures under {@code pictures}; with
     * {@code occlusion} (or null) also the occluded ceiling, from the same ground-truth G-buffers, its pictures
     * beside them under {@code occludedPictures}. Both NaN when no view has AOVs.
     */
    public static Ceilings psnr(Gpu gpu, List<TrainingView> views, EnvironmentLight light, DfgTable dfg, String pictureName,
                                Vector3f background, boolean gamma, ImageComparison comparison, Path pictures,
                                Occlusion occlusion, Path occludedPictures) {
        List<Double> plainScores = new ArrayList<>(), occludedScores = new ArrayList<>();
        Pictures plainSet = new Pictures(), occludedSet = new Pictures();
        try (GBufferShader shader = new GBufferShader(gpu)) {
            for (int i = 0; i < views.size(); i++) {
                TrainingView view = views.get(i);
                Path dir = view.source().getParent();
                if (!Files.exists(dir.resolve("normal.png")) || !Files.exists(dir.resolve(pictureName))) {
                    continue;
                }
                int w = view.camera().width(), h = view.camera().height(), pixels = w * h;
                float[][] gbuffer = groundTruthGBuffer(dir, w, h);
                Rgba8Image truth = GroundTruthPicture.read(dir.resolve(pictureName), w, h, GroundTruthPicture.Encoding.SRGB);
                float[] composited = Pictures.composited(truth, background);
                try (GpuBuffer features = GpuBuffer.withFloats(gpu, "ground-truth G-buffer [8, H, W]", gbuffer[0]);
                     // any positive depth gives the exact view direction; without occlusion nothing else reads it
                     GpuBuffer unitDepth = GpuBuffer.withFloats(gpu, "unit depth [H, W]", filled(pixels, 1f));
                     GpuBuffer opacity = GpuBuffer.withFloats(gpu, "ground-truth coverage [H, W]", gbuffer[1]);
                     ShadedImage out = new ShadedImage(gpu, w, h)) {
                    float[] shown = shade(gpu, shader, view, features, unitDepth, opacity, new GBufferShader.Light(light, dfg, null, null),
                            out, gbuffer[1], gamma, background);
                    plainScores.add(comparison.compare(shown, truth, background).psnr());
                    plainSet.add(pictures.resolve(view.name() + ".png"), shown, composited, w, h);
                    if (occlusion != null) {
                        try (GpuBuffer depth = GpuBuffer.withFloats(gpu, "rendered depth [H, W]",
                                placed(occlusion.renderedDepths().get(i)))) {
                            float[] occluded = shade(gpu, shader, view, features, depth, opacity,
                                    new GBufferShader.Light(light, dfg, occlusion.volume(), null), out, gbuffer[1], gamma, background);
                            occludedScores.add(comparison.compare(occluded, truth, background).psnr());
                            occludedSet.add(occludedPictures.resolve(view.name() + ".png"), occluded, composited, w, h);
                        }
                    }
                }
            }
        }
        plainSet.writeContactSheet(pictures.resolveSibling(pictures.getFileName() + "-contact-sheet.png"));
        if (occlusion != null) {
            occludedSet.writeContactSheet(occludedPictures.resolveSibling(occludedPictures.getFileName() + "-contact-sheet.png"));
        }
        return new Ceilings(mean(plainScores), mean(occludedScores));
    }

    /** Shades the ground-truth G-buffer and returns it as displayed, [3, H, W], composited on the background. */
    private static float[] shade(Gpu gpu, GBufferShader shader, TrainingView view, GpuBuffer features, GpuBuffer depth,
                                 GpuBuffer opacity, GBufferShader.Light light, ShadedImage out, float[] coverage, boolean gamma,
                                 Vector3f background) {
        gpu.submitAndWait(commands -> shader.record(commands, view.camera(), features, depth, opacity, light, out));
        int pixels = coverage.length;
        float[] linear = out.color.readFloats(3 * pixels);
        float[] shown = new float[3 * pixels];
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < pixels; p++) {
                float v = linear[c * pixels + p];
                float o = coverage[p];
                shown[c * pixels + p] = (float) (Math.min(1, gamma ? Srgb.encode(v) : v) * o + background.get(c) * (1 - o));
            }
        }
        return shown;
    }

    /**
     * The asset's depth for placing the ground-truth surfaces: where the asset left a pixel the truth covers empty
     * (depth 0), one unit in front of the camera instead — a view direction needs a point off the camera, and that
     * one lies outside the volume (V ≈ 1).
     */
    private static float[] placed(float[] renderedDepth) {
        float[] depth = renderedDepth.clone();
        for (int p = 0; p < depth.length; p++) {
            if (!(depth[p] > 0 && Float.isFinite(depth[p]))) {
                depth[p] = 1;
            }
        }
        return depth;
    }

    private static double mean(List<Double> scores) {
        return scores.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static float[] filled(int n, float value) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    /** {features [8, H, W] (sums, i.e. × coverage), coverage [H, W]} from normal/albedo/roughness/metallic.png. */
    private static float[][] groundTruthGBuffer(Path dir, int w, int h) {
        int pixels = w * h;
        GroundTruthPicture.Encoding linear = GroundTruthPicture.Encoding.LINEAR;
        byte[] normal = GroundTruthPicture.read(dir.resolve("normal.png"), w, h, linear).pixels();
        byte[] albedo = GroundTruthPicture.read(dir.resolve("albedo.png"), w, h, GroundTruthPicture.Encoding.SRGB).pixels();
        byte[] roughness = GroundTruthPicture.read(dir.resolve("roughness.png"), w, h, linear).pixels();
        byte[] metallic = GroundTruthPicture.read(dir.resolve("metallic.png"), w, h, linear).pixels();
        float[] features = new float[8 * pixels], coverage = new float[pixels];
        for (int p = 0; p < pixels; p++) {
            float a = (normal[4 * p + 3] & 0xff) / 255f;
            coverage[p] = a;
            for (int c = 0; c < 3; c++) {
                features[c * pixels + p] = a * ((normal[4 * p + c] & 0xff) / 255f * 2 - 1);
                features[(3 + c) * pixels + p] = a * (float) Srgb.decode((albedo[4 * p + c] & 0xff) / 255.0);
            }
            features[6 * pixels + p] = a * (roughness[4 * p] & 0xff) / 255f;
            features[7 * pixels + p] = a * (metallic[4 * p] & 0xff) / 255f;
        }
        return new float[][] {features, coverage};
    }
}
