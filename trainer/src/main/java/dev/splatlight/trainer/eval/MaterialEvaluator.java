package dev.splatlight.trainer.eval;

import dev.splatlight.core.asset.RelightableAsset;
import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.light.CubeChain;
import dev.splatlight.core.light.EnvironmentLight;
import dev.splatlight.core.light.EnvironmentStatistics;
import dev.splatlight.core.light.Srgb;
import dev.splatlight.core.light.io.HdrImageReader;
import dev.splatlight.core.render.AssetScene;
import dev.splatlight.core.render.SceneRenderer;
import dev.splatlight.trainer.data.Rgba8Image;
import dev.splatlight.trainer.data.TrainingView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.joml.Vector3f;

/**
 * Evaluation of a relightable asset on a dataset's test views (issue 7, item 5): the shaded image under the learned
 * light (nvs_pbr), albedo after one per-channel median scale, normal error, and relighting under each environment
 * the dataset lists; pictures prediction | truth | error per view and a contact sheet per metric.
 */
public final class MaterialEvaluator {
    /** Face size of the cubemaps HDRIs are converted to (a 1024-wide HDRI spans 256 pixels per face). */
    public static final int RELIGHT_CUBE_SIZE = 256;
    /** Pixels count as covered where the picture's alpha is at least this. */
    private static final int COVERED_ALPHA = 128;
    private static final int GREY_CUBE_SIZE = 32;
    /** G-buffer channels (include/light/gbuffer.glsl). */
    private static final int ROUGHNESS_CHANNEL = 6, METALLIC_CHANNEL = 7;

    private final Gpu gpu;
    private final RelightableAsset asset;
    private final List<TrainingView> views;
    private final Path pictures;
    private final Vector3f background;
    private final boolean relitIndirect;
    private final boolean tracedReflections;
    private EvalProgress progress = EvalProgress.NONE;

    public MaterialEvaluator(Gpu gpu, RelightableAsset asset, List<TrainingView> views, Path pictures) {
        this(gpu, asset, views, pictures, false, false);
    }

    /**
     * @param relitIndirect     relight with the asset's indirect light, scaled to each light ({@code AssetScene.indirectScale})
     * @param tracedReflections relight with the scene's reflections in its glossy surfaces traced ({@code SceneReflections})
     */
    public MaterialEvaluator(Gpu gpu, RelightableAsset asset, List<TrainingView> views, Path pictures, boolean relitIndirect,
                             boolean tracedReflections) {
        this.gpu = gpu;
        this.asset = asset;
        this.views = views;
        this.pictures = pictures;
        this.background = asset.whiteBackground() ? new Vector3f(1) : new Vector3f(0);
        this.relitIndirect = relitIndirect;
        this.tracedReflections = tracedReflections;
    }

    /** Counts each rendered view on {@code progress} from now on; returns this. */
    public MaterialEvaluator reportingTo(EvalProgress progress) {
        this.progress = progress;
        return this;
    }

    /**
     * Rendered views {@link #evaluate} expects for these views: the shaded image, each environment's relighting (twice
     * where the albedo is rescaled), each environment's shading ceiling (the training light's too), each extra HDRI.
     */
    public static long expectedViews(int views, int environments, int extraHdris, boolean trainingLight) {
        return (long) views * (1 + 2L * environments + environments + (trainingLight ? 1 : 0) + extraHdris);
    }

