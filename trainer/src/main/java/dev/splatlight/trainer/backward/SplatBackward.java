package dev.splatlight.trainer.backward;

import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.ComputeKernel;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.gpu.SpecializationConstants;
import dev.splatlight.core.splat.GaussianBuffers;
import dev.splatlight.core.splat.RasterMode;
import dev.splatlight.core.splat.RasterTargets;
import dev.splatlight.core.splat.RenderedFrame;
import dev.splatlight.core.splat.SplatRasterizer;
import dev.splatlight.shaders.ShaderProgram;

/**
 * The backward pass of {@link SplatRasterizer}: blend backward (per tile, back to front, into screen-space
 * gradients), then projection backward (into parameter gradients). Needs float atomics on storage buffers.
 */
public final class SplatBackward implements AutoCloseable {
    private static final int GROUP = 256;
    private final ResourceScope kernels = new ResourceScope("backward kernels");
    private final ComputeKernel rasterizeBackward;
    private final ComputeKernel projectBackward;   // null when only feature gradients are wanted
    private final GpuBuffer unusedScreenGradients; // bound in place of [N, 10] when only feature gradients are wanted
    private final int featureChannels;
    private final boolean distortion;

    /** Specialization constants of rasterize_backward.comp: may feature losses change the blend weights? */
    private static final int FEATURES_SHAPE_ALPHA_CONSTANT = 1;
    /** ... and are screen-space (geometry) gradients wanted at all? */
    private static final int GEOMETRY_GRADIENTS_CONSTANT = 2;
    /** ... and is the distortion term compiled in (so that a pass without it runs the kernel it always ran)? */
    private static final int DISTORTION_CONSTANT = 3;

    /** A backward pass in which losses on the blended features also reach the blend weights (the exact gradient). */
    public SplatBackward(Gpu gpu, int featureChannels, RasterMode mode) {
        this(gpu, featureChannels, mode, true);
    }

    /**
     * @param featuresShapeAlpha false: gradients of feature losses update the features only, not opacity and
     *        geometry (the geometry stage's choice for normals)
     */
    public SplatBackward(Gpu gpu, int featureChannels, RasterMode mode, boolean featuresShapeAlpha) {
        this(gpu, featureChannels, mode, featuresShapeAlpha, true, false);
    }

    /**
     * A pass that can also take the distortion term ({@link #record(CommandRecorder, GaussianBuffers, RenderedFrame,
     * PixelGradients, GaussianGradients, float)} with a non-zero weight).
     */
    public static SplatBackward withDistortion(Gpu gpu, int featureChannels, RasterMode mode, boolean featuresShapeAlpha) {
        return new SplatBackward(gpu, featureChannels, mode, featuresShapeAlpha, true, true);
    }

    /**
     * The blend backward alone, for passes that keep geometry fixed (the material stage): only ∂L/∂features is
     * accumulated, see {@link #recordFeatures}.
     */
    public static SplatBackward featuresOnly(Gpu gpu, int featureChannels, RasterMode mode) {
        return new SplatBackward(gpu, featureChannels, mode, false, false, false);
    }

    private SplatBackward(Gpu gpu, int featureChannels, RasterMode mode, boolean featuresShapeAlpha, boolean geometry,
                          boolean distortion) {
        if (!gpu.info().bufferFloatAtomicAdd()) {
            throw new dev.splatlight.core.gpu.GpuUnavailableException(gpu.info().name()
                    + " lacks float atomic add on storage buffers (shaderBufferFloat32AtomicAdd), which training needs");
        }
        this.featureChannels = featureChannels;
        this.distortion = distortion;
        SpecializationConstants smooth = SpecializationConstants.of(SplatRasterizer.RASTER_MODE_CONSTANT, mode.smoothTestModeConstant());
        try {
            rasterizeBackward = kernels.own(ComputeKernel.create(gpu, ShaderProgram.RASTERIZE_BACKWARD,
                    smooth.with(SplatRasterizer.FEATURE_CHANNELS_CONSTANT, featureChannels)
                            .with(FEATURES_SHAPE_ALPHA_CONSTANT, featuresShapeAlpha ? 1 : 0)
                            .with(GEOMETRY_GRADIENTS_CONSTANT, geometry ? 1 : 0)
                            .with(DISTORTION_CONSTANT, distortion ? 1 : 0)));
            projectBackward = geometry ? kernels.own(ComputeKernel.create(gpu, ShaderProgram.PROJECT_BACKWARD, smooth)) : null;
            unusedScreenGradients = geometry ? null
                    : kernels.own(GpuBuffer.create(gpu, "unused screen gradients [1, 10] f32", 40, MemoryKind.DEVICE));
        } catch (RuntimeException e) {
            kernels.close();
            throw e;
        }
    }

