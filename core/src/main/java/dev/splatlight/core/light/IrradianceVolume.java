package dev.splatlight.core.light;

import dev.splatlight.core.asset.AssetFormatException;
import dev.splatlight.core.asset.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The learned indirect-light volume (design.md §1.3; GLSL: include/light/irradiance_volume.glsl): res³ probes over
 * [−bound, bound]³, each 9 grey SH coefficients (degree 2) of the irradiance arriving there; shading clamps what they
 * give at 0.
 *
 * <p>File layout, little-endian: "SLIRRAD1", u32 resolution, f32 bound, f32[res³, 9] coefficients.
 *
 * @param coefficients [res³, 9], probe (x, y, z) at row (x·res + y)·res + z
 */
public record IrradianceVolume(int resolution, float bound, float[] coefficients) {
    public static final int COEFFICIENTS = 9;
    private static final byte[] MAGIC = "SLIRRAD1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    public IrradianceVolume {
        if (resolution < 2 || !(bound > 0) || coefficients.length != COEFFICIENTS * resolution * resolution * resolution) {
            throw new IllegalArgumentException("irradiance volume: resolution " + resolution + ", bound " + bound + ", "
                    + coefficients.length + " coefficients");
        }
    }

    /** A volume of zeros: no indirect light (GS-IR's initialisation). */
    public static IrradianceVolume zeros(int resolution, float bound) {
        return new IrradianceVolume(resolution, bound, new float[COEFFICIENTS * resolution * resolution * resolution]);
    }

    public void write(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(MAGIC.length + 8 + 4 * coefficients.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(MAGIC).putInt(resolution).putFloat(bound);
        bytes.asFloatBuffer().put(coefficients);
        AtomicFiles.write(file, out -> out.write(bytes.array()));
    }

    public static IrradianceVolume read(Path file) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new AssetFormatException(file + ": irradiance volume file not found");
        } catch (IOException e) {
            throw new AssetFormatException(file + ": cannot read irradiance volume (" + e.getMessage() + ")");
        }
        if (raw.length < MAGIC.length + 8 || !Arrays.equals(Arrays.copyOf(raw, MAGIC.length), MAGIC)) {
            throw new AssetFormatException(file + ": not an irradiance volume (expected the SLIRRAD1 header)");
        }
        ByteBuffer in = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).position(MAGIC.length);
        int resolution = in.getInt();
        float bound = in.getFloat();
        if (resolution < 2 || resolution > 512 || !(bound > 0) || !Float.isFinite(bound)) {
            throw new AssetFormatException(file + ": resolution " + resolution + " (2..512) or bound " + bound + " (> 0) is invalid");
        }
        long expected = MAGIC.length + 8 + 4L * COEFFICIENTS * resolution * resolution * resolution;
        if (expected != raw.length) {
            throw new AssetFormatException(file + ": resolution " + resolution + " needs " + expected + " bytes, the file has "
                    + raw.length + (expected > raw.length ? " (truncated?)" : ""));
        }
        float[] coefficients = new float[(int) ((expected - MAGIC.length - 8) / 4)];
        in.asFloatBuffer().get(coefficients);
        for (int i = 0; i < coefficients.length; i++) {
            if (!Float.isFinite(coefficients[i])) {
                throw new AssetFormatException(file + ": coefficient " + i % COEFFICIENTS + " of probe " + i / COEFFICIENTS
                        + " is " + coefficients[i]);
            }
        }
        return new IrradianceVolume(resolution, bound, coefficients);
    }
}
