package dev.splatlight.trainer.stage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.testing.SharedData;
import dev.splatlight.core.testing.VulkanTest;
import dev.splatlight.trainer.TrainConfig;
import dev.splatlight.trainer.checkpoint.Checkpoint;
import dev.splatlight.trainer.data.Dataset;
import dev.splatlight.trainer.data.Datasets;
import dev.splatlight.trainer.init.GaussianInitializer;
import dev.splatlight.trainer.model.GaussianState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --alpha-weight} removes what the photos' alpha marks as empty. Black Gaussians in front of a black
 * background cost the photometric loss nothing (their colour clamps at 0, so not even it gets a gradient), which is
 * how trio grew a floater sheet that only relighting showed: here a sheet of them is put below mini's objects,
 * against the background from mini's cameras (which look down on it), and trained on.
 */
@VulkanTest
class AlphaTermTest {
    private static final int FLOATERS = 64, BEFORE = 100, AFTER = 250;

    @Test
    void theAlphaTermRemovesBlackFloatersTheColourLossLeaves(Gpu gpu, @TempDir Path out) throws Exception {
        Dataset mini = Datasets.open(SharedData.path("datasets/mini"));
        GaussianState trained = GeometryStage.run(gpu, config(out.resolve("start"), BEFORE, 0), mini,
                Files.createDirectories(out.resolve("start")), Optional.empty(), (it, loss, psnr, n) -> { }).state();
        Path checkpoint = out.resolve("with-floaters.bin");
        new Checkpoint(BEFORE, GaussianState.fresh(withFloaterSheet(trained.parameters()))).write(checkpoint);
        double without = floaterOpacity(resume(gpu, 0, mini, checkpoint, out.resolve("plain")));
        double with = floaterOpacity(resume(gpu, 1, mini, checkpoint, out.resolve("alpha")));
        System.out.printf("[alpha term] the floaters' mean opacity after %d more iterations: %.3f without, %.3f with%n",
                AFTER - BEFORE, without, with);
        assertTrue(without > 0.5, "without the term the floaters stay (mean opacity " + without + ", from 0.9)");
        assertTrue(with < 0.5 * without, "mean opacity of the floaters: " + with + " with the term, " + without + " without");
    }

    private static TrainConfig config(Path out, int iterations, float alphaWeight) {
        return TrainConfig.gsIr(SharedData.path("datasets/mini").toString(), out.toString(), iterations, false, 3000,
                iterations, 0, null).withAlphaWeight(alphaWeight);
    }

    /** The Gaussians after training from {@code checkpoint} on to iteration {@link #AFTER}. */
    private static GaussianCloud resume(Gpu gpu, float alphaWeight, Dataset data, Path checkpoint, Path out) throws Exception {
        Path copy = Files.copy(checkpoint, Files.createDirectories(out).resolve(GeometryStage.CHECKPOINT_FILE));
        return GeometryStage.run(gpu, config(out, AFTER, alphaWeight), data, out, Optional.of(copy), (it, loss, psnr, n) -> { })
                .state().parameters();
    }

    /** {@code cloud} and, after it, an 8 × 8 grid of black, 0.9-opaque, flat Gaussians 1.6 below mini's objects. */
    private static GaussianCloud withFloaterSheet(GaussianCloud cloud) {
        int n = cloud.count();
        GaussianCloud out = new GaussianCloud(n + FLOATERS);
        float[][] from = cloud.arrays(), to = out.arrays();
        for (int a = 0; a < from.length; a++) {
            System.arraycopy(from[a], 0, to[a], 0, from[a].length);
        }
        for (int k = 0; k < FLOATERS; k++) {
            int i = n + k;
            out.means[3 * i] = -1.2f + 2.4f * (k % 8) / 7;
            out.means[3 * i + 1] = -1.2f + 2.4f * (k / 8) / 7;
            out.means[3 * i + 2] = -1.6f;
            out.logScales[3 * i] = out.logScales[3 * i + 1] = (float) Math.log(0.12);
            out.logScales[3 * i + 2] = (float) Math.log(0.01);
            out.rotations[4 * i] = 1;
            out.opacityLogits[i] = GaussianState.opacityLogit(0.9f);
            for (int c = 0; c < 3; c++) {
                out.sh[48 * i + c] = -0.5f / GaussianInitializer.SH_C0; // colour 0.5 + C0·dc = 0: black
            }
            out.normals[3 * i + 2] = 1;
        }
        return out;
    }

    /** The mean opacity of the floaters, the last {@link #FLOATERS} Gaussians (no densification before 500). */
    private static double floaterOpacity(GaussianCloud cloud) {
        double sum = 0;
        for (int i = cloud.count() - FLOATERS; i < cloud.count(); i++) {
            sum += cloud.opacity(i);
        }
        return sum / FLOATERS;
    }
}
