package dev.splatlight.trainer.eval;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.trainer.data.Rgba8Image;
import dev.splatlight.trainer.loss.LossTerms;
import dev.splatlight.trainer.loss.PhotometricLoss;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.joml.Vector3fc;

/**
 * PSNR and SSIM of a display-space image against an 8-bit RGBA picture composited on a background, with the
 * training loss's own GPU kernels (PSNR over all pixels and channels; SSIM with an 11×11 Gaussian window).
 */
public final class ImageComparison implements AutoCloseable {
    /** The two numbers. */
    public record Score(double psnr, double ssim) {
    }

    private final Gpu gpu;
    private final ResourceScope resources = new ResourceScope("image comparison");
    private final LossTerms terms;
    private final Map<Long, PhotometricLoss> lossBySize = new HashMap<>();
    private final Map<Long, GpuBuffer> gradientBySize = new HashMap<>();

    public ImageComparison(Gpu gpu) {
        this.gpu = gpu;
        this.terms = resources.own(new LossTerms(gpu));
    }

    /** @param prediction [3, H, W] display-space values */
    public Score compare(float[] prediction, Rgba8Image truth, Vector3fc background) {
        int w = truth.width(), h = truth.height();
        if (prediction.length != 3L * w * h) { // the kernel would read past the render's buffer
            throw new IllegalArgumentException("a " + w + "×" + h + " picture compared with " + prediction.length
                    + " values instead of " + 3L * w * h);
        }
        ByteBuffer pixels = ByteBuffer.allocateDirect(truth.pixels().length);
        pixels.put(truth.pixels()).flip();
        float[] sums;
        try (GpuBuffer render = GpuBuffer.withFloats(gpu, "compared image [3, H, W] f32", prediction);
             GpuBuffer target = GpuBuffer.withData(gpu, "reference picture [H, W] RGBA8", pixels)) {
            sums = sums(render, target, w, h, background);
        }
        double values = 3.0 * w * h;
        return new Score(LossTerms.psnr(sums, values), sums[LossTerms.SSIM] / values);
    }

    /**
     * The {@link LossTerms} sums (L1, SSIM, squared error) of {@code render} ([3, H, W] display space, on the GPU)
     * against {@code target} (RGBA8 composited on {@code background}); the loss kernels are made once per image size.
     */
    float[] sums(GpuBuffer render, GpuBuffer target, int w, int h, Vector3fc background) {
        long size = ((long) w << 32) | h;
        PhotometricLoss loss = lossBySize.computeIfAbsent(size, k -> resources.own(new PhotometricLoss(gpu, w, h, 0.2f)));
        GpuBuffer unusedGradient = gradientBySize.computeIfAbsent(size,
                k -> resources.own(GpuBuffer.create(gpu, "comparison gradient [3, H, W] f32", 12L * w * h, MemoryKind.DEVICE)));
        gpu.submitAndWait(commands -> {
            terms.recordReset(commands);
            commands.barrier();
            loss.record(commands, render, target, background, unusedGradient, terms);
        });
        return terms.read();
    }

    @Override
    public void close() {
        resources.close();
    }
}