    /** Runs every metric the views' pictures allow; {@code extraHdris} are rendered (no ground truth) into pictures. */
    public Map<String, Object> evaluate(List<RelightingEnvironments.Environment> environments, List<Path> extraHdris,
                                        java.util.Optional<RelightingEnvironments.Environment> training) {
        Map<String, Object> report = new LinkedHashMap<>();
        try (ResourceScope scope = new ResourceScope("material evaluation")) {
            AssetScene scene = scope.own(new AssetScene(gpu, asset));
            SceneRenderer renderer = scope.own(new SceneRenderer(gpu));
            ImageComparison comparison = scope.own(new ImageComparison(gpu));
            DepthNormalReader depthNormals = scope.own(new DepthNormalReader(gpu));
            List<SceneRenderer.Frame> learned = new ArrayList<>();
            List<float[]> fromDepth = new ArrayList<>();
            Pictures nvs = new Pictures();
            List<ImageComparison.Score> nvsScores = new ArrayList<>();
            List<Double> nvsStray = new ArrayList<>();
            for (TrainingView view : views) {
                renderer.render(scene, view.camera(), scene.light(scene.learnedLight(), true, asset.tracedReflections()),
                        depthNormals.after(renderer, view.camera()));
                SceneRenderer.Frame frame = renderer.read(view.camera());
                learned.add(frame);
                fromDepth.add(depthNormals.read(view.camera()));
                float[] display = frame.display(asset.gamma(), background);
                nvsScores.add(comparison.compare(display, view.image(), background));
                nvsStray.add(StrayLight.of(display, view.image(), background));
                nvs.add(pictures.resolve("nvs_pbr").resolve(view.name() + ".png"), display,
                        Pictures.composited(view.image(), background), frame.width(), frame.height());
                progress.rendered("nvs_pbr");
            }
            nvs.writeContactSheet(pictures.resolve("nvs_pbr-contact-sheet.png"));
            putScores(report, "nvs_pbr", nvsScores);
            double strayLight = StrayLight.mean(nvsStray);
            if (!Double.isNaN(strayLight)) { // photos without transparency (real captures) have no empty pixels
                report.put("nvs_pbr_stray_light", strayLight);
            }
            report.put("mean_occlusion", meanOver(learned, SceneRenderer.Frame::occlusion));
            report.put("mean_indirect", meanOver(learned, SceneRenderer.Frame::indirect));
            double[] scale = albedo(report, learned, comparison);
            normals(report, learned, fromDepth);
            scalarMaterial(report, learned, "roughness", ROUGHNESS_CHANNEL);
            scalarMaterial(report, learned, "metallic", METALLIC_CHANNEL);
            relight(report, "relight", scene, renderer, comparison, environments);
            report.put("relight_note", "GS-IR's protocol: HDRIs in the datasets' equirect convention, the asset's albedo as "
                    + "learned, its occlusion" + (asset.specularOcclusion() ? " (of the specular lobe too, as it was learned)" : "")
                    + (relitIndirect ? "; its indirect light scaled per channel by the HDRI's mean radiance over the learned "
                    + "light's (eval --relit-indirect)" : ", no indirect light (it was learned under the training light)")
                    + (tracedReflections ? "; the scene's reflections in its glossy surfaces traced through the Gaussians "
                    + "(eval --traced-reflections)" : ""));
            if (!Double.isNaN(strayLight)) {
                report.put("stray_light_note", "nvs_pbr_stray_light and each relight environment's stray_light: the mean "
                        + "over pixels the truth leaves empty (alpha 0) and channels of |prediction - background| in display "
                        + "space, averaged over views: light from Gaussians where there is no object, which a black "
                        + "background can hide under the learned light and relighting show");
            }
            if (scale != null && !environments.isEmpty()) { // TensoIR's protocol: albedo rescaled by the albedo metric's scale
                AssetScene rescaled = scope.own(new AssetScene(gpu, withScaledAlbedo(asset, scale)));
                relight(report, "relight_rescaled", rescaled, renderer, comparison, environments);
                report.put("relight_rescaled_note", "TensoIR's protocol: as relight, with the albedo multiplied per channel by "
                        + "albedo_scale (clamped to 1) before relighting");
            }
            if (tracedReflections || asset.tracedReflections()) {
                report.put("reflection_grid", scene.reflections().grid().summary());
            }
            ceiling(report, scene, comparison, environments, training, learned);
            light(report, training);
            for (Path hdri : extraHdris) {
                renderUnder(scene, renderer, hdri);
            }
        }
        return report;
    }

