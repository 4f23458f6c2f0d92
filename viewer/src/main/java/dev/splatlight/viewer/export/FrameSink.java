package dev.splatlight.viewer.export;

import java.io.IOException;

/**
 * Where an export's frames go, in order: an H.264 video or a folder of pictures. Nothing incomplete appears under the
 * final name: a sink that is closed without {@link #commit} removes what it wrote.
 */
public interface FrameSink extends AutoCloseable {
    /** Appends one frame: [height, width] RGBA8 pixels, row 0 at the top, sRGB-encoded. */
    void write(byte[] rgba) throws IOException;

    /** Finishes the output and puts it under its final name. */
    void commit() throws IOException;

    /** Frees what the sink holds; before {@link #commit}, also deletes what it wrote. */
    @Override
    void close();
}
