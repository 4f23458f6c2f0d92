package dev.splatlight.viewer.export;

import dev.splatlight.core.cli.BadInputException;
import dev.splatlight.core.cli.OutputPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Chooses what an export writes from the name given: an .mp4 file is a video, a folder a PNG sequence. */
public final class FrameSinks {
    private FrameSinks() {
    }

    /** An .mp4 name is a video; an existing folder or a name without an extension a PNG sequence; others are refused. */
    public static boolean isVideo(Path out) {
        if (Files.isDirectory(out)) {
            return false;
        }
        String name = out.getFileName() == null ? "" : out.getFileName().toString();
        if (name.toLowerCase(Locale.ROOT).endsWith(".mp4")) {
            return true;
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0 && dot < name.length() - 1) {
            throw new BadInputException(out + ": " + name.substring(dot) + " is not written; name an .mp4 file for a video "
                    + "or a folder for a PNG sequence");
        }
        return false;
    }

    /**
     * Checks that {@code out} can take frames of this size — a known kind, an even size for video, a folder name that
     * is not a file — and creates the folder it goes in; before any rendering, so a bad name fails at once.
     *
     * @return whether {@code out} is a video
     */
    public static boolean prepare(Path out, int width, int height) {
        boolean video = isVideo(out);
        if (video && (width % 2 != 0 || height % 2 != 0)) {
            throw new BadInputException("H.264 yuv420p video needs an even size, got " + width + "x" + height
                    + " (try " + (width & ~1) + "x" + (height & ~1) + ")");
        }
        if (video) {
            OutputPaths.fileIn(out);
        } else if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new BadInputException(out + ": exists and is not a folder; name a folder for the PNG sequence");
        } else if (out.toAbsolutePath().getParent() != null) {
            OutputPaths.directory(out.toAbsolutePath().getParent());
        }
        return video;
    }

    /** Opens the sink {@code out} names for {@code turntable}'s frames (checked as {@link #prepare} does). */
    public static FrameSink open(Path out, Turntable turntable, int quantiser) throws IOException {
        if (prepare(out, turntable.width(), turntable.height())) {
            return new Mp4Writer(out, turntable.width(), turntable.height(), turntable.fps(), quantiser,
                    Runtime.getRuntime().availableProcessors());
        }
        return new PngSequenceWriter(out, turntable.width(), turntable.height(), turntable.frames());
    }
}
