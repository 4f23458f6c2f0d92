package dev.splatlight.trainer.loss;

import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.ComputeKernel;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.gpu.SpecializationConstants;
import dev.splatlight.shaders.ShaderProgram;
import org.joml.Vector3fc;

/**
 * L = (1 − λ)·mean|render − photo| + λ·(1 − mean SSIM) over pixels and channels (3DGS's photometric loss, λ = 0.2,
 * SSIM with an 11×11 Gaussian window of σ = 1.5), and its gradient with respect to the rendered colour.
 */
public final class PhotometricLoss implements AutoCloseable {
    private static final int GROUP = 256;
    private final int width;
    private final int height;
    private final float ssimWeight;
    private final ResourceScope resources = new ResourceScope("photometric loss");
    private final ComputeKernel moments;
    private final ComputeKernel blur;
    private final ComputeKernel ssim;
    private final ComputeKernel backward;
    private final GpuBuffer momentPlanes;   // [15, H, W]
    private final GpuBuffer blurScratch;    // [15, H, W]
    private final GpuBuffer averagedPlanes; // [15, H, W]
    private final GpuBuffer partials;       // [9, H, W]
    private final GpuBuffer blurredPartials; // [9, H, W]

    public PhotometricLoss(Gpu gpu, int width, int height, float ssimWeight) {
        this.width = width;
        this.height = height;
        this.ssimWeight = ssimWeight;
        long plane = (long) width * height * 4;
        try {
            SpecializationConstants none = SpecializationConstants.none();
            moments = resources.own(ComputeKernel.create(gpu, ShaderProgram.PHOTOMETRIC_MOMENTS, none));
            blur = resources.own(ComputeKernel.create(gpu, ShaderProgram.GAUSSIAN_BLUR, none));
            ssim = resources.own(ComputeKernel.create(gpu, ShaderProgram.SSIM_FORWARD, none));
            backward = resources.own(ComputeKernel.create(gpu, ShaderProgram.PHOTOMETRIC_BACKWARD, none));
            momentPlanes = resources.own(GpuBuffer.create(gpu, "SSIM moments [15, H, W] f32", 15 * plane, MemoryKind.DEVICE));
            blurScratch = resources.own(GpuBuffer.create(gpu, "SSIM blur scratch [15, H, W] f32", 15 * plane, MemoryKind.DEVICE));
            averagedPlanes = resources.own(GpuBuffer.create(gpu, "SSIM window averages [15, H, W] f32", 15 * plane, MemoryKind.DEVICE));
            partials = resources.own(GpuBuffer.create(gpu, "SSIM partials [9, H, W] f32", 9 * plane, MemoryKind.DEVICE));
            blurredPartials = resources.own(GpuBuffer.create(gpu, "SSIM blurred partials [9, H, W] f32", 9 * plane, MemoryKind.DEVICE));
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /** Records the loss sums into {@code terms} and ∂L/∂render into {@code gradColor} ([3, H, W]). */
    public void record(CommandRecorder commands, GpuBuffer render, GpuBuffer targetRgba8, Vector3fc background,
                       GpuBuffer gradColor, LossTerms terms) {
        int pixels = width * height;
        commands.dispatch(moments.call().buffer("Render", render).buffer("Target", targetRgba8).buffer("Planes", momentPlanes)
                .pushInts(width, height).pushFloat(background.x()).pushFloat(background.y()).pushFloat(background.z()), groups(pixels));
        commands.barrier();
        recordBlur(commands, momentPlanes, averagedPlanes, 15);
        float g = -ssimWeight / (3f * pixels);
        commands.dispatch(ssim.call().buffer("Averages", averagedPlanes).buffer("Partials", partials)
                .buffer("LossTerms", terms.buffer()).pushInts(width, height).pushFloat(g), groups(pixels));
        commands.barrier();
        recordBlur(commands, partials, blurredPartials, 9);
        commands.dispatch(backward.call().buffer("Render", render).buffer("Target", targetRgba8)
                .buffer("BlurredPartials", blurredPartials).buffer("GradColor", gradColor).buffer("LossTerms", terms.buffer())
                .pushInts(width, height).pushFloat(background.x()).pushFloat(background.y()).pushFloat(background.z())
                .pushFloat((1f - ssimWeight) / (3f * pixels)), groups(pixels));
        commands.barrier();
    }

    private void recordBlur(CommandRecorder commands, GpuBuffer source, GpuBuffer destination, int planes) {
        int count = planes * width * height;
        commands.dispatch(blur.call().buffer("Source", source).buffer("Destination", blurScratch)
                .pushInts(width, height, planes, 0), groups(count));
        commands.barrier();
        commands.dispatch(blur.call().buffer("Source", blurScratch).buffer("Destination", destination)
                .pushInts(width, height, planes, 1), groups(count));
        commands.barrier();
    }

    /** The loss value from the step's sums. */
    public float lossValue(float[] sums) {
        float pixels = 3f * width * height;
        return (1f - ssimWeight) * sums[LossTerms.L1] / pixels + ssimWeight * (1f - sums[LossTerms.SSIM] / pixels);
    }

    private static int groups(long count) {
        return (int) ((count + GROUP - 1) / GROUP);
    }

    @Override
    public void close() {
        resources.close();
    }
}
