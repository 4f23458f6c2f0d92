package dev.splatlight.trainer.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.testing.VulkanTest;
import dev.splatlight.core.testing.SharedData;
import dev.splatlight.trainer.TrainConfig;
import dev.splatlight.trainer.checkpoint.Checkpoint;
import dev.splatlight.trainer.data.Dataset;
import dev.splatlight.trainer.data.Datasets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The geometry stage resumes from its checkpoint (the whole pipeline on `mini`: PipelineEndToEndTest). */
@VulkanTest
class GeometryStageResumeTest {
    private static final int INITIAL_POINTS = 3000;

    private static TrainConfig config(Path out, int iterations, int checkpointEvery) {
        return TrainConfig.gsIr(SharedData.path("datasets/mini").toString(), out.toString(), iterations, false, INITIAL_POINTS,
                checkpointEvery, 0, null);
    }

    @Test
    void aRunResumesFromItsLastCheckpoint(Gpu gpu, @TempDir Path out) throws Exception {
        Dataset mini = Datasets.open(SharedData.path("datasets/mini"));
        GeometryStage.run(gpu, config(out, 20, 10), mini, out, Optional.empty(), (it, loss, psnr, n) -> { });
        Checkpoint last = Checkpoint.read(out.resolve(GeometryStage.CHECKPOINT_FILE));
        assertEquals(20, last.iteration());
        Checkpoint atTen = new Checkpoint(10, last.state());
        atTen.write(out.resolve(GeometryStage.CHECKPOINT_FILE));
        List<Integer> iterations = new ArrayList<>();
        GeometryStage.Result resumed = GeometryStage.run(gpu, config(out, 30, 10), mini, out,
                Optional.of(out.resolve(GeometryStage.CHECKPOINT_FILE)), (it, loss, psnr, n) -> iterations.add(it));
        assertEquals(List.of(20, 30), iterations, "resumed at iteration 11, reporting every 10");
        assertEquals(last.state().count(), resumed.state().count());
        assertEquals(30, Checkpoint.read(out.resolve(GeometryStage.CHECKPOINT_FILE)).iteration());
    }
}
