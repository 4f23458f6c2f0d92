package dev.splatlight.core.gpu;

import dev.splatlight.core.gpu.reflect.StructLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.joml.Matrix4fc;
import org.joml.Vector3fc;

/**
 * Bytes of one uniform block, written member by member at the offsets the shader declares ({@link StructLayout}).
 * Writing a member whose declared size differs from what is written is refused, so a shader change that Java did
 * not follow fails loudly instead of shifting data.
 */
public final class UniformBlock {
    private final StructLayout layout;
    private final ByteBuffer bytes;

    public UniformBlock(StructLayout layout) {
        this.layout = layout;
        this.bytes = ByteBuffer.allocateDirect(layout.size()).order(ByteOrder.LITTLE_ENDIAN);
    }

    private int offset(String member, int size) {
        StructLayout.Member m = layout.member(member);
        if (m.size() != size) {
            throw new IllegalArgumentException(layout.blockName() + "." + member + " is " + m.size() + " bytes in the shader, "
                    + size + " written");
        }
        return m.offset();
    }

    public UniformBlock putInt(String member, int value) {
        bytes.putInt(offset(member, 4), value);
        return this;
    }

    public UniformBlock putFloat(String member, float value) {
        bytes.putFloat(offset(member, 4), value);
        return this;
    }

    public UniformBlock putVec2(String member, float x, float y) {
        int at = offset(member, 8);
        bytes.putFloat(at, x).putFloat(at + 4, y);
        return this;
    }

    public UniformBlock putVec3(String member, Vector3fc v) {
        int at = offset(member, 12);
        bytes.putFloat(at, v.x()).putFloat(at + 4, v.y()).putFloat(at + 8, v.z());
        return this;
    }

    public UniformBlock putVec4(String member, float x, float y, float z, float w) {
        int at = offset(member, 16);
        bytes.putFloat(at, x).putFloat(at + 4, y).putFloat(at + 8, z).putFloat(at + 12, w);
        return this;
    }

    /** A column-major mat4, as GLSL stores it. */
    public UniformBlock putMat4(String member, Matrix4fc matrix) {
        matrix.get(offset(member, 64), bytes);
        return this;
    }

    /** The bytes to upload (position 0, limit = block size). */
    public ByteBuffer bytes() {
        return bytes.duplicate().clear();
    }

    public StructLayout layout() {
        return layout;
    }
}
