package dev.splatlight.trainer.stage;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.GpuPhaseTimer;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.light.GBufferShader;
import dev.splatlight.core.light.ShadedImage;
import dev.splatlight.core.splat.RasterMode;
import dev.splatlight.core.splat.RasterTargets;
import dev.splatlight.core.splat.RenderedFrame;
import dev.splatlight.trainer.backward.PixelGradients;
import dev.splatlight.trainer.backward.SplatBackward;
import dev.splatlight.trainer.loss.LossTerms;
import dev.splatlight.trainer.material.LearnedEnvironment;
import dev.splatlight.trainer.material.LearnedIrradianceVolume;
import dev.splatlight.trainer.material.MaterialActivation;
import dev.splatlight.trainer.material.MaterialGaussians;
import dev.splatlight.trainer.material.MaterialLosses;
import dev.splatlight.trainer.material.MaterialSettings;
import dev.splatlight.trainer.material.ShadingBackward;
import dev.splatlight.trainer.optim.AdamParameters;
import dev.splatlight.trainer.optim.AdamStep;
import java.util.HashMap;
import java.util.Map;
import org.joml.Vector3fc;

/**
 * The GPU work of one material-stage iteration after the G-buffer render, in one submission: shade → losses →
 * shading backward → blend backward (features only) → activation backward → environment adjoints → Adam, then the
 * activation and environment rebuild the next iteration renders with.
 */
final class MaterialStep implements AutoCloseable {
    private final Gpu gpu;
    private final MaterialSettings settings;
    private final ResourceScope resources = new ResourceScope("material step");
    private final GBufferShader shader;
    private final MaterialLosses losses;
    private final ShadingBackward shadingBackward;
    private final SplatBackward blendBackward;
    private final MaterialActivation activation;
    private final AdamStep adam;
    final LossTerms lossTerms;
    private final Map<Long, Scratch> scratchBySize = new HashMap<>();

    /** Per image size (owned by {@link #resources}): the shaded image and the pixel gradients. */
    private record Scratch(ShadedImage shaded, PixelGradients gradients, GpuBuffer gradShaded) {
    }

    MaterialStep(Gpu gpu, MaterialSettings settings) {
        this.gpu = gpu;
        this.settings = settings;
        try {
            shader = resources.own(new GBufferShader(gpu));
            losses = resources.own(new MaterialLosses(gpu));
            shadingBackward = resources.own(new ShadingBackward(gpu, settings.learnsNormals()));
            blendBackward = resources.own(SplatBackward.featuresOnly(gpu, GBufferShader.GBUFFER_CHANNELS, RasterMode.STANDARD));
            activation = resources.own(new MaterialActivation(gpu));
            adam = resources.own(new AdamStep(gpu, AdamParameters.GAUSSIAN_SPLATTING));
            lossTerms = resources.own(new LossTerms(gpu));
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    private Scratch scratchFor(int width, int height) {
        return scratchBySize.computeIfAbsent(((long) width << 32) | height, size -> {
            PixelGradients gradients = resources.own(new PixelGradients(gpu, width, height, GBufferShader.GBUFFER_CHANNELS));
            ShadedImage shaded = resources.own(new ShadedImage(gpu, width, height));
            GpuBuffer gradShaded = resources.own(GpuBuffer.create(gpu, "∂L/∂shaded [3, H, W] f32", 12L * width * height,
                    dev.splatlight.core.gpu.MemoryKind.DEVICE));
            return new Scratch(shaded, gradients, gradShaded);
        });
    }

    /** Prepares the first render: activated materials and the environment's derived levels. */
    void recordPrepare(CommandRecorder commands, MaterialGaussians gaussians, LearnedEnvironment environment) {
        activation.recordForward(commands, gaussians, settings.learnsNormals());
        environment.recordForward(commands);
        commands.barrier();
    }

    void record(CommandRecorder commands, RenderedFrame frame, Camera camera, GpuBuffer target, Vector3fc background,
                MaterialGaussians gaussians, LearnedEnvironment environment, LearnedIrradianceVolume indirect,
                GBufferShader.Light light, int t, GpuPhaseTimer timing) {
        RasterTargets g = frame.targets();
        Scratch s = scratchFor(g.width(), g.height());
        mark(commands, timing, "shade");
        lossTerms.recordReset(commands);
        environment.recordZeroGradients(commands);
        commands.fill(s.gradients().color, 0); // the blend backward reads these; only features get gradients here
        commands.fill(s.gradients().opacity, 0);
        commands.fill(s.gradients().depth, 0);
        if (indirect != null) {
            commands.fill(indirect.gradients, 0);
        }
        shader.record(commands, camera, g.features, g.depth, g.opacity, light, s.shaded());
        commands.barrier();
        mark(commands, timing, "losses");
        losses.record(commands, s.shaded(), g.features, g.opacity, target, background, settings, s.gradShaded(),
                s.gradients().features, lossTerms);
        commands.barrier();
        mark(commands, timing, "shading backward");
        shadingBackward.record(commands, shader.frameUniforms(), g.features, g.depth, g.opacity, environment, light.dfg(),
                s.shaded(), s.gradShaded(), s.gradients().features, indirect);
        commands.barrier();
        mark(commands, timing, "blend backward");
        blendBackward.recordFeatures(commands, gaussians.splats, frame, s.gradients(), gaussians.featureGradients);
        activation.recordBackward(commands, gaussians, settings.learnsNormals(), settings.normalAnchor());
        mark(commands, timing, "environment backward");
        environment.recordBackward(commands, settings.environmentSmoothness(), lossTerms);
        commands.barrier();
        mark(commands, timing, "adam");
        float scale = settings.rateScale(t);
        gaussians.recordAdam(commands, adam, scale * settings.materialLearningRate(), t);
        if (settings.learnsNormals()) {
            gaussians.recordNormalAdam(commands, adam, scale * settings.normalLearningRate(), t);
        }
        environment.recordAdam(commands, adam, scale * settings.environmentLearningRate(), t);
        if (indirect != null) {
            indirect.recordAdam(commands, adam, scale * settings.irradianceLearningRate(), t);
        }
        commands.barrier();
        mark(commands, timing, "rebuild");
        recordPrepare(commands, gaussians, environment);
        mark(commands, timing, "end");
    }

    private static void mark(CommandRecorder commands, GpuPhaseTimer timing, String phase) {
        if (timing != null) {
            timing.mark(commands, phase);
        }
    }

    /** Photometric L1 and PSNR of the last step (display space, against the photo composited on the background). */
    float[] lossAndPsnr(int width, int height) {
        float[] sums = lossTerms.read();
        double values = 3.0 * width * height;
        return new float[] {(float) (sums[LossTerms.L1] / values), (float) LossTerms.psnr(sums, values)};
    }

    @Override
    public void close() {
        resources.close();
    }
}
