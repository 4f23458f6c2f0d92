package dev.splatlight.trainer.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.testing.SharedData;
import dev.splatlight.core.testing.VulkanTest;
import dev.splatlight.trainer.TrainConfig;
import dev.splatlight.trainer.checkpoint.Checkpoint;
import dev.splatlight.trainer.data.Dataset;
import dev.splatlight.trainer.data.Datasets;
import dev.splatlight.trainer.densify.DensificationSettings;
import dev.splatlight.trainer.model.GaussianState;
import dev.splatlight.trainer.reflection.ReflectionSchedule;
import dev.splatlight.trainer.reflection.ReflectionSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The geometry stage with --reflection-trace-every: when it takes its snapshots, and that what the mirrors' rays meet
 * reaches training. From a start where every Gaussian is half a mirror (so that pixels reach the trace's strength),
 * two runs without the trace differ only by the order of float atomics; a run with it must differ by far more.
 */
@VulkanTest
class MirrorTraceTrainingTest {
    private static final int BEFORE = 30, AFTER = 40, EVERY = 5;

    private static TrainConfig config(Path out, int iterations, int traceEvery) {
        TrainConfig plain = TrainConfig.gsIr(SharedData.path("datasets/mini").toString(), out.toString(), iterations, false, 3000,
                1000, 0, null).withReflections(true);
        ReflectionSettings r = plain.reflection();
        return plain.withReflection(new ReflectionSettings(true, r.normalWeight(), r.normalSmoothness(), r.normalConsistency(),
                r.smoothnessEdges(), traceEvery));
    }

    @Test
    void aTracedRunRefreshesItsSnapshotOnScheduleAndTrainsOtherwise(Gpu gpu, @TempDir Path out) throws Exception {
        Dataset mini = Datasets.open(SharedData.path("datasets/mini"));
        GaussianCloud start = GeometryStage.run(gpu, config(out.resolve("start"), BEFORE, 0), mini,
                Files.createDirectories(out.resolve("start")), Optional.empty(), (it, loss, psnr, n) -> { }).state().parameters();
        Arrays.fill(start.reflection, 0.6f);
        Path checkpoint = out.resolve("mirrors.bin");
        new Checkpoint(BEFORE, GaussianState.fresh(start)).write(checkpoint);
        GeometryStage.Result plain = resume(gpu, mini, checkpoint, out.resolve("plain"), 0);
        GeometryStage.Result again = resume(gpu, mini, checkpoint, out.resolve("again"), 0);
        GeometryStage.Result traced = resume(gpu, mini, checkpoint, out.resolve("traced"), EVERY);

        // a snapshot on the first iteration that shades reflections and on every fifth after it that does
        ReflectionSchedule schedule = new ReflectionSchedule(AFTER, DensificationSettings.GAUSSIAN_SPLATTING);
        int expected = 0;
        for (int it = BEFORE + 1; it <= AFTER; it++) {
            expected += !schedule.refitsColoursAt(it) && (expected == 0 || it % EVERY == 0) ? 1 : 0;
        }
        assertEquals(0, plain.mirrorTrace().refreshes());
        assertEquals(expected, traced.mirrorTrace().refreshes(), "snapshots");
        // every step that shades reflections after the first snapshot traces, or takes its view's hits traced since
        int shaded = 0;
        for (int it = BEFORE + 1; it <= AFTER; it++) {
            shaded += schedule.refitsColoursAt(it) ? 0 : 1;
        }
        GeometryStage.MirrorTraceCounts counts = traced.mirrorTrace();
        assertEquals(shaded, counts.traces() + counts.reuses(), "traced " + counts.traces() + ", kept " + counts.reuses());
        assertTrue(counts.traces() >= counts.refreshes(), counts.toString());
        double noise = meanColourDifference(plain, again), trace = meanColourDifference(plain, traced);
        assertTrue(trace > 10 * noise, "mean |Δ SH| with the trace " + trace + ", between two runs without it " + noise);
    }

    private static GeometryStage.Result resume(Gpu gpu, Dataset data, Path checkpoint, Path out, int traceEvery) throws Exception {
        Path copy = Files.copy(checkpoint, Files.createDirectories(out).resolve(GeometryStage.CHECKPOINT_FILE));
        return GeometryStage.run(gpu, config(out, AFTER, traceEvery), data, out, Optional.of(copy), (it, loss, psnr, n) -> { });
    }

    private static double meanColourDifference(GeometryStage.Result x, GeometryStage.Result y) {
        GaussianCloud a = x.state().parameters(), b = y.state().parameters();
        double sum = 0;
        for (int k = 0; k < a.sh.length; k++) {
            sum += Math.abs(a.sh[k] - b.sh[k]);
        }
        return sum / a.sh.length;
    }
}
