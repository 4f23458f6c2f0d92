package dev.splatlight.trainer.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.splatlight.core.testing.SharedData;
import dev.splatlight.trainer.data.Datasets;
import org.junit.jupiter.api.Test;

class SceneBoundsTest {
    @Test
    void theBoundCoversAllButTheFarthestTwoPercentWithATenthToSpare() {
        int n = 1000;
        float[] points = new float[3 * n];
        for (int i = 0; i < n; i++) {
            float r = i < 980 ? i / 979f * 4 : 100 + i; // 980 points out to 4 on x, 20 strays far away
            points[3 * i] = i % 2 == 0 ? r : -r;
            points[3 * i + 1] = 0.5f;
            points[3 * i + 2] = -0.25f;
        }
        assertEquals(4.4f, SceneBounds.bound(points), 1e-5f);
        assertEquals(0.25f * 4.4f / 1.5f, SceneBounds.threshold(SceneBounds.bound(points)), 1e-6f);
    }

    @Test
    void aColmapSceneGetsABoundFromItsOwnPoints() {
        float[] points = Datasets.open(SharedData.path("datasets/trio-colmap")).sparsePoints().orElseThrow().positions();
        float bound = SceneBounds.bound(points);
        int inside = 0;
        for (int i = 0; i < points.length / 3; i++) {
            float extent = Math.max(Math.abs(points[3 * i]), Math.max(Math.abs(points[3 * i + 1]), Math.abs(points[3 * i + 2])));
            inside += extent <= bound / SceneBounds.MARGIN + 1e-6f ? 1 : 0;
        }
        System.out.printf("[scene bounds] trio-colmap: %d points, bound %.3f, threshold %.3f%n", points.length / 3, bound,
                SceneBounds.threshold(bound));
        assertEquals(0.98, inside / (double) (points.length / 3), 0.002, "98 % of the points inside before the margin");
    }
}
