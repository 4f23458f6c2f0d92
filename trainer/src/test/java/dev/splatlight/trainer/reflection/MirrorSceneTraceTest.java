package dev.splatlight.trainer.reflection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.light.GaussianRayGrid;
import dev.splatlight.core.light.ReferenceEnvironment;
import dev.splatlight.core.light.ReferenceReflectionTrace;
import dev.splatlight.core.light.ShadingScenes;
import dev.splatlight.core.splat.GaussianBuffers;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.splat.GaussianDensities;
import dev.splatlight.core.splat.RasterSettings;
import dev.splatlight.core.splat.RasterTargets;
import dev.splatlight.core.splat.SplatRasterizer;
import dev.splatlight.core.testing.VulkanTest;
import dev.splatlight.trainer.init.GaussianInitializer;
import java.util.Arrays;
import java.util.Random;
import org.joml.Matrix4f;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;

/**
 * trainer/trace_mirror_scene.comp against {@link ReferenceReflectionTrace#march} on random Gaussians and a random
 * geometry-stage render (normal sums, reflection strengths, depths): which pixels it traces, and what their rays meet.
 * Its subgroups march a ray each and loop over the pixels: the test gives it two workgroups, so each takes many.
 */
@VulkanTest
class MirrorSceneTraceTest {
    private static final int W = 24, H = 20, PLANE = W * H, CELLS = 8;
    private static final float BOUND = 1.2f;
    private static final double TOLERANCE = 1e-3; // float kernel against double reference
    private final long seed = System.nanoTime();

    @Test
    void tracedPixelsMatchTheReference(Gpu gpu) {
        Random random = new Random(seed);
        Camera camera = ShadingScenes.lookingAtOrigin(W, H, new Vector3f(0.5f, -0.4f, 3f));
        GaussianCloud cloud = ShadingScenes.randomCloud(random, 400);
        for (int i = 0; i < cloud.count(); i++) {
            double[] n = ReferenceEnvironment.normalize(new double[] {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()});
            for (int k = 0; k < 3; k++) {
                cloud.normals[3 * i + k] = (float) n[k];
                cloud.sh[48 * i + k] = (float) (2.5 * random.nextGaussian()); // some colours clamp at 0
            }
        }
        float[] features = new float[4 * PLANE], depth = new float[PLANE];
        for (int p = 0; p < PLANE; p++) {
            boolean empty = random.nextInt(8) == 0;
            for (int c = 0; c < 3; c++) {
                features[c * PLANE + p] = empty ? 0 : (float) random.nextGaussian();
            }
            features[3 * PLANE + p] = random.nextInt(4) == 0 ? 0.04f * random.nextFloat() : random.nextFloat();
            depth[p] = random.nextInt(10) == 0 ? 0 : 2.5f + random.nextFloat();
        }
        float[] hits;
        GaussianCloud one = new GaussianCloud(1);
        one.rotations[0] = 1;
        try (SplatRasterizer rasterizer = new SplatRasterizer(gpu, ReflectionComposite.FEATURE_CHANNELS);
             GaussianBuffers splats = GaussianBuffers.upload(gpu, one, new float[ReflectionComposite.FEATURE_CHANNELS]);
             MirrorSceneTrace trace = new MirrorSceneTrace(gpu, 0, 2)) {
            // a real render supplies the frame uniforms and the targets; their contents are then replaced
            RasterTargets targets = rasterizer.render(splats, camera, RasterSettings.of(0, new Vector3f()));
            GpuBuffer frame = rasterizer.lastFrame().frameUniforms();
            targets.features.uploadFloats(features);
            targets.depth.uploadFloats(depth);
            trace.refresh(cloud, BOUND, CELLS);
            GpuBuffer[] out = new GpuBuffer[1];
            gpu.submitAndWait(commands -> out[0] = trace.record(commands, frame, targets, MirrorSceneTrace.UNCACHED));
            hits = out[0].readFloats(MirrorSceneTrace.HIT_CHANNELS * PLANE);
        }
        GaussianDensities densities = GaussianDensities.of(cloud);
        float[] colours = MirrorSceneTrace.coloursOf(cloud);
        double size = 2.0 * BOUND / CELLS;
        Matrix4f worldFromView = new Matrix4f(camera.viewFromWorld()).invertAffine();
        int traced = 0, hit = 0;
        for (int p = 0; p < PLANE; p++) {
            String where = "pixel " + p + ", seed " + seed;
            double[] sum = {features[p], features[PLANE + p], features[2 * PLANE + p]};
            double[] expected = new double[5];
            if (features[3 * PLANE + p] >= MirrorSceneTrace.MIN_STRENGTH && ReferenceEnvironment.dot(sum, sum) > 1e-20 && depth[p] > 0) {
                double z = depth[p];
                Vector3f o = worldFromView.transformPosition(new Vector3f((float) ((p % W + 0.5 - camera.cx()) / camera.fx() * z),
                        (float) ((p / W + 0.5 - camera.cy()) / camera.fy() * z), (float) z));
                double[] d = ReferenceMirrorReflection.reflect(ReferenceMirrorReflection.pixelRay(camera, p % W, p / W),
                        ReferenceEnvironment.normalize(sum));
                expected = ReferenceReflectionTrace.march(new double[] {o.x, o.y, o.z}, d, densities, colours, 6, 3, 3, CELLS,
                        -BOUND, size, GaussianRayGrid.NEAR_CELLS * size);
                traced++;
                hit += expected[3] > 0.05 ? 1 : 0;
            }
            for (int k = 0; k < MirrorSceneTrace.HIT_CHANNELS; k++) {
                assertEquals(expected[k], hits[k * PLANE + p], TOLERANCE * Math.max(1, Math.abs(expected[k])), "channel " + k + " at " + where);
            }
        }
        assertTrue(traced > PLANE / 3 && traced < PLANE, traced + " of " + PLANE + " pixels traced, seed " + seed);
        assertTrue(hit > 20, hit + " traced pixels met something, seed " + seed);
    }

