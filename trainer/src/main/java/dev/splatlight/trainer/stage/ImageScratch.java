package dev.splatlight.trainer.stage;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.trainer.backward.PixelGradients;
import dev.splatlight.trainer.loss.NormalLosses;
import dev.splatlight.trainer.loss.PhotometricLoss;

/** Per-image-size scratch of a training step: the loss passes and the pixel gradients. */
final class ImageScratch implements AutoCloseable {
    private final ResourceScope resources = new ResourceScope("image scratch");
    final PhotometricLoss photometric;
    final NormalLosses normals;
    final PixelGradients pixelGradients;

    ImageScratch(Gpu gpu, int width, int height, float ssimWeight, int featureChannels) {
        try {
            photometric = resources.own(new PhotometricLoss(gpu, width, height, ssimWeight));
            normals = resources.own(new NormalLosses(gpu, width, height));
            pixelGradients = resources.own(new PixelGradients(gpu, width, height, featureChannels));
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    @Override
    public void close() {
        resources.close();
    }
}