    /** Records ∂L/∂parameters of {@code splats} for the render {@code frame}, given ∂L/∂(its images). */
    public void record(CommandRecorder commands, GaussianBuffers splats, RenderedFrame frame, PixelGradients upstream,
                       GaussianGradients gradients) {
        record(commands, splats, frame, upstream, gradients, 0f);
    }

    /**
     * As {@link #record(CommandRecorder, GaussianBuffers, RenderedFrame, PixelGradients, GaussianGradients)}, with
     * the distortion term Σ_p {@code distortionWeight}·Σ_ij w_i w_j |z_i − z_j| of every pixel p added to L
     * (rasterize_backward.comp): a prior that each ray meets one surface.
     */
    public void record(CommandRecorder commands, GaussianBuffers splats, RenderedFrame frame, PixelGradients upstream,
                       GaussianGradients gradients, float distortionWeight) {
        if (gradients.capacity() < splats.count()) {
            throw new IllegalArgumentException("gradient buffers hold " + gradients.capacity() + " Gaussians, not " + splats.count());
        }
        if (splats.featureChannels() != featureChannels && splats.count() > 0) {
            throw new IllegalArgumentException("splats carry " + splats.featureChannels() + " feature channels, not " + featureChannels);
        }
        if (projectBackward == null) {
            throw new IllegalStateException("this backward pass computes feature gradients only (recordFeatures)");
        }
        if (distortionWeight != 0 && !distortion) {
            throw new IllegalStateException("this backward pass has no distortion term (withDistortion)");
        }
        commands.fill(gradients.screen, 0);
        commands.fill(gradients.features, 0);
        commands.barrier();
        recordBlend(commands, splats, frame, upstream, gradients.screen, gradients.features, distortionWeight);
        commands.barrier();
        commands.dispatch(projectBackward.call().buffer("SplatFrame", frame.frameUniforms())
                .buffer("Means", splats.means).buffer("LogScales", splats.logScales).buffer("Rotations", splats.rotations)
                .buffer("OpacityLogits", splats.opacityLogits).buffer("ShCoefficients", splats.sh)
                .buffer("Projected", frame.projected()).buffer("SplatGradients", gradients.screen)
                .buffer("GradMeans", gradients.means).buffer("GradLogScales", gradients.logScales)
                .buffer("GradRotations", gradients.rotations).buffer("GradOpacityLogits", gradients.opacityLogits)
                .buffer("GradSh", gradients.sh), (splats.count() + GROUP - 1) / GROUP);
        commands.barrier();
    }

    /** Records ∂L/∂features ([N, F], zeroed first) alone; geometry, opacity and colour get no gradient. */
    public void recordFeatures(CommandRecorder commands, GaussianBuffers splats, RenderedFrame frame, PixelGradients upstream,
                               GpuBuffer featureGradients) {
        if (projectBackward != null) {
            throw new IllegalStateException("recordFeatures needs a features-only backward pass (featuresOnly)");
        }
        commands.fill(featureGradients, 0);
        commands.barrier();
        recordBlend(commands, splats, frame, upstream, unusedScreenGradients, featureGradients, 0f);
        commands.barrier();
    }

    private void recordBlend(CommandRecorder commands, GaussianBuffers splats, RenderedFrame frame, PixelGradients upstream,
                             GpuBuffer screenGradients, GpuBuffer featureGradients, float distortionWeight) {
        RasterTargets t = frame.targets();
        commands.dispatch(rasterizeBackward.call().buffer("SplatFrame", frame.frameUniforms())
                .buffer("Projected", frame.projected()).buffer("TileRanges", frame.tileRanges())
                .buffer("TileSplats", frame.splatFromIntersection()).buffer("Features", splats.features)
                .buffer("PixelOpacity", t.opacity).buffer("PixelDepth", t.depth)
                .buffer("PixelTransmittance", t.transmittance).buffer("PixelLastContributor", t.lastContributor)
                .buffer("GradColor", upstream.color).buffer("GradOpacity", upstream.opacity)
                .buffer("GradDepth", upstream.depth).buffer("GradFeatures", upstream.features)
                .buffer("SplatGradients", screenGradients).buffer("FeatureGradients", featureGradients)
                .pushFloat(distortionWeight), frame.tilesX(), frame.tilesY());
    }

    @Override
    public void close() {
        kernels.close();
    }
}
