package dev.splatlight.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.testing.SharedData;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** COLMAP's distortion models, their inversion, and photos undistorted to a pinhole camera. */
class UndistortionTest {
    private final long seed = System.nanoTime();

    /** trio-colmap-radial's true lens (its README) in each model that can hold it, plus a rational FULL_OPENCV one. */
    private static LensDistortion[] lenses() {
        return new LensDistortion[] {
                LensDistortion.of("SIMPLE_RADIAL", new double[] {670.62, 200, 200, -0.6448}),
                LensDistortion.of("RADIAL", new double[] {555.56, 200, 200, -0.2, 0.05}),
                LensDistortion.of("OPENCV", new double[] {555.56, 560, 200, 198, -0.2, 0.05, 0.001, -0.0008}),
                LensDistortion.of("FULL_OPENCV", new double[] {555.56, 560, 200, 198, -0.2, 0.05, 0.001, -0.0008, 0.01, 0.1, 0.02, 0.001})};
    }

    @Test
    void undistortionInvertsDistortion() {
        Random random = new Random(seed);
        for (LensDistortion lens : lenses()) {
            for (int i = 0; i < 1000; i++) {
                double u = 0.7 * (random.nextDouble() - 0.5), v = 0.7 * (random.nextDouble() - 0.5); // a 40° field of view
                double[] d = lens.distort(u, v);
                double[] back = lens.undistort(d[0], d[1]);
                assertEquals(u, back[0], 1e-9, lens.model() + " u, seed " + seed);
                assertEquals(v, back[1], 1e-9, lens.model() + " v, seed " + seed);
            }
        }
    }

    /** A smooth pattern of the viewing direction: what a pinhole sees at (u, v), 8-bit grey. */
    private static double pattern(double u, double v) {
        return 128 + 100 * Math.sin(14 * u) * Math.cos(11 * v);
    }

    @Test
    void aDistortedPhotoOfAPatternUndistortsToThePatternWithNoBlankPixels() {
        int w = 400, h = 400;
        for (LensDistortion lens : lenses()) {
            byte[] pixels = new byte[4 * w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) { // the photo through the lens: each pixel sees the pattern along its ray
                    double[] ray = lens.directionAt(x + 0.5, y + 0.5);
                    int grey = (int) Math.round(pattern(ray[0], ray[1]));
                    int p = 4 * (y * w + x);
                    pixels[p] = pixels[p + 1] = pixels[p + 2] = (byte) grey;
                    pixels[p + 3] = (byte) 255;
                }
            }
            Undistortion.Pinhole pinhole = Undistortion.pinholeFor(lens, w, h);
            Rgba8Image undistorted = Undistortion.resample(new Rgba8Image(w, h, pixels), lens, pinhole);
            double error = 0;
            int blank = 0;
            for (int y = 0; y < pinhole.height(); y++) {
                for (int x = 0; x < pinhole.width(); x++) {
                    int p = 4 * (y * pinhole.width() + x);
                    blank += (undistorted.pixels()[p + 3] & 0xFF) < 255 ? 1 : 0;
                    double expected = pattern((x + 0.5 - pinhole.cx()) / pinhole.fx(), (y + 0.5 - pinhole.cy()) / pinhole.fy());
                    error += Math.abs((undistorted.pixels()[p] & 0xFF) - expected);
                }
            }
            error /= pinhole.width() * pinhole.height();
            System.out.printf("[undistort %s] %dx%d -> %dx%d pinhole, f (%.1f, %.1f), c (%.1f, %.1f): mean |error| %.3f, %d blank%n",
                    lens.model(), w, h, pinhole.width(), pinhole.height(), pinhole.fx(), pinhole.fy(), pinhole.cx(), pinhole.cy(),
                    error, blank);
            assertTrue(error < 1.0, lens.model() + ": mean error " + error + " of 255");
            assertEquals(0, blank, lens.model() + ": no blank pixels (image_undistorter's default)");
        }
    }

    @Test
    void aRawColmapReconstructionWithLensDistortionLoadsUndistorted() {
        Dataset scene = Datasets.open(SharedData.path("datasets/trio-colmap-radial"));
        TrainingView view = scene.train().get(0);
        System.out.printf("[trio-colmap-radial] pinhole %dx%d, f %.1f, c (%.1f, %.1f)%n", view.camera().width(),
                view.camera().height(), view.camera().fx(), view.camera().cx(), view.camera().cy());
        assertEquals(view.image().width(), view.camera().width());
        // at the same focal length a barrel lens's photo spans more pinhole pixels than it has: 426 for k = −0.6448
        assertEquals(426, view.camera().width(), "image_undistorter's no-blank size");
        assertEquals(670.62f, view.camera().fx(), 0.01f, "the focal length COLMAP calibrated, kept");
    }
}