    /**
     * A view's hits are traced on its first visit after each snapshot and kept until the next: a second visit with
     * other normals gets the first visit's hits, a new snapshot traces again, and views past the budget always trace.
     */
    @Test
    void aViewIsTracedOncePerSnapshot(Gpu gpu) {
        Random random = new Random(seed);
        Camera camera = ShadingScenes.lookingAtOrigin(W, H, new Vector3f(0.3f, 0.2f, 3f));
        GaussianCloud cloud = ShadingScenes.randomCloud(random, 300);
        for (int i = 0; i < cloud.count(); i++) {
            cloud.normals[3 * i + 2] = -1;  // facing the reflected rays, which go back up towards the camera
            cloud.sh[48 * i] = 1;
        }
        float[] towardsScene = new float[4 * PLANE], depth = new float[PLANE];
        Arrays.fill(depth, 2.8f);
        for (int p = 0; p < PLANE; p++) {
            towardsScene[2 * PLANE + p] = 1;  // mirrors facing the camera: their rays go back up through the Gaussians
            towardsScene[3 * PLANE + p] = 1;
        }
        float[] noMirror = new float[4 * PLANE];
        long viewBytes = 4L * MirrorSceneTrace.HIT_CHANNELS * PLANE;
        GaussianCloud one = new GaussianCloud(1);
        one.rotations[0] = 1;
        try (SplatRasterizer rasterizer = new SplatRasterizer(gpu, ReflectionComposite.FEATURE_CHANNELS);
             GaussianBuffers splats = GaussianBuffers.upload(gpu, one, new float[ReflectionComposite.FEATURE_CHANNELS]);
             MirrorSceneTrace trace = new MirrorSceneTrace(gpu, viewBytes)) { // room for one view's hits
            RasterTargets targets = rasterizer.render(splats, camera, RasterSettings.of(0, new Vector3f()));
            GpuBuffer frame = rasterizer.lastFrame().frameUniforms();
            targets.depth.uploadFloats(depth);
            trace.refresh(cloud, BOUND, CELLS);
            targets.features.uploadFloats(towardsScene);
            float[] first = record(gpu, trace, frame, targets, 0);
            assertTrue(coverage(first) > 0.05 * PLANE, "the rays meet the Gaussians, seed " + seed);

            targets.features.uploadFloats(noMirror);  // nothing left to trace, but view 0 was traced on this snapshot
            assertArrayEquals(first, record(gpu, trace, frame, targets, 0), "view 0 again: its kept hits");
            assertEquals(0, coverage(record(gpu, trace, frame, targets, MirrorSceneTrace.UNCACHED)), "uncached: traced");
            targets.features.uploadFloats(towardsScene);
            assertArrayEquals(first, record(gpu, trace, frame, targets, 1), "view 1, past the budget: traced");
            targets.features.uploadFloats(noMirror);
            assertEquals(0, coverage(record(gpu, trace, frame, targets, 1)), "view 1 again: traced again");
            assertEquals(4, trace.traces());
            assertEquals(1, trace.reuses());

            trace.refresh(cloud, BOUND, CELLS);
            assertEquals(0, coverage(record(gpu, trace, frame, targets, 0)), "view 0 after a new snapshot: traced again");
            assertEquals(5, trace.traces());
        }
    }

    private static float[] record(Gpu gpu, MirrorSceneTrace trace, GpuBuffer frame, RasterTargets targets, int view) {
        GpuBuffer[] out = new GpuBuffer[1];
        gpu.submitAndWait(commands -> out[0] = trace.record(commands, frame, targets, view));
        return out[0].readFloats(MirrorSceneTrace.HIT_CHANNELS * PLANE);
    }

    private static double coverage(float[] hits) {
        double sum = 0;
        for (int p = 0; p < PLANE; p++) {
            sum += hits[3 * PLANE + p];
        }
        return sum;
    }

    /** Kept hits take at most 2 GiB, and an eighth of a smaller GPU's memory. */
    @Test
    void theCacheFitsTheGpu() {
        assertEquals(MirrorSceneTrace.MAX_CACHE_BYTES, MirrorSceneTrace.cacheBytesFor(141L << 30), "an H200");
        assertEquals(1L << 30, MirrorSceneTrace.cacheBytesFor(8L << 30), "an 8 GiB card");
        assertEquals(0, MirrorSceneTrace.cacheBytesFor(0), "no device-local heap: every render traced");
    }

    @Test
    void aGaussiansColourIsItsConstantTermAsTheSplatsShowIt() {
        GaussianCloud cloud = new GaussianCloud(2);
        cloud.normals[0] = 1;
        cloud.normals[5] = -1;
        float c0 = GaussianInitializer.SH_C0;
        cloud.sh[0] = 1;
        cloud.sh[1] = -3;  // below 0 after the offset: clamped
        cloud.sh[2] = 0;
        cloud.sh[48] = 0.5f;
        assertArrayEquals(new float[] {1, 0, 0, 0.5f + c0, 0, 0.5f, 0, 0, -1, 0.5f + 0.5f * c0, 0.5f, 0.5f},
                MirrorSceneTrace.coloursOf(cloud), 1e-7f);
    }
}
