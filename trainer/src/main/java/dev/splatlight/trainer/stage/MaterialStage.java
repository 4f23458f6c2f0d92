package dev.splatlight.trainer.stage;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuPhaseTimer;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.light.DfgTable;
import dev.splatlight.core.light.EnvironmentCube;
import dev.splatlight.core.light.EnvironmentStatistics;
import dev.splatlight.core.light.GBufferShader;
import dev.splatlight.core.light.SceneReflections;
import dev.splatlight.core.light.IrradianceVolume;
import dev.splatlight.core.light.OcclusionBuffers;
import dev.splatlight.core.light.OcclusionVolume;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.splat.RasterSettings;
import dev.splatlight.core.splat.SplatRasterizer;
import dev.splatlight.trainer.checkpoint.MaterialCheckpoint;
import dev.splatlight.trainer.data.TrainingView;
import dev.splatlight.trainer.material.HdriLightStart;
import dev.splatlight.trainer.material.LearnedEnvironment;
import dev.splatlight.trainer.material.LearnedIrradianceVolume;
import dev.splatlight.trainer.material.MaterialActivation;
import dev.splatlight.trainer.material.MaterialGaussians;
import dev.splatlight.trainer.material.MaterialInitialisation;
import dev.splatlight.trainer.material.MaterialSettings;
import dev.splatlight.trainer.material.MaterialTrace;
import dev.splatlight.trainer.material.MirrorLightStart;
import dev.splatlight.trainer.material.SunLobes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.joml.Vector3f;

/**
 * GS-IR's material stage ("stage 2"): the geometry stays as trained; each Gaussian's albedo, roughness and metallic,
 * the cubemap light and the indirect irradiance volume are fitted so that the split-sum shading of the G-buffer,
 * with the baked occlusion, reproduces the photos (design.md §1.3).
 */
public final class MaterialStage {
    private static final int PROGRESS_EVERY = 10;
    private static final int PROFILE_EVERY = 250;

    /**
     * What the stage produced; {@code environment} is radiance [6, size, size, 3]; {@code normals} the learned unit
     * normals [N, 3], or null when the stage kept the geometry's; {@code lightTrace} how the learned light's energy
     * is spread ({@link EnvironmentStatistics}) and what its sun lobes are ({@link SunLobes#describe}) at each
     * checkpoint this run wrote, as train-summary.json holds them; {@code materialTrace} the mirrors' and the other
     * Gaussians' mean materials at the same checkpoints ({@link MaterialTrace}).
     */
    public record Result(float[] logits, float[] normals, int environmentSize, float[] environment, IrradianceVolume irradiance,
                         int iterations, double seconds, float lastLoss, float lastPsnr, Map<String, Double> meanPhaseMillis,
                         Map<Integer, Map<String, Object>> lightTrace, Map<Integer, Map<String, Object>> materialTrace) {
    }

    /** Receives progress: iteration, photometric L1, PSNR of the shaded image. */
    public interface Progress {
        void update(int iteration, float loss, float psnr);

        /** Asked after every iteration: true checkpoints it and ends the run with {@link TrainingStopped}. */
        default boolean stopRequested() {
            return false;
        }
    }

    private MaterialStage() {
    }

