package dev.splatlight.viewer.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.testing.VulkanTest;
import dev.splatlight.viewer.camera.OrbitCamera;
import dev.splatlight.viewer.render.DisplaySettings;
import dev.splatlight.viewer.render.HeadlessRenderGoldenTest;
import dev.splatlight.viewer.render.HeadlessRenderer;
import java.util.Map;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

/** The frame benchmark's bookkeeping on a small synthetic asset (its numbers are measured on the GPU, not here). */
@VulkanTest
class FrameBenchmarkTest {
    @Test
    void everyFrameIsTimedAndEveryPassIsAccountedFor(Gpu gpu) {
        FrameBenchmark.Result result;
        try (HeadlessRenderer renderer = new HeadlessRenderer(gpu, HeadlessRenderGoldenTest.syntheticAsset(), null, 0)) {
            result = FrameBenchmark.run(renderer, new OrbitCamera(new Vector3f(), 30, 20, 2.2f, 40), 64, 48,
                    DisplaySettings.DEFAULT, 2, 6);
        }
        assertEquals(6, result.wallMillis().length);
        for (double ms : result.wallMillis()) {
            assertTrue(ms > 0, "wall time " + ms);
        }
        Map<String, Double> passes = result.gpuMillisPerPass();
        for (String pass : new String[] {"shade", "composite"}) {
            assertTrue(passes.containsKey(pass) && passes.get(pass) > 0, pass + " in " + passes);
        }
        // the GPU's share of a frame cannot exceed the frame: the frame waits for it
        assertTrue(result.gpuTotal() <= result.wallMean() * 1.05, "GPU " + result.gpuTotal() + " ms vs wall " + result.wallMean());
        assertTrue(result.wallPercentile(0.5) <= result.wallPercentile(0.95) && result.wallPercentile(0.95) <= result.wallPercentile(1));
        assertEquals(6, result.summary().get("frames"));
    }

    @Test
    void aSoakOfHdriSwitchesHoldsDeviceMemorySteady(Gpu gpu) {
        FrameBenchmark.SoakResult soak;
        long before;
        try (HeadlessRenderer renderer = new HeadlessRenderer(gpu, HeadlessRenderGoldenTest.syntheticAsset(), null, 0)) {
            before = gpu.allocatedBytes();
            soak = FrameBenchmark.soak(renderer, gpu, HeadlessRenderGoldenTest.sunnySky(),
                    new OrbitCamera(new Vector3f(), 30, 20, 2.2f, 40), 64, 48, DisplaySettings.DEFAULT, 24, 4);
        }
        assertEquals(24, soak.frames());
        assertEquals(6, soak.switches());
        // every switch frees the light it replaces: what is allocated after the first interval stays allocated, no more
        assertEquals(soak.deviceBytesStart(), soak.deviceBytesEnd(), "device bytes at the second and the last switch");
        assertEquals(soak.deviceBytesStart(), soak.deviceBytesMax());
        assertTrue(soak.deviceBytesEnd() > before, "the HDRI light is counted (" + before + " before the first switch)");
    }
}
