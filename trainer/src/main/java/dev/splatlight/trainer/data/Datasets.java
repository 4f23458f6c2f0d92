package dev.splatlight.trainer.data;

import dev.splatlight.core.camera.Camera;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a dataset directory in whichever supported layout it is. */
public final class Datasets {
    private Datasets() {
    }

    /** Photos wider than this are shrunk by default (3DGS does the same at 1,600 px), with a one-line notice. */
    public static final int LARGEST_DEFAULT_WIDTH = 1600;

    public static Dataset open(Path root) {
        return open(root, 1);
    }

    /**
     * Opens the dataset with its photos shrunk {@code imagesScale}× (area filter, intrinsics scaled alike; 3DGS's
     * {@code -r}). 0 chooses: 1, or the smallest factor that brings photos wider than {@link #LARGEST_DEFAULT_WIDTH}
     * within it, said in one line.
     */
    public static Dataset open(Path root, int imagesScale) {
        return open(root, imagesScale, false);
    }

    /**
     * As {@link #open(Path, int)}; {@code ignoreDistortion} takes distorted COLMAP cameras as pinholes with their focal
     * lengths and principal point, photos as they are (a comparison for research: wrong for any real lens).
     */
    public static Dataset open(Path root, int imagesScale, boolean ignoreDistortion) {
        if (imagesScale < 0) {
            throw new IllegalArgumentException("--images-scale must be 1, 2, 4, 8 (or 0 to choose), got " + imagesScale);
        }
        if (imagesScale > 1 && ColmapDatasetReader.recognises(root) && Files.isDirectory(root.resolve("images_" + imagesScale))) {
            // shrunk copies beside the photos: use them
            return ColmapDatasetReader.read(root, "images_" + imagesScale, ignoreDistortion);
        }
        Dataset full = openAtFullSize(root, ignoreDistortion);
        int widest = full.train().stream().mapToInt(v -> v.camera().width()).max().orElse(0);
        int factor = imagesScale;
        if (factor == 0) {
            factor = Math.max(1, (widest + LARGEST_DEFAULT_WIDTH - 1) / LARGEST_DEFAULT_WIDTH);
            if (factor > 1) {
                System.err.printf("%s: photos up to %d px wide, shrunk %d× to train (--images-scale 1 keeps them)%n", root, widest,
                        factor);
            }
        }
        if (factor == 1) {
            return full;
        }
        int f = factor;
        java.util.function.Function<TrainingView, TrainingView> shrink = view -> {
            Rgba8Image image = view.image().downscaled(f);
            Camera c = view.camera(); // output pixel x covers input [f·x, f·x + f): the intrinsics scale by exactly 1/f
            return new TrainingView(view.name(), new Camera(image.width(), image.height(), c.fx() / f, c.fy() / f, c.cx() / f,
                    c.cy() / f, c.viewFromWorld()), image, view.source());
        };
        return new Dataset(full.root(), full.format(), full.train().stream().map(shrink).toList(),
                full.test().stream().map(shrink).toList(), full.sparsePoints(), full.objectScene());
    }

    private static Dataset openAtFullSize(Path root, boolean ignoreDistortion) {
        if (!Files.isDirectory(root)) {
            throw new DatasetException(root + ": dataset directory not found");
        }
        if (BlenderDatasetReader.recognises(root)) {
            return BlenderDatasetReader.read(root);
        }
        if (ColmapDatasetReader.recognises(root)) {
            return ColmapDatasetReader.read(root, "images", ignoreDistortion);
        }
        throw new DatasetException(root + ": neither a Blender/NeRF-synthetic dataset (transforms_train.json) "
                + "nor a COLMAP one (sparse/0 with cameras, images, points3D)");
    }
}
