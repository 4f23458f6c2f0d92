package dev.splatlight.trainer.checkpoint;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Float arrays in checkpoint files: big-endian IEEE 754, no header (the caller knows the length). */
final class FloatArrays {
    private FloatArrays() {
    }

    static void write(DataOutputStream out, float[] values) throws IOException {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(values.length * 4);
        bytes.asFloatBuffer().put(values);
        out.write(bytes.array());
    }

    static void read(DataInputStream in, float[] values) throws IOException {
        byte[] bytes = new byte[values.length * 4];
        in.readFully(bytes);
        java.nio.ByteBuffer.wrap(bytes).asFloatBuffer().get(values);
    }

    /** A length-prefixed array. */
    static void writeSized(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        write(out, values);
    }

    /** A length-prefixed array of at most {@code limit} floats (a corrupt length is refused before allocating). */
    static float[] readSized(DataInputStream in, long limit, String what) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > limit) {
            throw new IOException(what + " claims " + n + " floats (at most " + limit + " fit the file)");
        }
        float[] values = new float[n];
        read(in, values);
        return values;
    }
}
