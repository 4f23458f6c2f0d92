package dev.splatlight.trainer.cli;

import dev.splatlight.core.asset.AtomicFiles;
import dev.splatlight.core.cli.BadInputException;
import dev.splatlight.core.cli.GpuChoice;
import dev.splatlight.core.cli.OutputLock;
import dev.splatlight.core.cli.OutputPaths;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.light.io.HdrFormatException;
import dev.splatlight.core.light.io.HdrImageReader;
import dev.splatlight.trainer.TrainConfig;
import dev.splatlight.trainer.bake.BakeSettings;
import dev.splatlight.trainer.bake.SceneBounds;
import dev.splatlight.trainer.data.Dataset;
import dev.splatlight.trainer.material.MaterialSettings;
import dev.splatlight.trainer.reflection.ReflectionSettings;
import dev.splatlight.trainer.stage.Pipeline;
import dev.splatlight.core.cli.StopRequest;
import dev.splatlight.trainer.stage.TrainingStopped;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./splatlight train}: geometry → bake → material on a dataset, writing a relightable asset directory. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train relightable Gaussians on posed photos (GS-IR: geometry stage, occlusion bake, material stage) "
                + "and write an asset directory. Each stage resumes from its checkpoint with --resume.")
public final class TrainCommand implements Callable<Integer> {
    static final String CONFIG_FILE = "train-config.json";

    @Option(names = "--data", required = true, description = "Dataset directory (Blender/NeRF-synthetic or COLMAP).")
    Path data;

    @Option(names = "--out", required = true, description = "Asset directory to write (created if missing).")
    Path out;

    @Option(names = "--stages", split = ",", defaultValue = "geometry,bake,material",
            description = "Stages to run, in order, from: geometry, bake, material (default: all). A stage reads what the "
                    + "one before it left in --out.")
    List<Pipeline.Stage> stages;

    @Option(names = "--resume", description = "Continue each stage from its checkpoint in --out (finished stages are skipped).")
    boolean resume;

    @Option(names = "--iterations", defaultValue = "30000", description = "Geometry-stage iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--material-iterations", defaultValue = "5000",
            description = "Material-stage iterations (default: ${DEFAULT-VALUE}).")
    int materialIterations;

    @Mixin
    PhotoOptions photos;

    @Option(names = "--white-background", description = "Composite RGBA photos on white (default: black).")
    boolean whiteBackground;

