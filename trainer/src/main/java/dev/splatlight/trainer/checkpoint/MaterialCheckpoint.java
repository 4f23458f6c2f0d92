package dev.splatlight.trainer.checkpoint;

import dev.splatlight.core.asset.AtomicFiles;
import dev.splatlight.core.cli.BadInputException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The material stage's state at an iteration: material logits, the learned environment's log radiance θ (level 0),
 * the irradiance volume, the learned normals (empty when the stage keeps them fixed) and the light's sun lobes [K, 8]
 * (empty without), each with Adam's moments ([2, …]: first, then second). Written atomically. Version 1 files (before
 * learned normals) and version 2 (before sun lobes) still read.
 */
public record MaterialCheckpoint(int iteration, float[] logits, float[] logitMoments, int environmentSize,
                                 float[] environment, float[] environmentMoments, int irradianceResolution,
                                 float irradianceBound, float[] irradiance, float[] irradianceMoments, float[] normals,
                                 float[] normalMoments, float[] sunLobes, float[] sunLobeMoments) {
    public static final String FILE = "material-checkpoint.bin";
    private static final long MAGIC = 0x53504C544D41544CL; // "SPLTMATL"
    private static final int VERSION = 3;
    private static final int[] ARRAYS_BY_VERSION = {0, 6, 8, 10};

    /** Whether the stage learned normals (else {@link #normals} is empty). */
    public boolean hasNormals() {
        return normals.length > 0;
    }

    public void write(Path file) throws IOException {
        AtomicFiles.write(file, stream -> {
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(stream, 1 << 20));
            out.writeLong(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(iteration);
            out.writeInt(environmentSize);
            out.writeInt(irradianceResolution);
            out.writeFloat(irradianceBound);
            for (float[] array : new float[][] {logits, logitMoments, environment, environmentMoments, irradiance, irradianceMoments,
                    normals, normalMoments, sunLobes, sunLobeMoments}) {
                FloatArrays.writeSized(out, array);
            }
            out.flush();
        });
    }

    public static MaterialCheckpoint read(Path file) {
        try (InputStream raw = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            long limit = Files.size(file) / 4;
            DataInputStream in = new DataInputStream(raw);
            if (in.readLong() != MAGIC) {
                throw new BadInputException(file + ": not a Splatlight material checkpoint");
            }
            int version = in.readInt();
            if (version < 1 || version > VERSION) {
                throw new BadInputException(file + ": material checkpoint version " + version + " is not supported (expected "
                        + VERSION + ")");
            }
            int iteration = in.readInt(), environmentSize = in.readInt(), irradianceResolution = in.readInt();
            float irradianceBound = in.readFloat();
            float[][] arrays = {null, null, null, null, null, null, new float[0], new float[0], new float[0], new float[0]};
            String[] names = {"material logits", "their moments", "environment", "its moments", "irradiance volume", "its moments",
                    "normals", "their moments", "sun lobes", "their moments"};
            for (int i = 0; i < ARRAYS_BY_VERSION[version]; i++) {
                arrays[i] = FloatArrays.readSized(in, limit, names[i]);
            }
            if (arrays[1].length != 2 * arrays[0].length || arrays[2].length != 18 * environmentSize * environmentSize
                    || arrays[3].length != 2 * arrays[2].length || arrays[5].length != 2 * arrays[4].length
                    || (arrays[6].length != 0 && arrays[6].length != 3 * (arrays[0].length / 5))
                    || arrays[7].length != 2 * arrays[6].length
                    || arrays[8].length % 8 != 0 || arrays[9].length != 2 * arrays[8].length) {
                throw new BadInputException(file + ": inconsistent array sizes (corrupt material checkpoint)");
            }
            return new MaterialCheckpoint(iteration, arrays[0], arrays[1], environmentSize, arrays[2], arrays[3],
                    irradianceResolution, irradianceBound, arrays[4], arrays[5], arrays[6], arrays[7], arrays[8], arrays[9]);
        } catch (EOFException e) {
            throw new BadInputException(file + ": material checkpoint is truncated");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadInputException(file + ": no material checkpoint to resume from");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read material checkpoint (" + e.getMessage() + ")");
        }
    }
}
