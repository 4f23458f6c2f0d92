package dev.splatlight.trainer.backward;

import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.ComputeKernel;
import dev.splatlight.core.gpu.Gpu;
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
    private final ComputeKernel projectBackward;
    private final int featureChannels;

    /** Specialization constant of rasterize_backward.comp: may feature losses change the blend weights? */
    private static final int FEATURES_SHAPE_ALPHA_CONSTANT = 1;

    /** A backward pass in which losses on the blended features also reach the blend weights (the exact gradient). */
    public SplatBackward(Gpu gpu, int featureChannels, RasterMode mode) {
        this(gpu, featureChannels, mode, true);
    }

    /**
     * @param featuresShapeAlpha false: gradients of feature losses update the features only, not opacity and
     *        geometry (the geometry stage's choice for normals)
     */
    public SplatBackward(Gpu gpu, int featureChannels, RasterMode mode, boolean featuresShapeAlpha) {
        if (!gpu.info().bufferFloatAtomicAdd()) {
            throw new dev.splatlight.core.gpu.GpuUnavailableException(gpu.info().name()
                    + " lacks float atomic add on storage buffers (shaderBufferFloat32AtomicAdd), which training needs");
        }
        this.featureChannels = featureChannels;
        SpecializationConstants smooth = SpecializationConstants.of(SplatRasterizer.RASTER_MODE_CONSTANT, mode.smoothTestModeConstant());
        try {
            rasterizeBackward = kernels.own(ComputeKernel.create(gpu, ShaderProgram.RASTERIZE_BACKWARD,
                    smooth.with(SplatRasterizer.FEATURE_CHANNELS_CONSTANT, featureChannels)
                            .with(FEATURES_SHAPE_ALPHA_CONSTANT, featuresShapeAlpha ? 1 : 0)));
            projectBackward = kernels.own(ComputeKernel.create(gpu, ShaderProgram.PROJECT_BACKWARD, smooth));
        } catch (RuntimeException e) {
            kernels.close();
            throw e;
        }
    }

    /** Records ∂L/∂parameters of {@code splats} for the render {@code frame}, given ∂L/∂(its images). */
    public void record(CommandRecorder commands, GaussianBuffers splats, RenderedFrame frame, PixelGradients upstream,
                       GaussianGradients gradients) {
        if (gradients.capacity() < splats.count()) {
            throw new IllegalArgumentException("gradient buffers hold " + gradients.capacity() + " Gaussians, not " + splats.count());
        }
        if (splats.featureChannels() != featureChannels && splats.count() > 0) {
            throw new IllegalArgumentException("splats carry " + splats.featureChannels() + " feature channels, not " + featureChannels);
        }
        RasterTargets t = frame.targets();
        commands.fill(gradients.screen, 0);
        commands.fill(gradients.features, 0);
        commands.barrier();
        commands.dispatch(rasterizeBackward.call().buffer("SplatFrame", frame.frameUniforms())
                .buffer("Projected", frame.projected()).buffer("TileRanges", frame.tileRanges())
                .buffer("TileSplats", frame.splatFromIntersection()).buffer("Features", splats.features)
                .buffer("PixelOpacity", t.opacity).buffer("PixelDepth", t.depth)
                .buffer("PixelTransmittance", t.transmittance).buffer("PixelLastContributor", t.lastContributor)
                .buffer("GradColor", upstream.color).buffer("GradOpacity", upstream.opacity)
                .buffer("GradDepth", upstream.depth).buffer("GradFeatures", upstream.features)
                .buffer("SplatGradients", gradients.screen).buffer("FeatureGradients", gradients.features),
                frame.tilesX(), frame.tilesY());
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

    @Override
    public void close() {
        kernels.close();
    }
}
