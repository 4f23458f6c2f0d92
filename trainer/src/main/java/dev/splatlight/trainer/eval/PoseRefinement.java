package dev.splatlight.trainer.eval;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.trainer.data.TrainingView;
import dev.splatlight.trainer.loss.LossTerms;
import java.util.ArrayList;
import java.util.List;
import org.joml.Matrix4f;
import org.joml.Vector3f;

/**
 * Test-time pose alignment, as NeRF evaluations of COLMAP scenes do when a test camera comes from another
 * reconstruction: each test camera gets the small rigid correction (in its own frame) that minimises the squared
 * error of the asset's render against the photo, by a coordinate search over three rotation angles and three
 * translations with halving steps, within 3° and a tenth of the camera's distance per axis. Only the pose moves; the
 * asset's image quality is what is left to score.
 */
public final class PoseRefinement {
    /** First step: half a degree, and the translation that moves the scene centre by as much in the image. */
    private static final double FIRST_ANGLE = Math.toRadians(0.5);
    private static final int HALVINGS = 6;
    private static final int MAX_RENDERS = 400;
    /** The search stays within 3° per axis and a tenth of the distance: a correction, not a new pose. */
    private static final double MAX_ANGLE = Math.toRadians(3), MAX_TRANSLATION = 0.1;

    /** A refined view and how far it moved. */
    public record Refined(TrainingView view, double rotationDegrees, double translationRelative, double msBefore, double msAfter) {
    }

    private PoseRefinement() {
    }

    public static List<Refined> refine(Gpu gpu, GaussianCloud cloud, List<TrainingView> views, boolean whiteBackground) {
        Vector3f centre = cloud.opacityWeightedCentroid(); // what the translation steps are scaled to
        List<Refined> refined = new ArrayList<>();
        try (RadianceScorer scorer = new RadianceScorer(gpu, cloud, views, whiteBackground)) {
            for (int v = 0; v < views.size(); v++) {
                TrainingView view = views.get(v);
                Camera start = view.camera();
                int index = v;
                java.util.function.ToDoubleFunction<double[]> error = delta -> {
                    RadianceScorer.Score score = scorer.score(index, corrected(start, delta));
                    return score.sums()[LossTerms.SQUARED_ERROR] / score.values();
                };
                double distance = Math.max(1e-6, start.position().distance(centre));
                double[] steps = {FIRST_ANGLE, FIRST_ANGLE, FIRST_ANGLE, distance * FIRST_ANGLE, distance * FIRST_ANGLE,
                        distance * FIRST_ANGLE};
                double[] delta = new double[6];
                double before = error.applyAsDouble(delta), best = before;
                int renders = 1;
                for (int halving = 0; halving <= HALVINGS && renders < MAX_RENDERS; ) {
                    boolean improved = false;
                    for (int k = 0; k < 6 && renders < MAX_RENDERS; k++) {
                        for (int sign : new int[] {1, -1}) {
                            double[] trial = delta.clone();
                            trial[k] += sign * steps[k];
                            if (Math.abs(trial[k]) > (k < 3 ? MAX_ANGLE : MAX_TRANSLATION * distance)) {
                                continue;
                            }
                            double e = error.applyAsDouble(trial);
                            renders++;
                            if (e < best) {
                                best = e;
                                delta = trial;
                                improved = true;
                                break;
                            }
                        }
                    }
                    if (!improved) {
                        for (int k = 0; k < 6; k++) {
                            steps[k] /= 2;
                        }
                        halving++;
                    }
                }
                double rotation = Math.toDegrees(Math.sqrt(delta[0] * delta[0] + delta[1] * delta[1] + delta[2] * delta[2]));
                double translation = Math.sqrt(delta[3] * delta[3] + delta[4] * delta[4] + delta[5] * delta[5]) / distance;
                refined.add(new Refined(new TrainingView(view.name(), corrected(start, delta), view.image(), view.source()),
                        rotation, translation, before, best));
            }
        }
        return refined;
    }

    /** The report's account of the corrections: their means, each view's, and what they are. */
    public static java.util.Map<String, Object> report(List<Refined> refined) {
        java.util.Map<String, Object> report = new java.util.LinkedHashMap<>();
        report.put("mean_rotation_deg", refined.stream().mapToDouble(Refined::rotationDegrees).average().orElse(0));
        report.put("mean_translation_relative", refined.stream().mapToDouble(Refined::translationRelative).average().orElse(0));
        report.put("views", refined.stream().map(r -> java.util.Map.of("name", r.view().name(), "rotation_deg", r.rotationDegrees(),
                "translation_relative", r.translationRelative(), "squared_error_before", r.msBefore(),
                "squared_error_after", r.msAfter())).toList());
        report.put("note", "each test camera corrected by the rotation and translation (in its own frame, translation relative "
                + "to its distance from the scene) that minimise the squared error of the radiance render against its photo; "
                + "the metrics are of the corrected cameras");
        return report;
    }

    /** The camera with its pose corrected by (rx, ry, rz, tx, ty, tz) in its own frame: V' = [R(r) | t]·V. */
    static Camera corrected(Camera camera, double[] delta) {
        Matrix4f correction = new Matrix4f().translation((float) delta[3], (float) delta[4], (float) delta[5])
                .rotateXYZ((float) delta[0], (float) delta[1], (float) delta[2]);
        return new Camera(camera.width(), camera.height(), camera.fx(), camera.fy(), camera.cx(), camera.cy(),
                correction.mul(camera.viewFromWorld()));
    }
}
