package dev.splatlight.trainer.eval;

import dev.splatlight.trainer.data.DatasetException;
import dev.splatlight.trainer.data.Rgba8Image;
import java.nio.file.Path;

/**
 * A dataset's ground-truth picture (albedo, normal, roughness, metallic, a relit photo) at the size its view is scored
 * at: when the photos were shrunk ({@code --images-scale}, or by default for large photos) the picture is shrunk by the
 * same whole factor with the same area filter, so that every metric compares pixel with pixel.
 */
final class GroundTruthPicture {
    private GroundTruthPicture() {
    }

    /** How a picture stores its values: sRGB-encoded colour, or linear values (normals, roughness, metallic). */
    enum Encoding { SRGB, LINEAR }

    static Rgba8Image read(Path file, int width, int height, Encoding encoding) {
        Rgba8Image image = Rgba8Image.read(file);
        if (image.width() == width && image.height() == height) {
            return image;
        }
        int factor = width > 0 ? image.width() / width : 0;
        if (factor < 2 || image.width() / factor != width || image.height() / factor != height) {
            throw new DatasetException(file + ": " + image.width() + "×" + image.height() + " px, but its view is scored at "
                    + width + "×" + height + " px, which is not the picture shrunk by a whole factor");
        }
        return image.downscaled(factor, encoding == Encoding.SRGB);
    }
}