    public static Result run(Gpu gpu, MaterialSettings settings, List<TrainingView> views, GaussianCloud geometry,
                             OcclusionVolume occlusion, boolean whiteBackground, long seed, float irradianceBound, float[] mirrorLight,
                             Path outDir, Optional<MaterialCheckpoint> resume, Progress progress) throws IOException {
        long started = System.nanoTime();
        Vector3f background = whiteBackground ? new Vector3f(1) : new Vector3f(0);
        MaterialCheckpoint state = resume.orElseGet(() -> initialState(settings, geometry, irradianceBound, mirrorLight, seed));
        Map<String, Double> phaseTotals = new LinkedHashMap<>();
        int profiled = 0;
        float[] last = {Float.NaN, Float.NaN};
        Map<Integer, Map<String, Object>> lightTrace = new LinkedHashMap<>(), materialTrace = new LinkedHashMap<>();
        try (ResourceScope scope = new ResourceScope("material stage")) {
            TargetImages targets = scope.own(new TargetImages(gpu, views));
            SplatRasterizer rasterizer = scope.own(new SplatRasterizer(gpu, GBufferShader.GBUFFER_CHANNELS));
            MaterialStep step = scope.own(new MaterialStep(gpu, settings));
            GpuPhaseTimer profiler = scope.own(new GpuPhaseTimer(gpu, 32));
            DfgTable dfg = scope.own(new DfgTable(gpu));
            OcclusionBuffers occlusionBuffers = scope.own(new OcclusionBuffers(gpu, occlusion));
            MaterialGaussians gaussians = scope.own(new MaterialGaussians(gpu, geometry, state.logits(), state.logitMoments(),
                    state.hasNormals() ? state.normals() : null, state.hasNormals() ? state.normalMoments() : null));
            LearnedEnvironment environment = scope.own(new LearnedEnvironment(gpu, state.environmentSize(), state.environment(),
                    state.environmentMoments(), state.sunLobes(), state.sunLobeMoments(), settings.specularSamples()));
            LearnedIrradianceVolume indirect = settings.indirect() ? scope.own(new LearnedIrradianceVolume(gpu,
                    new IrradianceVolume(state.irradianceResolution(), state.irradianceBound(), state.irradiance()),
                    state.irradianceMoments())) : null;
            SceneReflections reflections = settings.tracedReflections() // the current materials, over the bake's bound
                    ? scope.own(new SceneReflections(gpu, geometry, gaussians.splats.features, occlusion.bound())) : null;
            GBufferShader.Light light = new GBufferShader.Light(environment.light(), dfg, occlusionBuffers,
                    indirect == null ? null : indirect.asIndirectLight(), settings.specularOcclusion(), reflections);
            gpu.submitAndWait(commands -> step.recordPrepare(commands, gaussians, environment));
            RasterSettings raster = RasterSettings.of(0, background);
            for (int it = state.iteration() + 1; it <= settings.iterations(); it++) {
                int viewIndex = GeometryStage.viewAt(it, views.size(), seed ^ 0x5EED);
                Camera camera = views.get(viewIndex).camera();
                GpuPhaseTimer timing = it % PROFILE_EVERY == 0 ? profiler : null;
                if (timing != null) {
                    rasterizer.profileNextRender(timing);
                }
                int t = it;
                rasterizer.render(gaussians.splats, camera, raster, commands -> step.record(commands, rasterizer.lastFrame(), camera,
                        targets.get(viewIndex), background, gaussians, environment, indirect, light, t, timing));
                if (timing != null) {
                    timing.millis().forEach((phase, ms) -> phaseTotals.merge(phase, ms, Double::sum));
                    profiled++;
                }
                if (it % PROGRESS_EVERY == 0 || it == settings.iterations()) {
                    last = step.lossAndPsnr(camera.width(), camera.height());
                    if (!Float.isFinite(last[0])) {
                        throw new IllegalStateException("the material loss became " + last[0] + " at iteration " + it
                                + "; the last checkpoint before it can be resumed with --resume");
                    }
                    progress.update(it, last[0], last[1]);
                }
                if (it % settings.checkpointInterval() == 0 || it == settings.iterations()) {
                    MaterialCheckpoint checkpoint = snapshot(it, gaussians, environment, indirect, state, settings);
                    checkpoint.write(outDir.resolve(MaterialCheckpoint.FILE));
                    lightTrace.put(it, lightTrace(environment, checkpoint));
                    materialTrace.put(it, MaterialTrace.of(geometry, MaterialActivation.onHost(checkpoint.logits())));
                } else if (progress.stopRequested()) {
                    snapshot(it, gaussians, environment, indirect, state, settings).write(outDir.resolve(MaterialCheckpoint.FILE));
                    throw new TrainingStopped("material", it, outDir.resolve(MaterialCheckpoint.FILE));
                }
            }
            MaterialCheckpoint end = snapshot(settings.iterations(), gaussians, environment, indirect, state, settings);
            Map<String, Double> meanPhases = new LinkedHashMap<>();
            int samples = Math.max(1, profiled);
            phaseTotals.forEach((phase, ms) -> meanPhases.put(phase, ms / samples));
            return new Result(end.logits(), settings.learnsNormals() ? gaussians.downloadNormals() : null, end.environmentSize(),
                    environment.downloadRadiance(),
                    new IrradianceVolume(end.irradianceResolution(), end.irradianceBound(), end.irradiance()),
                    settings.iterations(), (System.nanoTime() - started) / 1e9, last[0], last[1], meanPhases, lightTrace,
                    materialTrace);
        }
    }