    /**
     * How the learned light's energy is spread beside the training HDRI's (when the dataset names it): whether it
     * formed a sun or spread one over the sky (docs/benchmarks.md).
     */
    private void light(Map<String, Object> report, java.util.Optional<RelightingEnvironments.Environment> training) {
        if (asset.environment() == null) {
            return;
        }
        Map<String, Object> light = new LinkedHashMap<>();
        light.put("learned", EnvironmentStatistics.of(asset.environment()).toMap());
        training.ifPresent(environment -> light.put(environment.name(),
                EnvironmentStatistics.ofEquirect(HdrImageReader.read(environment.hdri())).toMap()));
        light.put("note", "luminance (mean of R, G, B) weighted by solid angle: mean, median, peak, and the share of the "
                + "energy in the brightest 0.1 % of directions (a sun's)");
        report.put("light", light);
    }

    /**
     * The normal error of an asset without a material (after the geometry stage alone): its G-buffer normals against
     * normal.png, so geometry runs can be compared without training materials. Empty where the views have no normals.
     */
    public Map<String, Object> evaluateNormals() {
        Map<String, Object> report = new LinkedHashMap<>();
        try (ResourceScope scope = new ResourceScope("normal evaluation")) {
            AssetScene scene = scope.own(new AssetScene(gpu, asset));
            SceneRenderer renderer = scope.own(new SceneRenderer(gpu));
            DepthNormalReader depthNormals = scope.own(new DepthNormalReader(gpu));
            EnvironmentLight grey = scope.own(new EnvironmentLight(gpu, "grey", CubeChain.standard(GREY_CUBE_SIZE)));
            float[] ones = new float[6 * GREY_CUBE_SIZE * GREY_CUBE_SIZE * 3];
            Arrays.fill(ones, 1f);
            grey.radiance().uploadFloats(ones);
            gpu.submitAndWait(commands -> scene.builder().recordMips(commands, grey)); // normals do not depend on the light
            List<SceneRenderer.Frame> frames = new ArrayList<>();
            List<float[]> fromDepth = new ArrayList<>();
            for (TrainingView view : views) {
                renderer.render(scene, view.camera(), scene.light(grey, false), depthNormals.after(renderer, view.camera()));
                frames.add(renderer.read(view.camera()));
                fromDepth.add(depthNormals.read(view.camera()));
                progress.rendered("normals");
            }
            normals(report, frames, fromDepth);
        }
        return report;
    }

    private void putScores(Map<String, Object> report, String metric, List<ImageComparison.Score> scores) {
        report.put(metric + "_psnr", scores.stream().mapToDouble(ImageComparison.Score::psnr).average().orElse(Double.NaN));
        report.put(metric + "_ssim", scores.stream().mapToDouble(ImageComparison.Score::ssim).average().orElse(Double.NaN));
        report.put(metric + "_views", scores);
    }

    /** The asset with its albedo multiplied per channel by {@code scale}, clamped to 1. */
    static RelightableAsset withScaledAlbedo(RelightableAsset asset, double[] scale) {
        float[] albedo = asset.material().albedo().clone();
        for (int i = 0; i < albedo.length; i++) {
            albedo[i] = (float) Math.min(1, albedo[i] * scale[i % 3]);
        }
        return new RelightableAsset(asset.gaussians(), new RelightableAsset.Material(albedo, asset.material().roughness(),
                asset.material().metallic()), asset.environment(), asset.occlusion(), asset.irradiance(), asset.whiteBackground(),
                asset.gamma(), asset.specularOcclusion(), asset.tracedReflections());
    }

