package dev.splatlight.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.splatlight.core.cli.CommandLine;
import dev.splatlight.core.testing.SharedData;
import dev.splatlight.core.testing.VulkanTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer soak runs whole pipelines back to back in one process and reports memory after each (tiny runs here). */
@VulkanTest
class BenchTrainCommandTest {
    @Test
    void runsThePipelineRepeatedlyAndReportsMemoryPerRun(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("soak.json");
        int code = CommandLine.run(new TrainerMain(), new String[] {"bench-train", "--data",
                SharedData.path("datasets/mini").toString(), "--runs", "2", "--iterations", "10", "--material-iterations", "3",
                "--bake-resolution", "8", "--initial-points", "1500", "--json", report.toString()});
        assertEquals(0, code);
        JsonNode runs = new ObjectMapper().readTree(report.toFile()).get("runs");
        assertEquals(2, runs.size());
        for (JsonNode run : runs) { // each run allocates on the device and frees it all again
            assertTrue(run.get("peakDeviceBytes").asLong() > 0 && run.get("heapBytes").asLong() > 0, run.toString());
            assertEquals(0, run.get("deviceBytes").asLong(), "device memory held after a run: " + run);
        }
    }
}
