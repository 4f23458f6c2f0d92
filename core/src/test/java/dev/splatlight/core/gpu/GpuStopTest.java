package dev.splatlight.core.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.cli.StopRequest;
import dev.splatlight.core.cli.StoppedException;
import dev.splatlight.core.testing.Buffers;
import dev.splatlight.core.testing.VulkanTest;
import org.junit.jupiter.api.Test;

/**
 * {@link Gpu#stopWhen}: once the request is set the next submission throws before recording anything, so that the
 * command unwinds and frees its Vulkan objects, and a device whose request is taken away submits again.
 */
@VulkanTest
class GpuStopTest {
    @Test
    void theSubmissionAfterAStopRequestThrowsWithoutRunningItsCommands(Gpu gpu) {
        StopRequest stop = StopRequest.none();
        try (GpuBuffer buffer = GpuBuffer.create(gpu, "stop test [4] u32", 16, MemoryKind.DEVICE)) {
            gpu.stopWhen(stop);
            gpu.submitAndWait(commands -> commands.fill(buffer, 7));
            stop.request("SIGTERM");
            boolean[] recorded = {false};
            StoppedException stopped = assertThrows(StoppedException.class, () -> gpu.submitAndWait(commands -> {
                recorded[0] = true;
                commands.fill(buffer, 9);
            }));
            assertTrue(stopped.getMessage().contains("SIGTERM"), stopped.getMessage());
            assertTrue(!recorded[0], "nothing was recorded once stopped");
            gpu.stopWhen(null);
            assertEquals(7, Buffers.readInts(buffer, 4)[3], "the refused submission ran nothing");
        } finally {
            gpu.stopWhen(null);
        }
    }
}