    /**
     * Albedo PSNR/SSIM after one per-channel scale: median of truth / prediction over covered pixels of all views.
     * Returns the scale, or null without ground-truth albedo.
     */
    private double[] albedo(Map<String, Object> report, List<SceneRenderer.Frame> frames, ImageComparison comparison) {
        List<Rgba8Image> truths = new ArrayList<>();
        for (TrainingView view : views) {
            Path file = view.source().resolveSibling("albedo.png");
            if (!Files.exists(file)) {
                return null; // no ground truth albedo (real captures)
            }
            truths.add(GroundTruthPicture.read(file, view.camera().width(), view.camera().height(),
                    GroundTruthPicture.Encoding.SRGB));
        }
        double[] scale = new double[3];
        for (int c = 0; c < 3; c++) {
            List<Double> ratios = new ArrayList<>();
            for (int v = 0; v < views.size(); v++) {
                float[] predicted = frames.get(v).material(3 + c);
                byte[] rgba = truths.get(v).pixels();
                for (int p = 0; p < predicted.length; p++) {
                    double truth = Srgb.decode((rgba[4 * p + c] & 0xff) / 255.0);
                    if ((rgba[4 * p + 3] & 0xff) >= COVERED_ALPHA && frames.get(v).opacity()[p] > 0.5f && predicted[p] > 1e-4) {
                        ratios.add(truth / predicted[p]);
                    }
                }
            }
            scale[c] = median(ratios);
        }
        Pictures pictureSet = new Pictures();
        List<ImageComparison.Score> scores = new ArrayList<>();
        for (int v = 0; v < views.size(); v++) {
            SceneRenderer.Frame frame = frames.get(v);
            int pixels = frame.width() * frame.height();
            float[] shown = new float[3 * pixels];
            for (int c = 0; c < 3; c++) {
                float[] predicted = frame.material(3 + c);
                for (int p = 0; p < pixels; p++) {
                    double encoded = Srgb.encode(Math.min(1, scale[c] * predicted[p]));
                    shown[c * pixels + p] = (float) (encoded * frame.opacity()[p] + background.get(c) * (1 - frame.opacity()[p]));
                }
            }
            scores.add(comparison.compare(shown, truths.get(v), background));
            pictureSet.add(pictures.resolve("albedo").resolve(views.get(v).name() + ".png"), shown,
                    Pictures.composited(truths.get(v), background), frame.width(), frame.height());
        }
        pictureSet.writeContactSheet(pictures.resolve("albedo-contact-sheet.png"));
        putScores(report, "albedo", scores);
        report.put("albedo_scale", scale);
        report.put("albedo_note", "prediction scaled per channel by the median of truth/prediction (linear) over covered pixels "
                + "of all test views, then sRGB-encoded like albedo.png; both composited on the background");
        return scale;
    }

