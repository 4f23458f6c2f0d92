package dev.splatlight.trainer.stage;

import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.GpuPhaseTimer;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.splat.RasterMode;
import dev.splatlight.core.splat.RenderedFrame;
import dev.splatlight.trainer.TrainConfig;
import dev.splatlight.trainer.backward.SplatBackward;
import dev.splatlight.trainer.densify.DensificationStatistics;
import dev.splatlight.trainer.loss.AlphaLoss;
import dev.splatlight.trainer.loss.LossTerms;
import dev.splatlight.trainer.model.LearningRates;
import dev.splatlight.trainer.model.TrainableGaussians;
import dev.splatlight.trainer.optim.AdamParameters;
import dev.splatlight.trainer.optim.AdamStep;
import dev.splatlight.trainer.reflection.MirrorEnvironment;
import dev.splatlight.trainer.reflection.MirrorSceneTrace;
import dev.splatlight.trainer.reflection.ReflectionComposite;
import java.util.HashMap;
import java.util.Map;
import org.joml.Vector3fc;

/**
 * The GPU work of one geometry-stage iteration after the render: (with reflections, the trace of what the mirrors show
 * of the scene if asked for, and the deferred reflection composite) → losses (photometric, with --alpha-weight the alpha term, normal consistency, normal smoothness) →
 * pixel gradients → (the composite's backward) → backward → densification statistics → Adam. One submission.
 */
final class GeometryStep implements AutoCloseable {
    private final Gpu gpu;
    private final TrainConfig config;
    private final ResourceScope resources = new ResourceScope("geometry step");
    private final SplatBackward backward;
    private final AdamStep adam;
    private final DensificationStatistics statistics;
    private final ReflectionComposite reflection; // null without --reflections
    private final MirrorSceneTrace sceneTrace; // null without --reflection-trace-every
    private final AlphaLoss alpha; // null without --alpha-weight
    final LossTerms lossTerms;
    private final Map<Long, ImageScratch> scratchBySize = new HashMap<>();

    GeometryStep(Gpu gpu, TrainConfig config) {
        this.gpu = gpu;
        this.config = config;
        try {
            // feature losses (normals; reflection strength) shape the features only, not opacity and geometry (the
            // depth coupling, --depth-normal-coupling, reaches those through the depth's own gradient)
            backward = resources.own(config.distortionWeight() > 0
                    ? SplatBackward.withDistortion(gpu, config.geometryFeatureChannels(), RasterMode.STANDARD, false)
                    : new SplatBackward(gpu, config.geometryFeatureChannels(), RasterMode.STANDARD, false));
            reflection = config.reflection().on() ? resources.own(new ReflectionComposite(gpu)) : null;
            sceneTrace = config.reflection().traced() ? resources.own(new MirrorSceneTrace(gpu)) : null;
            alpha = config.alphaWeight() > 0 ? resources.own(new AlphaLoss(gpu)) : null;
            adam = resources.own(new AdamStep(gpu, AdamParameters.GAUSSIAN_SPLATTING));
            statistics = resources.own(new DensificationStatistics(gpu));
            lossTerms = resources.own(new LossTerms(gpu));
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /** The trace of what the mirrors show of the scene; null unless the run asked for it. */
    MirrorSceneTrace sceneTrace() {
        return sceneTrace;
    }

    ImageScratch scratchFor(int width, int height) {
        return scratchBySize.computeIfAbsent(((long) width << 32) | height,
                size -> resources.own(new ImageScratch(gpu, width, height, config.ssimWeight(), config.geometryFeatureChannels())));
    }

    /**
     * Records everything after the render of {@code frame}, of training view {@code view}; {@code t} is the 1-based
     * Adam step; {@code mirror} the environment of a run with reflections (null without, and while the colours are
     * refitted without the reflection).
     */
    void record(CommandRecorder commands, RenderedFrame frame, int view, GpuBuffer target, Vector3fc background,
                TrainableGaussians model, MirrorEnvironment mirror, LearningRates rates, float positionRate, int t,
                boolean collectStatistics, GpuPhaseTimer timing) {
        ImageScratch scratch = scratchFor(frame.targets().width(), frame.targets().height());
        GpuBuffer image = frame.targets().color;
        boolean reflects = reflection != null && mirror != null;
        GpuBuffer sceneHits = null;
        if (reflects) {
            if (sceneTrace != null && sceneTrace.ready()) {
                mark(commands, timing, "mirror scene trace");
                sceneHits = sceneTrace.record(commands, frame.frameUniforms(), frame.targets(), view);
            }
            mark(commands, timing, "reflection composite");
            mirror.recordZeroGradient(commands);
            image = reflection.recordForward(commands, frame.frameUniforms(), frame.targets(), mirror, sceneHits);
        }
        mark(commands, timing, "photometric loss");
        lossTerms.recordReset(commands);
        commands.fill(scratch.pixelGradients.opacity, 0);
        commands.fill(scratch.pixelGradients.depth, 0);
        commands.barrier();
        scratch.photometric.record(commands, image, target, background, scratch.pixelGradients.color, lossTerms);
        if (alpha != null) {
            alpha.record(commands, frame.targets().opacity, target, frame.targets().width() * frame.targets().height(),
                    config.alphaWeight(), scratch.pixelGradients.opacity, lossTerms);
        }
        mark(commands, timing, "normal losses");
        scratch.normals.record(commands, frame.frameUniforms(), frame.targets().depth, frame.targets().features, target,
                background, config.normalLossWeights(t), scratch.pixelGradients.depth, scratch.pixelGradients.features,
                lossTerms);
        if (reflects) {
            commands.barrier();
            mark(commands, timing, "reflection backward");
            reflection.recordBackward(commands, frame.frameUniforms(), frame.targets(), mirror, scratch.pixelGradients,
                    config.reflection().normalWeight(), sceneHits);
        }
        mark(commands, timing, "backward (blend + projection)");
        float distortionPerPixel = config.distortionWeight() / ((float) frame.targets().width() * frame.targets().height());
        backward.record(commands, model.parameters, frame, scratch.pixelGradients, model.gradients, distortionPerPixel);
        mark(commands, timing, "densification statistics");
        if (collectStatistics) {
            statistics.record(commands, frame, model.gradients.screen, model.statistics);
        }
        commands.barrier();
        mark(commands, timing, "adam");
        model.recordAdam(commands, adam, rates, positionRate, t);
        if (mirror != null) {
            mirror.recordAdam(commands, adam, TrainConfig.MIRROR_ENVIRONMENT_LEARNING_RATE, t);
        }
        commands.barrier();
        mark(commands, timing, "end");
    }

    private static void mark(CommandRecorder commands, GpuPhaseTimer timing, String phase) {
        if (timing != null) {
            timing.mark(commands, phase);
        }
    }

    /** Loss value and PSNR of the last step, from its sums. */
    float[] lossAndPsnr(int width, int height) {
        float[] sums = lossTerms.read();
        ImageScratch scratch = scratchFor(width, height);
        float photometric = scratch.photometric.lossValue(sums);
        return new float[] {photometric, (float) LossTerms.psnr(sums, 3.0 * width * height)};
    }

    @Override
    public void close() {
        resources.close();
    }
}
