package dev.splatlight.trainer.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A scene to train on: training and test views, and (COLMAP) the sparse points to start from.
 *
 * @param sparsePoints [P, 3] positions then [P, 3] colours in [0, 1], when the dataset has a point cloud
 * @param objectScene true for the Blender/NeRF-synthetic layout (object-centred, bounded by [-1.3, 1.3]³ at init)
 */
public record Dataset(Path root, String format, List<TrainingView> train, List<TrainingView> test,
                      Optional<SparsePoints> sparsePoints, boolean objectScene) {

    /** Structure-from-motion points: positions [P, 3] and colours [P, 3] in [0, 1]. */
    public record SparsePoints(float[] positions, float[] colors) {
        public int count() {
            return positions.length / 3;
        }
    }
}
