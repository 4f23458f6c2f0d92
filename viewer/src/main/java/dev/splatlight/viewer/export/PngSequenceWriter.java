package dev.splatlight.viewer.export;

import dev.splatlight.core.asset.FileTrees;
import dev.splatlight.core.asset.PngFiles;
import dev.splatlight.core.cli.BadInputException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Writes frames as {@code frame_0000.png}, {@code frame_0001.png}, … into a folder. They go to a hidden temporary folder
 * beside it, renamed to the final name on {@link #commit}, so an interrupted export leaves no partial sequence that
 * looks complete. The target must be missing or an empty folder.
 */
public final class PngSequenceWriter implements FrameSink {
    private final Path target;
    private final Path temporary;
    private final int width, height, digits;
    private int written;
    private boolean committed;

    public PngSequenceWriter(Path target, int width, int height, int frames) throws IOException {
        this.target = target.toAbsolutePath();
        this.width = width;
        this.height = height;
        this.digits = Math.max(4, String.valueOf(frames - 1).length());
        if (Files.isDirectory(this.target)) {
            try (Stream<Path> entries = Files.list(this.target)) {
                if (entries.findAny().isPresent()) {
                    throw new BadInputException(target + ": the folder for the PNG sequence is not empty; name a new or empty folder");
                }
            }
        }
        Files.createDirectories(this.target.getParent());
        temporary = Files.createTempDirectory(this.target.getParent(), "." + this.target.getFileName() + ".");
    }

    /** The name of frame {@code index}. */
    public String fileName(int index) {
        return String.format("frame_%0" + digits + "d.png", index);
    }

    @Override
    public void write(byte[] rgba) throws IOException {
        if (rgba.length != 4 * width * height) {
            throw new IllegalArgumentException("frame of " + rgba.length + " bytes, expected " + 4 * width * height);
        }
        PngFiles.write(temporary.resolve(fileName(written)), rgba, width, height, 4);
        written++;
    }

    @Override
    public void commit() throws IOException {
        Files.deleteIfExists(target); // an empty folder (checked when opened) or nothing
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target);
        }
        committed = true;
    }

    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            FileTrees.delete(temporary);
        } catch (IOException ignored) {
            // a hidden temporary folder left behind is harmless
        }
    }
}
