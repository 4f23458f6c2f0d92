package dev.splatlight.trainer.stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.asset.AssetFormatException;
import dev.splatlight.core.asset.RelightableAsset;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.testing.SharedData;
import dev.splatlight.core.testing.VulkanTest;
import dev.splatlight.trainer.TrainConfig;
import dev.splatlight.trainer.bake.BakeSettings;
import dev.splatlight.trainer.data.Dataset;
import dev.splatlight.trainer.data.Datasets;
import dev.splatlight.trainer.eval.Evaluator;
import dev.splatlight.trainer.eval.MaterialEvaluator;
import dev.splatlight.trainer.eval.RelightingEnvironments;
import dev.splatlight.trainer.material.MaterialSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on the 96×96 `mini` dataset on lavapipe — geometry, bake, material — then every metric of the
 * evaluation, the asset's round trip and its validation.
 */
@VulkanTest
class PipelineEndToEndTest {
    private static final int GEOMETRY_ITERATIONS = 300;
    private static final int MATERIAL_ITERATIONS = 150, NORMAL_ITERATIONS = 50;
    /**
     * Measured with exactly this configuration (train's defaults for mini's photos: the alpha term and the depth
     * coupling) on lavapipe, three runs alike (2026-12-01, fourteenth session): radiance NVS 18.80 dB; shaded image
     * under the learned light, albedo, normals, relighting as below. Without the alpha term (the session before) NVS
     * 18.55, PBR 19.60, albedo 16.45, normals 41.3°, relighting 20.64 dB. Margins cover the run-to-run spread that the
     * order of float atomics causes.
     */
    private static final double NVS = 18.80, NVS_PBR = 19.87, ALBEDO = 16.88, RELIGHT = 20.61, NORMAL_DEG = 37.13;
    private static final double ROUGHNESS_MAE = 0.424, METALLIC_MAE = 0.420;
    /** The normals after 50 iterations of learning them with train's defaults (43.0–45.4°: the worst; fixed is better on mini). */
    private static final double LEARNED_NORMAL_DEG = 45.42;
    private static final double MARGIN_DB = 1.0, MARGIN_DEG = 3, MARGIN_MAE = 0.05;

    /**
     * train --reflections (the geometry stage shading reflections on 3DGS-DR's schedule; normals learned in the material
     * stage, train's default),
     * same sizes, the material stage starting from the mirror light (MirrorLightStart), measured on lavapipe in three
     * runs with --reflection-normal-weight 10 (2026-12-01, eleventh session): NVS 18.25–18.28, PBR 19.31–19.34, albedo
     * 16.73–16.82, relighting 19.88–20.08 dB, normals 60.7–61.8° (at weight 1, ninth session: 18.20–18.21, 19.26–19.28,
     * 16.85–16.87, 19.68–19.72 dB, 57.9–59.3°; from GS-IR's random light: PBR 19.58–19.64, albedo 15.92–15.93,
     * relighting 20.32–20.45, normals 51.7–53.8°; on trio the mirror light gave +0.5 dB albedo and −0.1 dB
     * relighting). 300 iterations hold the
     * colour view-independent for 100, reach no propagation step (every 1000) and refit the colours for the last 30: this
     * checks the wiring end to end, not the mirror fix, and on mini's 96² photos it scores below the run without
     * reflections. Its normals, ~60° off (the reflection gradient turning small faces), scatter more than the rest:
     * 60.5–62.0° in three runs alone and 61.1° and 64.3° in two CI runs (fourteenth session; the 64.3° one beside
     * another job on the two cores, which changes the order of float atomics), so the bound is the worst seen.
     */
    /**
     * The material stage for 20 iterations from the reflecting geometry as train --reflections runs it: traced
     * reflections, specular occlusion, fixed normals (nineteenth session, lavapipe, two runs: PBR 17.16–17.22 dB,
     * relighting 20.18–20.55 dB, a grid of 16 cells per axis for mini's large Gaussians; the geometry differs between
     * runs, its normals 59–63°; traced alone, seventeenth session: 17.37 and 20.35 dB). The bounds are the worst seen.
     */
    private static final int TRACED_ITERATIONS = 20;
    private static final double TRACED_PBR = 17.16, TRACED_RELIGHT = 20.18;
    private static final double REFLECTING_NVS = 18.26, REFLECTING_PBR = 19.32, REFLECTING_ALBEDO = 16.79,
            REFLECTING_RELIGHT = 19.95, REFLECTING_NORMAL_DEG = 64.28;

