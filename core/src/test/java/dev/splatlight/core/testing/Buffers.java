package dev.splatlight.core.testing;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Moving int and float arrays in and out of GPU buffers in tests. */
public final class Buffers {
    private Buffers() {
    }

    public static GpuBuffer ints(Gpu gpu, String name, int[] values) {
        ByteBuffer bytes = ByteBuffer.allocateDirect(Math.max(4, values.length * 4)).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asIntBuffer().put(values);
        bytes.limit(values.length * 4);
        return GpuBuffer.withData(gpu, name, bytes);
    }

    public static GpuBuffer floats(Gpu gpu, String name, float[] values) {
        ByteBuffer bytes = ByteBuffer.allocateDirect(Math.max(4, values.length * 4)).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        bytes.limit(values.length * 4);
        return GpuBuffer.withData(gpu, name, bytes);
    }

    public static int[] readInts(GpuBuffer buffer, int count) {
        int[] out = new int[count];
        if (count > 0) {
            buffer.download(count * 4L).asIntBuffer().get(out);
        }
        return out;
    }

    public static float[] readFloats(GpuBuffer buffer, int count) {
        float[] out = new float[count];
        if (count > 0) {
            buffer.download(count * 4L).asFloatBuffer().get(out);
        }
        return out;
    }
}