    /**
     * Normal errors of the splats' blended normals and of the normals from the rendered depth (what the geometry
     * stage's depth–normal term fits the former to), each with pictures: mean angle over covered pixels, GS-IR's
     * whole-image variant, and the lean ({@link NormalErrors}).
     */
    private void normals(Map<String, Object> report, List<SceneRenderer.Frame> frames, List<float[]> fromDepth) {
        NormalErrors rendered = new NormalErrors(true), depth = new NormalErrors(false);
        Pictures renderedPictures = new Pictures(), depthPictures = new Pictures();
        for (int v = 0; v < views.size(); v++) {
            Path file = views.get(v).source().resolveSibling("normal.png");
            if (!Files.exists(file)) {
                return;
            }
            SceneRenderer.Frame frame = frames.get(v);
            Camera camera = views.get(v).camera();
            Rgba8Image truthImage = GroundTruthPicture.read(file, frame.width(), frame.height(), GroundTruthPicture.Encoding.LINEAR);
            int pixels = frame.width() * frame.height();
            float[] truth = new float[3 * pixels]; // unit, zero where uncovered
            boolean[] isCovered = new boolean[pixels];
            byte[] rgba = truthImage.pixels();
            for (int p = 0; p < pixels; p++) {
                double[] t = new double[3];
                for (int c = 0; c < 3; c++) {
                    t[c] = (rgba[4 * p + c] & 0xff) / 255.0 * 2 - 1;
                }
                double length = Math.sqrt(t[0] * t[0] + t[1] * t[1] + t[2] * t[2]);
                isCovered[p] = (rgba[4 * p + 3] & 0xff) >= COVERED_ALPHA && length > 0.5;
                for (int c = 0; c < 3; c++) {
                    truth[c * pixels + p] = isCovered[p] ? (float) (t[c] / length) : 0;
                }
            }
            float[] blended = Arrays.copyOf(frame.features(), 3 * pixels); // G-buffer channels 0–2: the normal
            float[] expected = shown(truth, pixels);
            rendered.add(camera, blended, truth, isCovered);
            depth.add(camera, fromDepth.get(v), truth, isCovered);
            String name = views.get(v).name() + ".png";
            renderedPictures.add(pictures.resolve("normal").resolve(name), shown(blended, pixels), expected, frame.width(),
                    frame.height());
            depthPictures.add(pictures.resolve("normal_from_depth").resolve(name), shown(fromDepth.get(v), pixels), expected,
                    frame.width(), frame.height());
        }
        renderedPictures.writeContactSheet(pictures.resolve("normal-contact-sheet.png"));
        depthPictures.writeContactSheet(pictures.resolve("normal_from_depth-contact-sheet.png"));
        report.put("normal_mae_deg", rendered.meanDegrees());
        report.put("normal_mae_deg_whole_image", rendered.wholeImageDegrees());
        report.put("normal_lean", rendered.lean());
        report.put("normal_from_depth_mae_deg", depth.meanDegrees());
        report.put("normal_from_depth_share", depth.share());
        report.put("normal_from_depth_lean", depth.lean());
        report.put("normal_note", "normal_mae_deg: mean angle between the rendered (blended) normal and normal.png over pixels "
                + "covered in the truth (alpha >= 0.5); normal_mae_deg_whole_image: GS-IR's variant, the same errors over all "
                + "pixels (background counted as 0 degrees); normal_lean: the mean of (predicted - true) unit normals, in world "
                + "space and in each view's camera frame (right, up, towards the camera); normal_from_depth_*: the same for the "
                + "normals of the rendered depth (the geometry stage's depth-normal term's), over the share of covered pixels "
                + "that have one");
    }

    /** Unit normals as colours (n + 1) / 2, the background where there is none. */
    private float[] shown(float[] normals, int pixels) {
        float[] shown = new float[3 * pixels];
        for (int p = 0; p < pixels; p++) {
            double length = Math.sqrt(normals[p] * normals[p] + normals[pixels + p] * normals[pixels + p]
                    + normals[2 * pixels + p] * normals[2 * pixels + p]);
            for (int c = 0; c < 3; c++) {
                shown[c * pixels + p] = length > 1e-12 ? (float) (0.5 + 0.5 * normals[c * pixels + p] / length) : background.get(c);
            }
        }
        return shown;
    }

    /**
     * Mean absolute error of a linear grey material channel (roughness.png, metallic.png) over pixels covered in the
     * truth, with pictures: a decomposition can reproduce the photos and relight badly because a diffuse surface was
     * learned as metal, which only these show.
     */
    private void scalarMaterial(Map<String, Object> report, List<SceneRenderer.Frame> frames, String name, int channel) {
        double errorSum = 0;
        long covered = 0;
        Pictures pictureSet = new Pictures();
        for (int v = 0; v < views.size(); v++) {
            Path file = views.get(v).source().resolveSibling(name + ".png");
            if (!Files.exists(file)) {
                return;
            }
            SceneRenderer.Frame frame = frames.get(v);
            byte[] grey = GroundTruthPicture.read(file, frame.width(), frame.height(), GroundTruthPicture.Encoding.LINEAR).pixels();
            float[] predicted = frame.material(channel);
            int pixels = frame.width() * frame.height();
            float[] shown = new float[3 * pixels], expected = new float[3 * pixels];
            for (int p = 0; p < pixels; p++) {
                float a = (grey[4 * p + 3] & 0xff) / 255f;
                float truth = (grey[4 * p] & 0xff) / 255f;
                float o = frame.opacity()[p];
                for (int c = 0; c < 3; c++) {
                    shown[c * pixels + p] = predicted[p] * o + background.get(c) * (1 - o);
                    expected[c * pixels + p] = truth * a + background.get(c) * (1 - a);
                }
                if ((grey[4 * p + 3] & 0xff) >= COVERED_ALPHA) {
                    errorSum += Math.abs(predicted[p] - truth);
                    covered++;
                }
            }
            pictureSet.add(pictures.resolve(name).resolve(views.get(v).name() + ".png"), shown, expected, frame.width(),
                    frame.height());
        }
        pictureSet.writeContactSheet(pictures.resolve(name + "-contact-sheet.png"));
        report.put(name + "_mae", covered == 0 ? Double.NaN : errorSum / covered);
    }

