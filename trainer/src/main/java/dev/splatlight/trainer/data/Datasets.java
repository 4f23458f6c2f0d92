package dev.splatlight.trainer.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a dataset directory in whichever supported layout it is. */
public final class Datasets {
    private Datasets() {
    }

    public static Dataset open(Path root) {
        if (!Files.isDirectory(root)) {
            throw new DatasetException(root + ": dataset directory not found");
        }
        if (BlenderDatasetReader.recognises(root)) {
            return BlenderDatasetReader.read(root);
        }
        if (ColmapDatasetReader.recognises(root)) {
            return ColmapDatasetReader.read(root);
        }
        throw new DatasetException(root + ": neither a Blender/NeRF-synthetic dataset (transforms_train.json) "
                + "nor a COLMAP one (sparse/0 with cameras, images, points3D)");
    }
}
