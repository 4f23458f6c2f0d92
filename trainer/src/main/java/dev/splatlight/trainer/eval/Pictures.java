package dev.splatlight.trainer.eval;

import dev.splatlight.trainer.data.Rgba8Image;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.joml.Vector3fc;

/**
 * Evaluation pictures: prediction | ground truth | error (|difference| × 4, grey) side by side for each view, and a
 * contact sheet of all views' rows per metric.
 */
final class Pictures {
    static final float ERROR_GAIN = 4f;
    private final List<float[]> rows = new ArrayList<>();
    private int rowWidth;
    private int rowHeight;

    /** Writes one view's triptych to {@code file} and keeps it for the contact sheet. */
    void add(Path file, float[] prediction, float[] truth, int w, int h) {
        int pixels = w * h;
        float[] row = new float[3 * 3 * pixels];
        int rw = 3 * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                float error = 0;
                for (int c = 0; c < 3; c++) {
                    error += Math.abs(prediction[c * pixels + p] - truth[c * pixels + p]) / 3;
                }
                for (int c = 0; c < 3; c++) {
                    int plane = c * rw * h;
                    row[plane + y * rw + x] = prediction[c * pixels + p];
                    row[plane + y * rw + w + x] = truth[c * pixels + p];
                    row[plane + y * rw + 2 * w + x] = Math.min(1, ERROR_GAIN * error);
                }
            }
        }
        Evaluator.writePng(file, row, rw, h);
        rows.add(row);
        rowWidth = rw;
        rowHeight = h;
    }

    /** All rows stacked, halved in size when there are more than 8. */
    void writeContactSheet(Path file) {
        if (rows.isEmpty()) {
            return;
        }
        int scale = rows.size() > 8 ? 2 : 1;
        int w = rowWidth / scale, h = rowHeight / scale, total = h * rows.size();
        float[] sheet = new float[3 * w * total];
        for (int r = 0; r < rows.size(); r++) {
            float[] row = rows.get(r);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int c = 0; c < 3; c++) {
                        sheet[c * w * total + (r * h + y) * w + x] = row[c * rowWidth * rowHeight + (y * scale) * rowWidth + x * scale];
                    }
                }
            }
        }
        Evaluator.writePng(file, sheet, w, total);
    }

    /** A picture's RGB composited on the background, in its own encoding, [3, H, W] in [0, 1]. */
    static float[] composited(Rgba8Image image, Vector3fc background) {
        int pixels = image.width() * image.height();
        float[] out = new float[3 * pixels];
        byte[] rgba = image.pixels();
        for (int p = 0; p < pixels; p++) {
            float a = (rgba[4 * p + 3] & 0xff) / 255f;
            for (int c = 0; c < 3; c++) {
                out[c * pixels + p] = (rgba[4 * p + c] & 0xff) / 255f * a + background.get(c) * (1 - a);
            }
        }
        return out;
    }
}