    @Test
    void miniTrainsWithReflectionsIntoAnAssetThatCarriesTheirStrength(Gpu gpu, @TempDir Path out) throws Exception {
        Path data = SharedData.path("datasets/mini");
        Dataset mini = Datasets.open(data);
        TrainConfig config = TrainConfig.gsIr(data.toString(), out.toString(), GEOMETRY_ITERATIONS, false, 3000, 1000, 0, null)
                .withReflections(true);
        MaterialSettings material = new MaterialSettings(MATERIAL_ITERATIONS, 32, 16, true, MaterialSettings.SMOOTHNESS_WEIGHT, 0.001f, 0.01f, 0.01f, 0.01f,
                0.01f, 32, 1000, true, 0f, MaterialSettings.NORMAL_LEARNING_RATE, MaterialSettings.NORMAL_ANCHOR, 0, null, 0f, false, false,
                MaterialSettings.RATE_DECAY);
        new Pipeline(gpu, mini, out, config, new BakeSettings(32, 1.5f, 0.25f, 2, 1.5f), material, false)
                .run(EnumSet.allOf(Pipeline.Stage.class));

        RelightableAsset asset = RelightableAsset.read(out);
        assertTrue(asset.gaussians().hasReflection(), "the PLY carries the reflection strength");
        float largest = 0;
        for (float r : asset.gaussians().reflection) {
            largest = Math.max(largest, r);
        }
        assertTrue(largest > 0.05f, "some Gaussians reflect: largest strength " + largest);
        Map<String, Object> report = evaluate(gpu, asset, mini, data, out);
        double nvs = (double) report.get("nvs_psnr");
        System.out.printf("[mini pipeline, reflections] NVS %.2f, PBR %.2f, albedo %.2f, normals %.2f°, relighting %.2f dB, "
                + "largest strength %.3f%n", nvs, (double) report.get("nvs_pbr_psnr"), (double) report.get("albedo_psnr"),
                (double) report.get("normal_mae_deg"), (double) report.get("relight_psnr_mean"), largest);
        assertScoresAtLeast(nvs, report, REFLECTING_NVS, REFLECTING_PBR, REFLECTING_ALBEDO, REFLECTING_RELIGHT,
                REFLECTING_NORMAL_DEG);

        // the material stage as train --reflections runs it (traced, specular occlusion, fixed normals) from the same
        // geometry, briefly: the asset records both shading choices, and eval shades it so under the learned light
        Path traced = out.resolve("traced");
        Files.createDirectories(traced);
        for (String file : new String[] {RelightableAsset.GAUSSIANS, RelightableAsset.OCCLUSION}) {
            Files.copy(out.resolve(file), traced.resolve(file));
        }
        MaterialSettings tracing = new MaterialSettings(TRACED_ITERATIONS, 32, 16, true, MaterialSettings.SMOOTHNESS_WEIGHT,
                0.001f, 0.01f, 0.01f, 0.01f, 0.01f, 32, 1000, true, 0f, MaterialSettings.defaultNormalLearningRate(true),
                MaterialSettings.NORMAL_ANCHOR, 0, null, 0f, MaterialSettings.defaultGlossyShading(true),
                MaterialSettings.defaultGlossyShading(true), MaterialSettings.RATE_DECAY);
        new Pipeline(gpu, mini, traced, TrainConfig.gsIr(data.toString(), traced.toString(), GEOMETRY_ITERATIONS, false, 3000,
                1000, 0, null), new BakeSettings(32, 1.5f, 0.25f, 2, 1.5f), tracing, false).run(EnumSet.of(Pipeline.Stage.MATERIAL));
        RelightableAsset tracedAsset = RelightableAsset.read(traced);
        assertTrue(tracedAsset.tracedReflections(), "the manifest records traced reflections");
        assertTrue(tracedAsset.specularOcclusion(), "the manifest records specular occlusion");
        Map<String, Object> tracedReport = new MaterialEvaluator(gpu, tracedAsset, mini.test(), traced.resolve("eval"), false, true)
                .evaluate(RelightingEnvironments.of(data), List.of(), RelightingEnvironments.training(data));
        System.out.printf("[mini pipeline, reflections] material stage traced for %d iterations: PBR %.2f, relighting %.2f dB, "
                + "grid %s%n", TRACED_ITERATIONS, (double) tracedReport.get("nvs_pbr_psnr"),
                (double) tracedReport.get("relight_psnr_mean"), tracedReport.get("reflection_grid"));
        assertTrue((double) tracedReport.get("nvs_pbr_psnr") >= TRACED_PBR - MARGIN_DB, "traced PBR " + tracedReport.get("nvs_pbr_psnr"));
        assertTrue((double) tracedReport.get("relight_psnr_mean") >= TRACED_RELIGHT - MARGIN_DB,
                "traced relighting " + tracedReport.get("relight_psnr_mean"));
    }

