package dev.splatlight.core.light;

import dev.splatlight.core.asset.AssetFormatException;
import dev.splatlight.core.asset.AtomicFiles;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The baked occlusion volume (design.md §1.2): a res³ grid of probes over [−bound, bound]³ of which only those near
 * the Gaussians are stored, each with 16 SH coefficients of the visibility around it (GLSL: include/light/occlusion.glsl).
 *
 * <p>File layout, little-endian: "SLOCCLU1", u32 resolution, f32 bound, f32 threshold, u32 probe count P,
 * u32[P] grid indices (strictly increasing), f32[P, 16] coefficients.
 *
 * @param cells        [P] grid index (x·res + y)·res + z of each stored probe, increasing
 * @param coefficients [P, 16]
 */
public record OcclusionVolume(int resolution, float bound, float threshold, int[] cells, float[] coefficients) {
    public static final int COEFFICIENTS = 16;
    private static final byte[] MAGIC = "SLOCCLU1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int HEADER_BYTES = MAGIC.length + 16;

    public OcclusionVolume {
        if (resolution < 2 || !(bound > 0) || !(threshold > 0) || coefficients.length != COEFFICIENTS * cells.length) {
            throw new IllegalArgumentException("occlusion volume: resolution " + resolution + ", bound " + bound + ", threshold "
                    + threshold + ", " + cells.length + " probes with " + coefficients.length + " coefficients");
        }
    }

    public int probes() {
        return cells.length;
    }

    public float spacing() {
        return 2 * bound / (resolution - 1);
    }

    /** Dense [res³] slot per grid cell, −1 where no probe is stored: what the GPU query indexes. */
    public int[] slotsByCell() {
        int[] slots = new int[Math.multiplyExact(resolution, resolution * resolution)];
        Arrays.fill(slots, -1);
        for (int i = 0; i < cells.length; i++) {
            slots[cells[i]] = i;
        }
        return slots;
    }

    /** The slot of grid cell {@code cell}, or −1. */
    public int slotOf(int cell) {
        int i = Arrays.binarySearch(cells, cell);
        return i >= 0 ? i : -1;
    }

    public void write(Path file) throws IOException {
        AtomicFiles.write(file, stream -> {
            ByteBuffer bytes = ByteBuffer.allocate(HEADER_BYTES + 4 * cells.length + 4 * coefficients.length)
                    .order(ByteOrder.LITTLE_ENDIAN);
            bytes.put(MAGIC).putInt(resolution).putFloat(bound).putFloat(threshold).putInt(cells.length);
            bytes.asIntBuffer().put(cells);
            bytes.position(bytes.position() + 4 * cells.length);
            bytes.asFloatBuffer().put(coefficients);
            new DataOutputStream(stream).write(bytes.array());
        });
    }

    /** Reads and validates a volume file; {@link AssetFormatException} naming the file and the field at fault. */
    public static OcclusionVolume read(Path file) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new AssetFormatException(file + ": occlusion volume file not found");
        } catch (IOException e) {
            throw new AssetFormatException(file + ": cannot read occlusion volume (" + e.getMessage() + ")");
        }
        ByteBuffer in = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        if (raw.length < HEADER_BYTES || !Arrays.equals(Arrays.copyOf(raw, MAGIC.length), MAGIC)) {
            throw new AssetFormatException(file + ": not an occlusion volume (expected the SLOCCLU1 header)");
        }
        in.position(MAGIC.length);
        int resolution = in.getInt();
        float bound = in.getFloat(), threshold = in.getFloat();
        int count = in.getInt();
        if (resolution < 2 || resolution > 1024) {
            throw new AssetFormatException(file + ": resolution " + resolution + " outside 2..1024");
        }
        if (!(bound > 0) || !Float.isFinite(bound) || !(threshold > 0) || !Float.isFinite(threshold)) {
            throw new AssetFormatException(file + ": bound " + bound + " and threshold " + threshold + " must be positive");
        }
        long expected = HEADER_BYTES + (long) count * 4 * (1 + COEFFICIENTS);
        if (count < 0 || expected != raw.length) {
            throw new AssetFormatException(file + ": " + count + " probes need " + expected + " bytes, the file has " + raw.length
                    + (expected > raw.length ? " (truncated?)" : ""));
        }
        int[] cells = new int[count];
        in.asIntBuffer().get(cells);
        in.position(in.position() + 4 * count);
        float[] coefficients = new float[COEFFICIENTS * count];
        in.asFloatBuffer().get(coefficients);
        long cellCount = (long) resolution * resolution * resolution;
        for (int i = 0; i < count; i++) {
            if (cells[i] < 0 || cells[i] >= cellCount || (i > 0 && cells[i] <= cells[i - 1])) {
                throw new AssetFormatException(file + ": probe " + i + " has grid index " + cells[i]
                        + " (indices must increase and lie below " + cellCount + ")");
            }
        }
        for (int i = 0; i < coefficients.length; i++) {
            if (!Float.isFinite(coefficients[i])) {
                throw new AssetFormatException(file + ": coefficient " + i % COEFFICIENTS + " of probe " + i / COEFFICIENTS
                        + " is " + coefficients[i]);
            }
        }
        return new OcclusionVolume(resolution, bound, threshold, cells, coefficients);
    }
}