    private void relight(Map<String, Object> report, String metric, AssetScene scene, SceneRenderer renderer,
                         ImageComparison comparison, List<RelightingEnvironments.Environment> environments) {
        Map<String, Object> perEnvironment = new LinkedHashMap<>();
        List<Double> means = new ArrayList<>();
        for (RelightingEnvironments.Environment environment : environments) {
            List<Rgba8Image> truths = new ArrayList<>();
            for (TrainingView view : views) {
                Path file = view.source().resolveSibling(environment.pictureName());
                if (!Files.exists(file)) {
                    truths = null;
                    break;
                }
                truths.add(GroundTruthPicture.read(file, view.camera().width(), view.camera().height(),
                        GroundTruthPicture.Encoding.SRGB));
            }
            if (truths == null) {
                continue;
            }
            try (EnvironmentLight light = load(scene, environment.hdri())) {
                Pictures pictureSet = new Pictures();
                List<ImageComparison.Score> scores = new ArrayList<>();
                List<Double> stray = new ArrayList<>();
                for (int v = 0; v < views.size(); v++) {
                    TrainingView view = views.get(v);
                    renderer.render(scene, view.camera(), scene.light(light, relitIndirect, tracedReflections));
                    SceneRenderer.Frame frame = renderer.read(view.camera());
                    float[] display = frame.display(asset.gamma(), background);
                    scores.add(comparison.compare(display, truths.get(v), background));
                    stray.add(StrayLight.of(display, truths.get(v), background));
                    pictureSet.add(pictures.resolve(metric + "_" + environment.name()).resolve(view.name() + ".png"), display,
                            Pictures.composited(truths.get(v), background), frame.width(), frame.height());
                    progress.rendered(metric + " " + environment.name());
                }
                pictureSet.writeContactSheet(pictures.resolve(metric + "_" + environment.name() + "-contact-sheet.png"));
                double psnr = scores.stream().mapToDouble(ImageComparison.Score::psnr).average().orElse(Double.NaN);
                double ssim = scores.stream().mapToDouble(ImageComparison.Score::ssim).average().orElse(Double.NaN);
                Map<String, Object> entry = new LinkedHashMap<>(Map.of("psnr", psnr, "ssim", ssim, "stray_light",
                        StrayLight.mean(stray), "hdri", environment.hdri().toString(), "views", scores));
                if (relitIndirect && asset.irradiance() != null) {
                    org.joml.Vector3f indirectScale = scene.indirectScale(light);
                    entry.put("indirect_scale", List.of(indirectScale.x, indirectScale.y, indirectScale.z));
                }
                perEnvironment.put(environment.name(), entry);
                means.add(psnr);
            }
        }
        if (!perEnvironment.isEmpty()) {
            report.put(metric, perEnvironment);
            report.put(metric + "_psnr_mean", means.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
        }
    }

    /** The shading model's ceiling under each environment with ground truth (see {@link ShadingCeiling}). */
    private void ceiling(Map<String, Object> report, AssetScene scene, ImageComparison comparison,
                         List<RelightingEnvironments.Environment> environments,
                         java.util.Optional<RelightingEnvironments.Environment> training, List<SceneRenderer.Frame> learned) {
        Map<String, Object> ceilings = new LinkedHashMap<>(), occludedCeilings = new LinkedHashMap<>();
        ShadingCeiling.Occlusion occlusion = scene.occlusion() == null ? null
                : new ShadingCeiling.Occlusion(scene.occlusion(), learned.stream().map(SceneRenderer.Frame::depth).toList());
        List<RelightingEnvironments.Environment> all = new ArrayList<>();
        training.ifPresent(all::add);
        all.addAll(environments);
        for (RelightingEnvironments.Environment environment : all) {
            String picture = training.isPresent() && environment == training.get() ? "rgba.png" : environment.pictureName();
            try (EnvironmentLight light = load(scene, environment.hdri())) {
                ShadingCeiling.Ceilings psnr = ShadingCeiling.psnr(gpu, views, light, scene.dfg(), picture, background,
                        asset.gamma(), comparison, pictures.resolve("ceiling_" + environment.name()), occlusion,
                        pictures.resolve("ceiling_occluded_" + environment.name()));
                if (!Double.isNaN(psnr.plain())) {
                    ceilings.put(environment.name(), psnr.plain());
                }
                if (!Double.isNaN(psnr.occluded())) {
                    occludedCeilings.put(environment.name(), psnr.occluded());
                }
                progress.renderedViews("ceiling " + environment.name(), views.size());
            }
        }
        if (!ceilings.isEmpty()) {
            report.put("shading_ceiling_psnr", ceilings);
            report.put("shading_ceiling_note", "ground-truth normal, albedo, roughness and metallic of each test view shaded by "
                    + "our split-sum model under the dataset's HDRI (no occlusion, no indirect light): the best this model "
                    + "reaches with a perfect decomposition");
        }
        if (!occludedCeilings.isEmpty()) {
            report.put("shading_ceiling_occluded_psnr", occludedCeilings);
            report.put("shading_ceiling_occluded_note", "the same with the asset's baked occlusion on the diffuse light, each "
                    + "pixel placed at the depth the asset's render gave it: above shading_ceiling_psnr where the occlusion "
                    + "brings the model nearer the path-traced truth, below where it darkens what the truth lit");
        }
    }

    private void renderUnder(AssetScene scene, SceneRenderer renderer, Path hdri) {
        String name = hdri.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        try (EnvironmentLight light = load(scene, hdri)) {
            for (TrainingView view : views) {
                renderer.render(scene, view.camera(), scene.light(light, relitIndirect, tracedReflections));
                SceneRenderer.Frame frame = renderer.read(view.camera());
                Evaluator.writePng(pictures.resolve("hdri_" + name).resolve(view.name() + ".png"),
                        frame.display(asset.gamma(), background), frame.width(), frame.height());
                progress.rendered("hdri " + name);
            }
        }
    }

    private EnvironmentLight load(AssetScene scene, Path hdri) {
        EnvironmentLight light = new EnvironmentLight(gpu, hdri.getFileName().toString(), CubeChain.standard(RELIGHT_CUBE_SIZE));
        try {
            scene.builder().load(HdrImageReader.read(hdri), 0f, light);
            return light;
        } catch (RuntimeException e) {
            light.close();
            throw e;
        }
    }

    /** Mean of a per-pixel term over the covered pixels (coverage > 0.5) of the rendered views. */
    private static double meanOver(List<SceneRenderer.Frame> frames, java.util.function.Function<SceneRenderer.Frame, float[]> term) {
        double sum = 0;
        long count = 0;
        for (SceneRenderer.Frame frame : frames) {
            float[] values = term.apply(frame);
            for (int p = 0; p < values.length; p++) {
                if (frame.opacity()[p] > 0.5f) {
                    sum += values[p];
                    count++;
                }
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return 1;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