    /** eval's report of {@code asset} on mini's test views, with the radiance NVS as {@code nvs_psnr}; pictures under out. */
    private static Map<String, Object> evaluate(Gpu gpu, RelightableAsset asset, Dataset mini, Path data, Path out) {
        List<Evaluator.ViewMetrics> radiance = Evaluator.evaluate(gpu, asset.gaussians(), mini.test(), false, out.resolve("radiance"));
        Map<String, Object> report = new java.util.LinkedHashMap<>(new MaterialEvaluator(gpu, asset, mini.test(), out.resolve("eval"))
                .evaluate(RelightingEnvironments.of(data), List.of(), RelightingEnvironments.training(data)));
        report.put("nvs_psnr", radiance.stream().mapToDouble(Evaluator.ViewMetrics::psnr).average().orElseThrow());
        return report;
    }

    /** The measured scores, each within its margin: PSNRs at most 1 dB lower, the normal error at most 3° higher. */
    private static void assertScoresAtLeast(double nvs, Map<String, Object> report, double expectedNvs, double pbr,
                                            double albedo, double relight, double normalDegrees) {
        assertTrue(nvs >= expectedNvs - MARGIN_DB, "NVS " + nvs);
        assertTrue((double) report.get("nvs_pbr_psnr") >= pbr - MARGIN_DB, "PBR " + report.get("nvs_pbr_psnr"));
        assertTrue((double) report.get("albedo_psnr") >= albedo - MARGIN_DB, "albedo " + report.get("albedo_psnr"));
        assertTrue((double) report.get("relight_psnr_mean") >= relight - MARGIN_DB, "relight " + report.get("relight_psnr_mean"));
        assertTrue((double) report.get("normal_mae_deg") <= normalDegrees + MARGIN_DEG, "normals " + report.get("normal_mae_deg"));
    }