    /**
     * The stage's starting point: materials from the SH colours; the light from the HDRI asked for
     * ({@link HdriLightStart}), even with the exposure prior on; else the one the geometry stage's mirrors showed
     * ({@link MirrorLightStart}; {@code mirrorLight} is its state, null without reflections) if a mirror reflected
     * anything, except that with the exposure prior on its level sets the light instead (and the albedos are divided by
     * it), since the user asked for that scale; else GS-IR's random light; no indirect light.
     */
    public static MaterialCheckpoint initialState(MaterialSettings settings, GaussianCloud geometry, float irradianceBound,
                                                  float[] mirrorLight, long seed) {
        boolean prior = settings.medianAlbedo() > 0;
        double level = prior ? MaterialInitialisation.lightLevel(geometry, settings.medianAlbedo()) : 1;
        float[] logits = MaterialInitialisation.fromColours(geometry, settings.glossyInitialisation(), level);
        int size = settings.environmentResolution();
        float[] environment = null;
        if (settings.lightStart() != null) {
            environment = HdriLightStart.logRadiance(Path.of(settings.lightStart()), size);
        } else if (mirrorLight != null && !prior) {
            environment = MirrorLightStart.logRadiance(mirrorLight, size); // null where no mirror reflected anything
        }
        if (environment == null) {
            environment = LearnedEnvironment.initialLogRadiance(size, new Random(seed ^ 0xE57L),
                    prior ? level : LearnedEnvironment.GS_IR_LEVEL);
        }
        float[] lobes = settings.sunLobes() == 0 ? new float[0] : SunLobes.initial(settings.sunLobes(),
                MaterialInitialisation.lightDirection(geometry), energy(size, environment), size);
        int r = Math.max(2, settings.irradianceResolution());
        float[] irradiance = IrradianceVolume.zeros(r, irradianceBound).coefficients();
        return new MaterialCheckpoint(0, logits, new float[2 * logits.length], size, environment, new float[2 * environment.length],
                r, irradianceBound, irradiance, new float[2 * irradiance.length], new float[0], new float[0], lobes,
                new float[2 * lobes.length]);
    }

    /** The integral over the sphere of exp θ, per channel. */
    private static double[] energy(int size, float[] logRadiance) {
        float[] radiance = logRadiance.clone();
        for (int i = 0; i < radiance.length; i++) {
            radiance[i] = (float) Math.exp(radiance[i]);
        }
        return new EnvironmentCube(size, radiance).energy();
    }

    /** How the light's energy is spread (level 0 as the GPU built it, lobes included) and its lobes. */
    private static Map<String, Object> lightTrace(LearnedEnvironment environment, MaterialCheckpoint checkpoint) {
        Map<String, Object> entry = new LinkedHashMap<>(EnvironmentStatistics.of(
                new EnvironmentCube(checkpoint.environmentSize(), environment.downloadRadiance())).toMap());
        if (checkpoint.sunLobes().length > 0) {
            entry.put("sun_lobes", SunLobes.describe(checkpoint.sunLobes(), checkpoint.environmentSize()));
        }
        return entry;
    }

    private static MaterialCheckpoint snapshot(int iteration, MaterialGaussians gaussians, LearnedEnvironment environment,
                                               LearnedIrradianceVolume indirect, MaterialCheckpoint start,
                                               MaterialSettings settings) {
        float[] logits = gaussians.downloadLogits();
        float[] normals = settings.learnsNormals() ? gaussians.downloadNormalParameters() : new float[0];
        float[] environmentValues = environment.downloadLogRadiance();
        float[] lobes = environment.sunLobes().download();
        for (float[] array : new float[][] {logits, environmentValues, normals, lobes}) {
            for (float v : array) {
                if (!Float.isFinite(v)) { // never overwrite a good checkpoint with a broken one
                    throw new IllegalStateException("non-finite material parameters at iteration " + iteration
                            + "; the last checkpoint before it can be resumed with --resume");
                }
            }
        }
        return new MaterialCheckpoint(iteration, logits, gaussians.downloadMoments(), environment.chain().baseSize(),
                environmentValues, environment.downloadMoments(), start.irradianceResolution(), start.irradianceBound(),
                indirect == null ? start.irradiance() : indirect.download().coefficients(),
                indirect == null ? start.irradianceMoments() : indirect.downloadMoments(), normals,
                settings.learnsNormals() ? gaussians.downloadNormalMoments() : new float[0], lobes,
                environment.sunLobes().downloadMoments());
    }
}
