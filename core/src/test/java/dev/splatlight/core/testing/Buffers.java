package dev.splatlight.core.testing;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;

/** Moving int and float arrays in and out of GPU buffers in tests. */
public final class Buffers {
    private Buffers() {
    }

    public static GpuBuffer ints(Gpu gpu, String name, int[] values) {
        return GpuBuffer.withInts(gpu, name, values);
    }

    public static GpuBuffer floats(Gpu gpu, String name, float[] values) {
        return GpuBuffer.withFloats(gpu, name, values);
    }

    public static int[] readInts(GpuBuffer buffer, int count) {
        return buffer.readInts(count);
    }

    public static float[] readFloats(GpuBuffer buffer, int count) {
        return buffer.readFloats(count);
    }

    /** Floats as doubles, for the double-precision references the GPU's results are checked against. */
    public static double[] widened(float[] values) {
        double[] widened = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            widened[i] = values[i];
        }
        return widened;
    }
}
