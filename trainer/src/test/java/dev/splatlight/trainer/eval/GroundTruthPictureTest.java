package dev.splatlight.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.asset.PngFiles;
import dev.splatlight.core.light.Srgb;
import dev.splatlight.trainer.data.DatasetException;
import dev.splatlight.trainer.data.Rgba8Image;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ground-truth pictures come at the size their views are scored at, shrunk as the photos were, in their encoding. */
class GroundTruthPictureTest {
    /** A 4×2 picture: each 2×2 block holds values 0 and 200 in its two columns, all opaque. */
    private static Path picture(Path dir) throws Exception {
        byte[] rgba = new byte[4 * 4 * 2];
        for (int p = 0; p < 8; p++) {
            byte v = (byte) (p % 2 == 0 ? 0 : 200);
            rgba[4 * p] = v;
            rgba[4 * p + 1] = v;
            rgba[4 * p + 2] = v;
            rgba[4 * p + 3] = (byte) 255;
        }
        Path file = dir.resolve("normal.png");
        PngFiles.write(file, rgba, 4, 2, 4);
        return file;
    }

    @Test
    void shrinksByTheViewsFactorInTheRightEncoding(@TempDir Path dir) throws Exception {
        Path file = picture(dir);
        Rgba8Image linear = GroundTruthPicture.read(file, 2, 1, GroundTruthPicture.Encoding.LINEAR);
        assertEquals(2, linear.width());
        assertEquals(1, linear.height());
        assertEquals(100, linear.pixels()[0] & 0xff, "linear values are averaged as they are");
        assertEquals(255, linear.pixels()[3] & 0xff);
        Rgba8Image srgb = GroundTruthPicture.read(file, 2, 1, GroundTruthPicture.Encoding.SRGB);
        int expected = (int) Math.round(255 * Srgb.encode(Srgb.decode(200 / 255.0) / 2));
        assertEquals(expected, srgb.pixels()[0] & 0xff, "sRGB values are averaged in linear light");
        assertTrue(expected > 140, "and that is not the plain mean");
    }

    @Test
    void keepsAPictureOfTheViewsSizeAndRefusesOneThatIsNotAShrink(@TempDir Path dir) throws Exception {
        Path file = picture(dir);
        Rgba8Image same = GroundTruthPicture.read(file, 4, 2, GroundTruthPicture.Encoding.SRGB);
        assertEquals(4, same.width());
        assertEquals(200, same.pixels()[4] & 0xff, "untouched");
        DatasetException wrong = assertThrows(DatasetException.class,
                () -> GroundTruthPicture.read(file, 3, 1, GroundTruthPicture.Encoding.LINEAR));
        assertTrue(wrong.getMessage().contains("normal.png") && wrong.getMessage().contains("4×2")
                && wrong.getMessage().contains("3×1") && !wrong.getMessage().contains("\n"), wrong.getMessage());
        assertThrows(DatasetException.class, () -> GroundTruthPicture.read(file, 2, 2, GroundTruthPicture.Encoding.LINEAR));
    }
}
