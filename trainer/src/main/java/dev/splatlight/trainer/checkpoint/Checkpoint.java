package dev.splatlight.trainer.checkpoint;

import dev.splatlight.core.asset.AtomicFiles;
import dev.splatlight.core.cli.BadInputException;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.trainer.model.GaussianState;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole training state at an iteration: Gaussians, Adam moments, densification statistics, and the mirror
 * environment of a run with reflections (θ and its Adam moments; null without). One binary file, written
 * atomically, so an interrupted run resumes from the last complete checkpoint. Version 1 files (before reflection
 * strength) still read, as runs without reflections.
 */
public record Checkpoint(int iteration, GaussianState state, float[] mirrorEnvironment) {
    private static final long MAGIC = 0x53504C4154434B50L; // "SPLATCKP"
    private static final int VERSION = 2;
    private static final int FIRST_VERSION = 1;

    public Checkpoint(int iteration, GaussianState state) {
        this(iteration, state, null);
    }

    public void write(Path file) throws IOException {
        AtomicFiles.write(file, stream -> {
            DataOutputStream out = new DataOutputStream(stream);
            out.writeLong(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(iteration);
            out.writeInt(state.count());
            for (GaussianCloud cloud : new GaussianCloud[] {state.parameters(), state.firstMoments(), state.secondMoments()}) {
                for (float[] array : arrays(cloud, VERSION)) {
                    writeFloats(out, array);
                }
            }
            writeFloats(out, state.gradientSum());
            writeFloats(out, state.viewCount());
            writeFloats(out, state.maxRadius());
            out.writeInt(mirrorEnvironment == null ? 0 : mirrorEnvironment.length);
            if (mirrorEnvironment != null) {
                writeFloats(out, mirrorEnvironment);
            }
            out.flush();
        });
    }

    private static BadInputException unreadable(Path file, IOException e) {
        if (e instanceof EOFException) {
            return new BadInputException(file + ": checkpoint is truncated");
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return new BadInputException(file + ": no checkpoint to resume from");
        }
        return new BadInputException(file + ": cannot read checkpoint (" + e.getMessage() + ")");
    }

    /** What a checkpoint's first bytes say: its iteration and Gaussian count. */
    public record Header(int iteration, int gaussians, int version) {
    }

    /** Reads only the header (a resumed run reports where it starts before it loads the state). */
    public static Header readHeader(Path file) {
        try (InputStream raw = Files.newInputStream(file)) {
            return readHeader(new DataInputStream(raw), file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static Header readHeader(DataInputStream in, Path file) throws IOException {
        if (in.readLong() != MAGIC) {
            throw new BadInputException(file + ": not a Splatlight checkpoint");
        }
        int version = in.readInt();
        if (version < FIRST_VERSION || version > VERSION) {
            throw new BadInputException(file + ": checkpoint version " + version + " is not supported (expected "
                    + FIRST_VERSION + " to " + VERSION + ")");
        }
        int iteration = in.readInt(), n = in.readInt();
        if (n < 0 || iteration < 0) {
            throw new BadInputException(file + ": corrupt header (iteration " + iteration + ", " + n + " Gaussians)");
        }
        return new Header(iteration, n, version);
    }

    public static Checkpoint read(Path file) {
        try (InputStream raw = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            DataInputStream in = new DataInputStream(raw);
            Header header = readHeader(in, file);
            int iteration = header.iteration(), n = header.gaussians();
            GaussianCloud[] clouds = new GaussianCloud[3];
            for (int c = 0; c < 3; c++) {
                clouds[c] = new GaussianCloud(n);
                for (float[] array : arrays(clouds[c], header.version())) {
                    readFloats(in, array);
                }
            }
            float[] sums = new float[n], views = new float[n], radii = new float[n];
            readFloats(in, sums);
            readFloats(in, views);
            readFloats(in, radii);
            float[] environment = readMirrorTail(in, header, file);
            return new Checkpoint(iteration, new GaussianState(clouds[0], clouds[1], clouds[2], sums, views, radii), environment);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Only the mirror environment's state (θ and Adam's moments), skipping the Gaussians: what the material stage
     * starts its light from. Null when the run had no reflections.
     */
    public static float[] readMirrorEnvironment(Path file) {
        try (InputStream raw = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            DataInputStream in = new DataInputStream(raw);
            Header header = readHeader(in, file);
            long floatsBefore = 3L * header.gaussians(); // gradient sums, view counts, radii
            for (float[] array : arrays(new GaussianCloud(1), header.version())) {
                floatsBefore += 3L * array.length * header.gaussians(); // parameters and both moments
            }
            in.skipNBytes(4 * floatsBefore);
            return readMirrorTail(in, header, file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** The file's last part: the mirror environment's state, or null (none written, or a version 1 file). */
    private static float[] readMirrorTail(DataInputStream in, Header header, Path file) throws IOException {
        if (header.version() < 2) {
            return null;
        }
        int floats = in.readInt();
        if (floats < 0 || floats > 1 << 28) {
            throw new BadInputException(file + ": corrupt mirror environment size " + floats);
        }
        if (floats == 0) {
            return null;
        }
        float[] environment = new float[floats];
        readFloats(in, environment);
        return environment;
    }

    /** A cloud's arrays as a file of {@code version} stores them: version 1 has no reflection strength, the last. */
    private static float[][] arrays(GaussianCloud c, int version) {
        float[][] all = c.arrays();
        return version >= 2 ? all : java.util.Arrays.copyOf(all, all.length - 1);
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        FloatArrays.write(out, values);
    }

    private static void readFloats(DataInputStream in, float[] values) throws IOException {
        FloatArrays.read(in, values);
    }
}