    @Test
    void miniTrainsIntoAnAssetThatRelights(Gpu gpu, @TempDir Path out) throws Exception {
        Path data = SharedData.path("datasets/mini");
        Dataset mini = Datasets.open(data);
        TrainConfig config = TrainConfig.gsIr(data.toString(), out.toString(), GEOMETRY_ITERATIONS, false, 3000, 1000, 0, null)
                .withAlphaWeight(TrainConfig.defaultAlphaWeight(true))
                .withDepthNormalCoupling(TrainConfig.defaultDepthNormalCoupling(false, TrainConfig.defaultAlphaWeight(true)));
        MaterialSettings material = new MaterialSettings(MATERIAL_ITERATIONS, 32, 16, true, MaterialSettings.SMOOTHNESS_WEIGHT, 0.001f, 0.01f, 0.01f, 0.01f,
                0.01f, 32, 1000, true, 0f, 0f, MaterialSettings.NORMAL_ANCHOR, 0, null, 0f, false, false,
                MaterialSettings.RATE_DECAY);
        new Pipeline(gpu, mini, out, config, new BakeSettings(32, 1.5f, 0.25f, 2, 1.5f), material, false)
                .run(EnumSet.allOf(Pipeline.Stage.class));

        RelightableAsset asset = RelightableAsset.read(out);
        assertTrue(asset.relightable());
        Path copy = out.resolve("copy");
        asset.write(copy);
        for (String file : new String[] {RelightableAsset.GAUSSIANS, RelightableAsset.ENVIRONMENT, RelightableAsset.OCCLUSION,
                RelightableAsset.IRRADIANCE}) {
            assertArrayEquals(Files.readAllBytes(out.resolve(file)), Files.readAllBytes(copy.resolve(file)), file + " round-trips");
        }

        Map<String, Object> report = evaluate(gpu, asset, mini, data, out);
        double nvs = (double) report.get("nvs_psnr");
        System.out.printf("[mini pipeline] NVS %.2f, PBR %.2f, albedo %.2f, normals %.2f°, relighting %.2f dB, roughness MAE "
                + "%.3f, metallic MAE %.3f%n", nvs, (double) report.get("nvs_pbr_psnr"), (double) report.get("albedo_psnr"),
                (double) report.get("normal_mae_deg"), (double) report.get("relight_psnr_mean"), (double) report.get("roughness_mae"),
                (double) report.get("metallic_mae"));
        assertScoresAtLeast(nvs, report, NVS, NVS_PBR, ALBEDO, RELIGHT, NORMAL_DEG);
        assertTrue((double) report.get("roughness_mae") <= ROUGHNESS_MAE + MARGIN_MAE, "roughness " + report.get("roughness_mae"));
        assertTrue((double) report.get("metallic_mae") <= METALLIC_MAE + MARGIN_MAE, "metallic " + report.get("metallic_mae"));
        assertTrue(Files.isRegularFile(out.resolve("eval").resolve("metallic-contact-sheet.png")));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> relit = (Map<String, Map<String, Object>>) report.get("relight");
        for (String where : new String[] {"learned", "city", "sunset"}) { // mini's empty space stays nearly black
            double stray = (double) (where.equals("learned") ? report.get("nvs_pbr_stray_light") : relit.get(where).get("stray_light"));
            System.out.printf("[mini pipeline] stray light where the truth is empty, %s light: %.5f%n", where, stray);
            assertTrue(stray >= 0 && stray < 0.02, "stray light under the " + where + " light: " + stray);
        }
        RelightableAsset geometryOnly = new RelightableAsset(asset.gaussians(), null, null, null, null, asset.whiteBackground(),
                asset.gamma(), false, false);
        Map<String, Object> normalsOnly = new MaterialEvaluator(gpu, geometryOnly, mini.test(), out.resolve("eval-geometry"))
                .evaluateNormals();
        assertEquals((double) report.get("normal_mae_deg"), (double) normalsOnly.get("normal_mae_deg"), 1e-9,
                "a geometry-only asset's normals are scored as the relightable asset's");
        double fromDepth = (double) report.get("normal_from_depth_mae_deg");
        assertEquals(fromDepth, (double) normalsOnly.get("normal_from_depth_mae_deg"), 1e-9, "and so are its depth's normals");
        assertTrue(fromDepth > 0 && fromDepth < 60 && (double) report.get("normal_from_depth_share") > 0.5,
                "normals from depth " + fromDepth + " over " + report.get("normal_from_depth_share") + " of the covered pixels");
        assertTrue(Files.isRegularFile(out.resolve("eval").resolve("normal_from_depth-contact-sheet.png")));
        // scored at half size (eval --images-scale 2): the ground-truth pictures are shrunk as the photos are, so every
        // metric stays near the full-size one (it read the wrong pixels before: normals NaN, albedo ~9 dB on engine)
        Map<String, Object> half = new MaterialEvaluator(gpu, asset, Datasets.open(data, 2).test(), out.resolve("eval-half"))
                .evaluate(RelightingEnvironments.of(data), List.of(), RelightingEnvironments.training(data));
        for (String metric : new String[] {"nvs_pbr_psnr", "albedo_psnr", "relight_psnr_mean"}) {
            assertEquals((double) report.get(metric), (double) half.get(metric), 2.5, metric + " at half size");
        }
        assertEquals((double) report.get("normal_mae_deg"), (double) half.get("normal_mae_deg"), 4, "normals at half size");
        assertEquals((double) report.get("roughness_mae"), (double) half.get("roughness_mae"), 0.05, "roughness at half size");
        assertEquals(2, ((Map<?, ?>) report.get("relight")).size(), "mini lists two relighting environments");
        assertEquals(2, ((Map<?, ?>) report.get("relight_rescaled")).size(), "and TensoIR's protocol beside GS-IR's");
        assertEquals(3, ((Map<?, ?>) report.get("shading_ceiling_psnr")).size(), "a ceiling for the training light and both others");
        // the learned light beside the training HDRI's: courtyard's peak and sun share as numpy computes them from the
        // file (docs/measurements/environment-stats.py: peak 50.17, brightest 0.1 % holds 0.0246, median 0.0698)
        Map<?, ?> courtyard = (Map<?, ?>) ((Map<?, ?>) report.get("light")).get("courtyard");
        assertEquals(50.17, (double) courtyard.get("peak"), 0.01);
        assertEquals(0.0246, (double) courtyard.get("brightest_0.1%_share"), 0.0005);
        assertEquals(0.0698, (double) courtyard.get("median"), 0.001);
        assertTrue((double) ((Map<?, ?>) ((Map<?, ?>) report.get("light")).get("learned")).get("mean") > 0, "the learned light's stats");
        assertTrue(Files.isRegularFile(out.resolve("eval").resolve("albedo-contact-sheet.png")));
        assertTrue(Files.isRegularFile(out.resolve("train-summary.json")));
        com.fasterxml.jackson.databind.JsonNode light = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("train-summary.json").toFile()).at("/material/light_trace/" + MATERIAL_ITERATIONS);
        assertTrue(light.at("/peak").asDouble() >= light.at("/mean").asDouble() && light.at("/mean").asDouble() > 0
                && light.at("/median").asDouble() > 0, "the summary traces the learned light: " + light);
        double share = light.get("brightest_0.1%_share").asDouble();
        assertTrue(share >= 0.001 && share < 1, "the brightest 0.1 % holds at least 0.1 % of the light: " + share);
        com.fasterxml.jackson.databind.JsonNode materials = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("train-summary.json").toFile()).at("/material/material_trace/" + MATERIAL_ITERATIONS);
        assertTrue(materials.at("/mirrors").isMissingNode() && materials.at("/others/gaussians").asInt() > 0
                && materials.at("/others/metallic").asDouble() > 0 && materials.at("/others/metallic").asDouble() < 1,
                "without reflections every Gaussian is traced as another: " + materials);

        // the material stage learning normals (train's default: --normal-lr 0.01, --normal-anchor 0.1) from the same
        // geometry: the asset's normals move and stay unit vectors, and their error is what was measured (on mini's 96²
        // photos they get worse, 37.1° → 43.0–45.4°; on trio they go from 10.6° to 9.7°: docs/benchmarks.md)
        Path refined = out.resolve("refined");
        Files.createDirectories(refined);
        for (String file : new String[] {RelightableAsset.GAUSSIANS, RelightableAsset.OCCLUSION}) {
            Files.copy(out.resolve(file), refined.resolve(file));
        }
        MaterialSettings learning = new MaterialSettings(NORMAL_ITERATIONS, 32, 16, true, MaterialSettings.SMOOTHNESS_WEIGHT,
                0.001f, 0.01f, 0.01f, 0.01f, 0.01f, 32, 1000, true, 0f, MaterialSettings.NORMAL_LEARNING_RATE,
                MaterialSettings.NORMAL_ANCHOR, 0, null, 0f, false, false, MaterialSettings.RATE_DECAY);
        new Pipeline(gpu, mini, refined, TrainConfig.gsIr(data.toString(), refined.toString(), GEOMETRY_ITERATIONS, false, 3000,
                1000, 0, null), new BakeSettings(32, 1.5f, 0.25f, 2, 1.5f), learning, false).run(EnumSet.of(Pipeline.Stage.MATERIAL));
        float[] before = asset.gaussians().normals, after = RelightableAsset.read(refined).gaussians().normals;
        int moved = 0;
        for (int i = 0; i < after.length; i += 3) {
            double length = Math.sqrt(after[i] * after[i] + after[i + 1] * after[i + 1] + after[i + 2] * after[i + 2]);
            assertEquals(1, length, 1e-4, "learned normal " + i / 3 + " is a unit vector");
            double was = Math.sqrt(before[i] * before[i] + before[i + 1] * before[i + 1] + before[i + 2] * before[i + 2]);
            double cos = (after[i] * before[i] + after[i + 1] * before[i + 1] + after[i + 2] * before[i + 2]) / (length * was);
            moved += cos < Math.cos(Math.toRadians(0.5)) ? 1 : 0; // turned by more than half a degree
        }
        assertTrue(moved > after.length / 30, "some normals moved: " + moved);
        double learnedError = (double) new MaterialEvaluator(gpu, RelightableAsset.read(refined), mini.test(), out.resolve("eval-refined"))
                .evaluateNormals().get("normal_mae_deg");
        System.out.printf("[mini pipeline] normals learned by the shading for %d iterations: %.2f° (fixed: %.2f°), %d of %d moved%n",
                NORMAL_ITERATIONS, learnedError, (double) report.get("normal_mae_deg"), moved, after.length / 3);
        assertTrue(learnedError <= LEARNED_NORMAL_DEG + MARGIN_DEG, "learned normals " + learnedError);

        // eval --align needs the cameras the trainer writes beside the asset (the copy has none): exit 2, before the GPU
        assertEquals(2, dev.splatlight.core.cli.CommandLine.run(new dev.splatlight.trainer.cli.TrainerMain(), new String[] {"eval",
                "--asset", copy.toString(), "--data", data.toString(), "--align", "--out", out.resolve("aligned.json").toString()}));
        assertTrue(Files.isRegularFile(out.resolve(dev.splatlight.core.asset.AssetCameras.FILE)), "the trained asset has them");

        // a truncated or inconsistent asset fails in one line naming the file
        byte[] environment = Files.readAllBytes(copy.resolve(RelightableAsset.ENVIRONMENT));
        Files.write(copy.resolve(RelightableAsset.ENVIRONMENT), java.util.Arrays.copyOf(environment, environment.length - 7));
        AssetFormatException truncated = assertThrows(AssetFormatException.class, () -> RelightableAsset.read(copy));
        assertTrue(truncated.getMessage().contains(RelightableAsset.ENVIRONMENT) && !truncated.getMessage().contains("\n"),
                truncated.getMessage());
        Files.write(copy.resolve(RelightableAsset.ENVIRONMENT), environment);
        String manifest = Files.readString(copy.resolve(RelightableAsset.MANIFEST));
        Files.writeString(copy.resolve(RelightableAsset.MANIFEST), manifest.replaceFirst("\"gaussians\" : \\d+", "\"gaussians\" : 7"));
        AssetFormatException inconsistent = assertThrows(AssetFormatException.class, () -> RelightableAsset.read(copy));
        assertTrue(inconsistent.getMessage().contains("manifest says 7"), inconsistent.getMessage());
    }
}