    @Option(names = "--gamma", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Compare sRGB(shaded) with the photos in the material stage, as GS-IR's --gamma (default: on).")
    boolean gamma;

    @Option(names = "--initial-points", defaultValue = "100000", description = "Random initial Gaussians for object scenes without points.")
    int initialPoints;

    @Option(names = "--init", paramLabel = "FILE", description = "Start from a mesh (.gltf, .glb, .obj, .fbx, .ply: "
            + "--initial-points samples over its surface, oriented by it, coloured by its material) or a point cloud (a .ply "
            + "or .obj of points), in the dataset's world coordinates, instead of the dataset's points or random ones.")
    Path init;

    @Option(names = "--checkpoint-every", defaultValue = "5000", description = "Geometry iterations between checkpoints.")
    int checkpointEvery;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the initial points, view order, splits and light.")
    long seed;

    @Option(names = "--normal-consistency-weight", defaultValue = "" + TrainConfig.NORMAL_CONSISTENCY_WEIGHT,
            description = "Weight of L1(rendered normal, normal from depth) (default: ${DEFAULT-VALUE}).")
    float normalConsistencyWeight;

    @Option(names = "--normal-smoothness-weight", defaultValue = "" + TrainConfig.NORMAL_SMOOTHNESS_WEIGHT,
            description = "Weight of the edge-aware total variation of rendered normals (default: ${DEFAULT-VALUE}).")
    float normalSmoothnessWeight;

    @Option(names = "--reflections", negatable = true,
            description = "Geometry stage: shade mirror reflections (per-Gaussian reflection strength and a learned mirror "
            + "light, on 3DGS-DR's schedule), so that a mirror gets its own surface and normals instead of a reflection "
            + "painted inside it; the asset's radiance is refitted without it at the end. With it the material stage "
            + "traces reflections, occludes the specular lobe and keeps the normals fixed unless told otherwise (below). "
            + "For full-length runs of scenes with mirrors (trio: relighting 25.5 → 27.8–27.9 dB, albedo 23.1 → "
            + "26.6–27.1 dB); on small data it does worse (docs/benchmarks.md). Default: off, as GS-IR; a run that "
            + "does not train the geometry stage (--stages without geometry, or --resume) follows the folder's.")
    Boolean reflections;

    @Option(names = "--reflection-normal-weight", paramLabel = "W", defaultValue = "" + ReflectionSettings.NORMAL_WEIGHT,
            description = "With --reflections: how strongly the reflection turns the normals, a factor on its gradient "
            + "(default: ${DEFAULT-VALUE}; 3DGS-DR's is 1). A mirror's rendered depth is not its surface (its reflection "
            + "forms inside it), so the depth-normal losses pull its normals the wrong way and the reflection must "
            + "outweigh them: trio's mirror sphere 8.8–9.1° off at 1, 7.8–8.2° at 3, 7.6° at 10 (albedo 23.0–23.4, "
            + "23.8, 24.3 dB). On small photos of blurry reflections it turns whole faces the wrong way (mini, 96² "
            + "photos: normals 13° without reflections, 25° at 1, 32° at 10, 14° at 0); 0 leaves the normals to the "
            + "depth-normal losses.")
    float reflectionNormalWeight;

    @Option(names = "--reflection-normal-smoothness", paramLabel = "S", defaultValue = "" + ReflectionSettings.NORMAL_SMOOTHNESS,
            description = "With --reflections: the normal smoothness a mirror gets as a share of other surfaces', 0..10 "
            + "(default: ${DEFAULT-VALUE}, as GS-IR; above 1 a mirror is smoothed more). Smoothing normals in image space "
            + "leans them towards the cameras (~40 %% of the lean eval's normal_lean shows on mini), which a mirror, "
            + "turning its reflection by twice its normal's error, pays for most; yet on trio less of it made the "
            + "mirror sphere's normals worse (1: 9.1°, 0.5: 9.2°, 0: 9.6°).")
    float reflectionNormalSmoothness;

    @Option(names = "--reflection-smoothness-edges", paramLabel = "E", defaultValue = "" + ReflectionSettings.SMOOTHNESS_EDGES,
            description = "Experimental. With --reflections: the share of the photo's edges the normal smoothness stops at "
            + "on a mirror, 0..1 (default: ${DEFAULT-VALUE}, as GS-IR). The edges a mirror shows are its reflection's, "
            + "not its shape's; at 0 a mirror is smoothed across them.")
    float reflectionSmoothnessEdges;

    @Option(names = "--reflection-trace-every", paramLabel = "N", defaultValue = "" + ReflectionSettings.TRACE_EVERY,
            description = "With --reflections: trace each mirror pixel's reflected ray through a snapshot of the "
            + "Gaussians, taken every N iterations, so the learned mirror light stands only for what the ray does not "
            + "meet: a mirror shows its neighbours too, which no environment can (default: ${DEFAULT-VALUE}; 0: off, "
            + "as 3DGS-DR).")
    int reflectionTraceEvery;

    @Option(names = "--reflection-normal-consistency", paramLabel = "K", defaultValue = "" + ReflectionSettings.NORMAL_CONSISTENCY,
            description = "With --reflections: the share of the depth–normal consistency a mirror keeps, 0..1 (default: "
            + "${DEFAULT-VALUE}, as GS-IR). A mirror's rendered depth is not its surface (its reflection forms inside "
            + "it: trio's sphere's depth normals are 40° off), so the term pulls its normals the wrong way; 0 leaves "
            + "them to the reflection and the smoothness.")
    float reflectionNormalConsistency;

    @Option(names = "--depth-normal-coupling", paramLabel = "D", description = "Geometry stage: how much of the "
            + "depth–normal consistency's gradient also moves the rendered depth (as in 2DGS), from a quarter of the run "
            + "on, so that the depth comes to agree with the normals as well as the normals with the depth; 0 is GS-IR "
            + "(the depth's normals a fixed target). Default: " + TrainConfig.DEPTH_NORMAL_COUPLING + " (trio: normals "
            + "9.7° → 7.0–7.1°, albedo +0.7–0.8 dB, relighting +0.4 dB, 17 %% fewer Gaussians; with --reflections it "
            + "puts the mirror on its surface: albedo +1.4 dB, relighting +1.4 dB), but 0 with --reflections where the "
            + "alpha term is off (photos without transparency, or --alpha-weight 0): there, in two of five trio runs, a "
            + "sheet of floaters grew in the empty background and showed under new light (docs/benchmarks.md).")
    Float depthNormalCoupling;

    @Option(names = "--distortion-weight", defaultValue = "0", description = "Experimental. Geometry stage: weight of the "
            + "distortion loss on the blend weights (Mip-NeRF 360), a prior that each ray meets one surface "
            + "(default: ${DEFAULT-VALUE}, off).")
    float distortionWeight;

    @Option(names = "--alpha-weight", paramLabel = "W", description = "Geometry stage: weight of a term pulling the "
            + "rendered opacity towards the photos' alpha, mean |opacity − alpha| over pixels, so that Gaussians where "
            + "the photos show no object lose their opacity (black ones against a black background otherwise cost "
            + "nothing, and relighting may light them). Needs photos whose alpha marks the background, as the synthetic "
            + "datasets'. Default: " + TrainConfig.ALPHA_WEIGHT + " for such photos (trio: albedo +1.0 dB, normals "
            + "−0.5°, relighting +0.2 dB, radiance −0.1 dB), 0 (off, as GS-IR) for photos opaque everywhere.")
    Float alphaWeight;

    @Option(names = "--bake-resolution", defaultValue = "128", description = "Occlusion probes per axis (default: ${DEFAULT-VALUE}).")
    int bakeResolution;

    @Option(names = "--bake-bound", description = "The occlusion volume spans [-bound, bound]^3 (default: 1.5 for object "
            + "datasets; for COLMAP scenes 1.1 × what covers 98 %% of the sparse points, printed).")
    Float bakeBound;

    @Option(names = "--bake-threshold", description = "Occluders farther than this along a ray do not occlude (default: 0.25 "
            + "for object datasets; for COLMAP scenes GS-IR's ratio 0.25 / 1.5 of the bound).")
    Float bakeThreshold;

    @Option(names = "--bake-near", description = "Occluders nearer than this many grid spacings along a ray do not count "
            + "(default: 0.85 of the threshold, at least 1.5 spacings: nearer ones are mostly the probe's own surface, and on "
            + "trio darkened the shading below the truth; GS-IR's is about 1.5).")
    Float bakeNear;

    @Option(names = "--environment-resolution", defaultValue = "256",
            description = "Face size of the learned cubemap light (default: ${DEFAULT-VALUE}).")
    int environmentResolution;

    @Option(names = "--irradiance-resolution", defaultValue = "64",
            description = "Probes per axis of the learned indirect-light volume; 0 turns indirect light off (default: ${DEFAULT-VALUE}).")
    int irradianceResolution;

    @Option(names = "--material-lr", defaultValue = "" + MaterialSettings.MATERIAL_LEARNING_RATE,
            description = "Adam rate of the material logits (default: ${DEFAULT-VALUE}; GS-IR's 0.01 leaves 5,000 "
                    + "iterations short of converged).")
    float materialLearningRate;

    @Option(names = "--environment-lr", defaultValue = "0.01",
            description = "Adam rate of the learned light's log radiance (default: ${DEFAULT-VALUE}).")
    float environmentLearningRate;

    @Option(names = "--material-smoothness", defaultValue = "" + MaterialSettings.SMOOTHNESS_WEIGHT,
            description = "Weight of the edge-aware TV of albedo, roughness and metallic (default: ${DEFAULT-VALUE}).")
    float materialSmoothness;

    @Option(names = "--material-prior", defaultValue = "" + MaterialSettings.PRIOR_WEIGHT,
            description = "Weight of the prior mean(1 - roughness) + mean(metallic) (default: ${DEFAULT-VALUE}).")
    float materialPrior;

    @Option(names = "--environment-smoothness", defaultValue = "" + MaterialSettings.ENVIRONMENT_SMOOTHNESS,
            description = "Weight of the TV of the learned light's log radiance (default: ${DEFAULT-VALUE}).")
    float environmentSmoothness;

    @Option(names = "--normal-lr", paramLabel = "R",
            description = "Adam rate of the normals through the shading in the material stage, so that glossy surfaces can "
                    + "correct the geometry stage's normals; 0 keeps them fixed, as GS-IR (default: "
                    + MaterialSettings.NORMAL_LEARNING_RATE + ", 0 with --reflections, whose geometry stage has already "
                    + "turned the mirrors' normals by their reflections: on trio, traced with specular occlusion, 0.003 / "
                    + "0.001 / 0 relit at 27.66 / 27.75 / 27.82–27.86 dB).")
    Float normalLearningRate;

    @Option(names = "--normal-anchor", defaultValue = "" + MaterialSettings.NORMAL_ANCHOR,
            description = "Weight of mean(1 - n.n0) keeping learned normals near the geometry stage's (default: ${DEFAULT-VALUE}).")
    float normalAnchor;

    @Option(names = "--material-rate-decay", paramLabel = "SHARE", defaultValue = "" + MaterialSettings.RATE_DECAY,
            description = "Every learning rate of the material stage at its last iteration as a share of its first, "
                    + "reached exponentially; 1 keeps them constant, as GS-IR (default: ${DEFAULT-VALUE}).")
    float materialRateDecay;

    @Option(names = "--glossy-init", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Start Gaussians whose geometry-stage colour depends on the view as glossy metal (default: on).")
    boolean glossyInitialisation;

    @Option(names = "--sun-lobes", defaultValue = "0",
            description = "Spherical-Gaussian lobes added to the learned light, so that it can hold a sun (0..8; "
                    + "default: ${DEFAULT-VALUE}).")
    int sunLobes;

    @Option(names = "--light-start", paramLabel = "HDRI", description = "Material stage: start the learned light from "
            + "this HDRI (Radiance .hdr or OpenEXR, equirectangular in the datasets' convention) instead of the geometry "
            + "stage's or GS-IR's; with --environment-lr 0 it is held fixed, so materials are learned under a known light "
            + "(for research: the light the photos were taken under tells a decomposition's errors from its light's).")
    Path lightStart;

    @Option(names = "--clip-margin", defaultValue = "0",
            description = "Material stage: a photo channel clipped at 255 asks the shaded image for at least 1 + this "
                    + "(display units) instead of at least 1, since clipping only bounds the truth from below (0..1; "
                    + "default: ${DEFAULT-VALUE}, GS-IR's).")
    float clipMargin;

    @Option(names = "--specular-occlusion", negatable = true, description = "Material stage: the baked occlusion "
            + "occludes the specular reflection too, not only the diffuse light (GS-IR: only the diffuse), and what a "
            + "reflection does not see of the environment comes from the learned indirect light; recorded in the asset, "
            + "which eval and the viewer then shade alike. Default: on with --reflections, else off.")
    Boolean specularOcclusion;

    @Option(names = "--traced-reflections", negatable = true, description = "Material stage: glossy pixels trace their "
            + "reflected ray through the Gaussians and show what it meets, shaded under the learned light, instead of "
            + "only the environment (what it meets is held in the backward, as the occlusion is; docs/reflections.md). "
            + "Default: on with --reflections (trio: relighting +0.4 dB), else off (trio: −0.2 dB).")
    Boolean tracedReflections;

    @Option(names = "--median-albedo", defaultValue = "0",
            description = "Exposure prior: start the light so that the median Gaussian's albedo is this; 0 starts albedo at the "
                    + "photos' colour (default: ${DEFAULT-VALUE}).")
    float medianAlbedo;

    @Mixin
    GpuChoice gpu;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The options where given; else GS-IR's object settings, or for a COLMAP scene bounds from its points (said). */
    private BakeSettings bakeSettingsFor(Dataset dataset) {
        BakeSettings object = BakeSettings.OBJECT_SCENE;
        float bound = bakeBound != null ? bakeBound : object.bound();
        float threshold = bakeThreshold != null ? bakeThreshold : object.threshold();
        if (!dataset.objectScene() && dataset.sparsePoints().map(p -> p.count() > 0).orElse(false)
                && (bakeBound == null || bakeThreshold == null)) {
            if (bakeBound == null) {
                bound = SceneBounds.bound(dataset.sparsePoints().orElseThrow().positions());
            }
            if (bakeThreshold == null) {
                threshold = SceneBounds.threshold(bound);
            }
            System.err.printf("bake: occlusion volume [-%.3g, %.3g]^3, threshold %.3g, from the scene's %,d sparse points "
                    + "(--bake-bound, --bake-threshold to choose)%n", bound, bound, threshold,
                    dataset.sparsePoints().orElseThrow().count());
        }
        return new BakeSettings(bakeResolution, bound, threshold, object.dilation(),
                bakeNear != null ? bakeNear : BakeSettings.defaultNearSpacings(bakeResolution, bound, threshold));
    }

    /** The command that continues this run: its own options (resume refuses others), with --resume. */
    String resumeCommand() {
        List<String> args = List.of("--data", data.toString(), "--out", out.toString());
        if (spec != null) { // the whole command line as typed: the arguments after this command's name
            List<String> typed = spec.commandLine().getParseResult().originalArgs();
            args = typed.subList(typed.indexOf(spec.name()) + 1, typed.size());
        }
        StringBuilder command = new StringBuilder("./splatlight train");
        for (String arg : args) {
            command.append(' ').append(arg.matches("[\\w@%+=:,./-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return args.contains("--resume") ? command.toString() : command.append(" --resume").toString();
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    /**
     * --reflections as given; else, where this command does not start the geometry stage afresh (--resume, or --stages
     * without geometry), what the folder's geometry was trained with, so that the material stage's defaults follow the
     * Gaussians it is given; else off.
     */
    private boolean reflections() {
        if (reflections != null) {
            return reflections;
        }
        boolean recorded = (resume || !stages.contains(Pipeline.Stage.GEOMETRY))
                && ResumeCheck.recordedGeometryFlag(out.resolve(CONFIG_FILE), "reflections");
        if (recorded) {
            System.err.printf("geometry: %s's Gaussians were trained with --reflections (its %s), so this run takes it "
                    + "(--no-reflections does not)%n", out, CONFIG_FILE);
        }
        return recorded;
    }

    /** --depth-normal-coupling as given; else what a resumed run recorded; else the default for these options. */
    private float depthNormalCoupling(boolean reflections, float alphaWeight) {
        return depthNormalCoupling != null ? depthNormalCoupling
                : resumedOrDefault("--depth-normal-coupling", "depthNormalCoupling",
                        TrainConfig.defaultDepthNormalCoupling(reflections, alphaWeight));
    }

    /** --alpha-weight as given; else what a resumed run recorded; else the default for these photos. */
    private float alphaWeight(boolean photosHaveTransparency) {
        return alphaWeight != null ? alphaWeight
                : resumedOrDefault("--alpha-weight", "alphaWeight", TrainConfig.defaultAlphaWeight(photosHaveTransparency));
    }

    /**
     * What the run being resumed recorded for the geometry setting {@code field} — its checkpoints were trained with
     * it, and these defaults have changed before (said, where it differs) — else {@code fallback}.
     */
    private float resumedOrDefault(String option, String field, float fallback) {
        Float recorded = resume ? ResumeCheck.recordedGeometrySetting(out.resolve(CONFIG_FILE), field) : null;
        if (recorded == null) {
            return fallback;
        }
        if (recorded != fallback) {
            System.err.printf("resuming with the run's %s %s (the default is %s)%n", option, recorded, fallback);
        }
        return recorded;
    }

    @Override
    public Integer call() throws Exception {
        if (resume && !Pipeline.hasCheckpoint(out)) {
            throw new BadInputException(out + ": nothing to resume from (no checkpoint of any stage); run without --resume");
        }
        // validated before minutes of loading; the alpha term's and the depth coupling's defaults wait for the photos
        boolean withReflections = reflections();
        TrainConfig asGiven = new TrainConfig(data.toString(), out.toString(), iterations, whiteBackground, initialPoints,
                TrainConfig.INITIAL_BOUND, TrainConfig.SSIM_WEIGHT, normalConsistencyWeight, normalSmoothnessWeight, checkpointEvery, seed, init == null ? null : init.toString(),
                new ReflectionSettings(withReflections, reflectionNormalWeight, reflectionNormalSmoothness, reflectionNormalConsistency,
                        reflectionSmoothnessEdges, reflectionTraceEvery),
                depthNormalCoupling == null ? 0 : depthNormalCoupling, distortionWeight, alphaWeight == null ? 0 : alphaWeight);
        MaterialSettings defaults = MaterialSettings.DEFAULTS;
        MaterialSettings material = new MaterialSettings(materialIterations, environmentResolution, irradianceResolution, gamma,
                materialSmoothness, materialPrior, environmentSmoothness,
                materialLearningRate, environmentLearningRate, defaults.irradianceLearningRate(),
                defaults.specularSamples(), defaults.checkpointInterval(), glossyInitialisation, medianAlbedo,
                normalLearningRate != null ? normalLearningRate : MaterialSettings.defaultNormalLearningRate(withReflections),
                normalAnchor, sunLobes, lightStart == null ? null : lightStart.toAbsolutePath().toString(), clipMargin,
                specularOcclusion != null ? specularOcclusion : MaterialSettings.defaultGlossyShading(withReflections),
                tracedReflections != null ? tracedReflections : MaterialSettings.defaultGlossyShading(withReflections),
                materialRateDecay);
        if (withReflections && stages.contains(Pipeline.Stage.GEOMETRY)) {
            System.err.println(reflectionTraceEvery > 0
                    ? "geometry: with --reflections, what the mirrors show of the scene is traced through a snapshot of the "
                    + "Gaussians taken every " + reflectionTraceEvery + " iterations (--reflection-trace-every N; 0 turns it off)"
                    : "geometry: with --reflections, the mirrors' light stands for everything they show (--reflection-trace-every 0)");
        }
        if (withReflections && stages.contains(Pipeline.Stage.MATERIAL)
                && (tracedReflections == null || specularOcclusion == null || normalLearningRate == null)) {
            System.err.printf("material: with --reflections, traced reflections %s, specular occlusion %s, normals %s "
                            + "(--[no-]traced-reflections, --[no-]specular-occlusion, --normal-lr R to change)%n",
                    onOff(material.tracedReflections()), onOff(material.specularOcclusion()),
                    material.learnsNormals() ? "learned at " + material.normalLearningRate() : "fixed");
        }
        if (lightStart != null) { // a missing or malformed file fails now, not after the geometry stage's minutes
            try {
                HdrImageReader.read(lightStart);
            } catch (HdrFormatException e) {
                throw new BadInputException(e.getMessage() + " (--light-start)");
            }
        }
        OutputPaths.directory(out); // before minutes of loading: an unusable --out fails at once
        if (init != null) {
            dev.splatlight.core.mesh.MeshImporter.checkFile(init);
        }
        Dataset dataset = photos.open(data);
        System.err.printf("%s: %s dataset, %d training and %d test views%n", data, dataset.format(), dataset.train().size(),
                dataset.test().size());
        boolean transparency = dataset.train().stream().anyMatch(view -> view.image().hasTransparency());
        if (alphaWeight != null && alphaWeight > 0 && !transparency) {
            throw new BadInputException(data + ": --alpha-weight needs photos whose alpha marks the background, and "
                    + "every training photo here is opaque everywhere");
        }
        float alpha = alphaWeight(transparency);
        if (alphaWeight == null && alpha > 0) {
            System.err.printf("geometry: the photos' alpha marks the background, so the alpha term is on (--alpha-weight %s; "
                    + "0 turns it off)%n", alpha);
        }
        TrainConfig config = asGiven.withAlphaWeight(alpha).withDepthNormalCoupling(depthNormalCoupling(withReflections, alpha));
        BakeSettings bake = bakeSettingsFor(dataset);
        Pipeline.Config recorded = new Pipeline.Config(photos.recorded(), config, bake, material,
                List.copyOf(stages));
        StopRequest stop = StopRequest.onSignals("stopping after this iteration to write a checkpoint");
        try (OutputLock lock = OutputLock.acquire(out, "train")) {
            if (resume) {
                ResumeCheck.check(out.resolve(CONFIG_FILE), recorded);
            }
            AtomicFiles.writeJson(out.resolve(CONFIG_FILE), recorded);
            try (Gpu device = Gpu.open(gpu.options())) {
                System.err.println("GPU: " + device.info().name());
                new Pipeline(device, dataset, out, config, bake, material, resume, stop).run(EnumSet.copyOf(stages));
            }
        } catch (TrainingStopped stopped) { // the device is closed by now: the driver needs that before the JVM exits
            String where = stopped.checkpoint() == null ? "before the " + stopped.stage() + " stage"
                    : "at " + stopped.stage() + " iteration " + stopped.iteration() + ", checkpoint " + stopped.checkpoint();
            System.err.printf("splatlight: stopped (%s) %s; continue with: %s%n", stop.reason(), where, resumeCommand());
            return StopRequest.EXIT_STATUS;
        }
        return 0;
    }
}
