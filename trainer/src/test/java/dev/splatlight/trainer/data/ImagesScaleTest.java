package dev.splatlight.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.testing.SharedData;
import org.joml.Vector4f;
import org.junit.jupiter.api.Test;

/** {@code --images-scale}: the area filter, and cameras that still see the scene where the shrunk photo shows it. */
class ImagesScaleTest {
    private static byte b(int v) {
        return (byte) v;
    }

    @Test
    void theAreaFilterAveragesBlocksWeightedByAlphaAndDropsPartialEdges() {
        // 5×2 → 2×1 at factor 2: the fifth column does not fill a block and is dropped
        byte[] pixels = {
                b(255), 0, 0, b(255), 0, 0, 0, 0, /**/ b(188), b(188), b(188), b(255), b(188), b(188), b(188), b(255), /**/ 9, 9, 9, 9,
                b(255), 0, 0, b(255), 0, 0, 0, 0, /**/ b(188), b(188), b(188), b(255), b(188), b(188), b(188), b(255), /**/ 9, 9, 9, 9};
        Rgba8Image shrunk = new Rgba8Image(5, 2, pixels).downscaled(2);
        assertEquals(2, shrunk.width());
        assertEquals(1, shrunk.height());
        byte[] p = shrunk.pixels();
        // left block: half opaque red, half transparent: red at half coverage (transparent pixels add no black)
        assertEquals(255, p[0] & 0xFF);
        assertEquals(0, p[1] & 0xFF);
        assertEquals(128, p[3] & 0xFF);
        // right block: uniform grey stays the same grey (averaging in linear light is exact for equal values)
        assertEquals(188, p[4] & 0xFF);
        assertEquals(255, p[7] & 0xFF);
        assertThrows(IllegalArgumentException.class, () -> shrunk.downscaled(0));
    }

    @Test
    void shrunkCamerasProjectThePointsTheShrunkPhotosShow() {
        Dataset full = Datasets.open(SharedData.path("datasets/mini"), 1);
        Dataset half = Datasets.open(SharedData.path("datasets/mini"), 2);
        assertEquals(full.train().size(), half.train().size());
        for (int v = 0; v < full.train().size(); v += 13) {
            Camera a = full.train().get(v).camera(), b = half.train().get(v).camera();
            assertEquals(a.width() / 2, b.width());
            assertEquals(half.train().get(v).image().width(), b.width());
            for (float[] point : new float[][] {{0, 0, 0}, {0.3f, -0.2f, 0.4f}, {-0.5f, 0.5f, -0.1f}}) {
                float[] ua = pixel(a, point), ub = pixel(b, point);
                // continuous pixel coordinates (centres at +0.5) halve exactly
                assertEquals(ua[0] / 2, ub[0], 1e-3f, "view " + v + " x");
                assertEquals(ua[1] / 2, ub[1], 1e-3f, "view " + v + " y");
            }
        }
    }

    @Test
    void colmapScenesUseTheirShrunkImagesFolderWhenThereIsOne(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path source = SharedData.path("datasets/trio-colmap");
        java.nio.file.Files.createSymbolicLink(dir.resolve("sparse"), source.resolve("sparse"));
        java.nio.file.Files.createSymbolicLink(dir.resolve("images"), source.resolve("images"));
        // stands for COLMAP's images_2: the same files, so a reader that used it shrinks nothing more
        java.nio.file.Files.createSymbolicLink(dir.resolve("images_2"), source.resolve("images"));
        Dataset scene = Datasets.open(dir, 2);
        TrainingView view = scene.train().get(0);
        assertEquals("images_2", dir.relativize(view.source()).getName(0).toString());
        assertEquals(Datasets.open(dir, 1).train().get(0).image().width(), view.image().width(), "taken as it is");
        Dataset shrunk = Datasets.open(dir, 4); // no images_4: shrunk at load
        assertEquals(view.image().width() / 4, shrunk.train().get(0).image().width());
    }

    private static float[] pixel(Camera camera, float[] world) {
        Vector4f p = camera.viewFromWorld().transform(new Vector4f(world[0], world[1], world[2], 1));
        return new float[] {camera.fx() * p.x / p.z + camera.cx(), camera.fy() * p.y / p.z + camera.cy()};
    }
}
