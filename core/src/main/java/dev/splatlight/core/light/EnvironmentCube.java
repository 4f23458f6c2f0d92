package dev.splatlight.core.light;

import dev.splatlight.core.asset.AssetFormatException;
import dev.splatlight.core.asset.AtomicFiles;
import dev.splatlight.core.light.io.HdrImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An environment as a cubemap on the host: six size² faces (+X, −X, +Y, −Y, +Z, −Z, rows top to bottom), linear RGB
 * radiance in the world frame (GLSL: include/light/cubemap.glsl) — how an asset stores its learned light, exactly.
 *
 * <p>File layout, little-endian: "SLENVCU1", u32 size, f32[6, size, size, 3].
 */
public record EnvironmentCube(int size, float[] rgb) {
    private static final byte[] MAGIC = "SLENVCU1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    public EnvironmentCube {
        if (size < 1 || rgb.length != 18L * size * size) {
            throw new IllegalArgumentException("environment cube of size " + size + " needs " + 18L * size * size + " floats, got "
                    + rgb.length);
        }
    }

    public void write(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(MAGIC.length + 4 + 4 * rgb.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(MAGIC).putInt(size);
        bytes.asFloatBuffer().put(rgb);
        AtomicFiles.write(file, out -> out.write(bytes.array()));
    }

    public static EnvironmentCube read(Path file) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new AssetFormatException(file + ": environment file not found");
        } catch (IOException e) {
            throw new AssetFormatException(file + ": cannot read environment (" + e.getMessage() + ")");
        }
        if (raw.length < MAGIC.length + 4 || !Arrays.equals(Arrays.copyOf(raw, MAGIC.length), MAGIC)) {
            throw new AssetFormatException(file + ": not an environment cube (expected the SLENVCU1 header)");
        }
        ByteBuffer in = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).position(MAGIC.length);
        int size = in.getInt();
        long expected = MAGIC.length + 4 + 72L * size * size;
        if (size < 1 || size > 8192 || expected != raw.length) {
            throw new AssetFormatException(file + ": face size " + size + " needs " + expected + " bytes, the file has " + raw.length
                    + (expected > raw.length ? " (truncated?)" : ""));
        }
        float[] rgb = new float[18 * size * size];
        in.asFloatBuffer().get(rgb);
        for (int i = 0; i < rgb.length; i++) {
            if (!Float.isFinite(rgb[i]) || rgb[i] < 0) {
                throw new AssetFormatException(file + ": radiance " + rgb[i] + " at texel " + i / 3 + " (must be finite and ≥ 0)");
            }
        }
        return new EnvironmentCube(size, rgb);
    }

    /** The integral of the radiance over the sphere per channel: Σ texel radiance × its solid angle. */
    public double[] energy() {
        double[] energy = new double[3];
        double[] solidAngles = texelSolidAngles(size);
        for (int t = 0; t < solidAngles.length; t++) {
            for (int c = 0; c < 3; c++) {
                energy[c] += solidAngles[t] * rgb[3 * t + c];
            }
        }
        return energy;
    }

    /** Every texel's solid angle, [6, size, size] (each face's are computed once). */
    public static double[] texelSolidAngles(int size) {
        int perFace = size * size;
        double[] solidAngles = new double[6 * perFace];
        for (int t = 0; t < perFace; t++) {
            solidAngles[t] = texelSolidAngle(t % size, t / size, size);
        }
        for (int face = 1; face < 6; face++) {
            System.arraycopy(solidAngles, 0, solidAngles, face * perFace, perFace);
        }
        return solidAngles;
    }

    /** Solid angle of texel (x, y) of a size² cube face (the same for all six faces; GLSL: cube_texel_solid_angle). */
    public static double texelSolidAngle(int x, int y, int size) {
        double step = 2.0 / size;
        double s0 = x * step - 1, t0 = y * step - 1, s1 = s0 + step, t1 = t0 + step;
        return areaElement(s0, t0) - areaElement(s0, t1) - areaElement(s1, t0) + areaElement(s1, t1);
    }

    /** ∫∫ ds dt / (1 + s² + t²)^{3/2} from the face's centre to (s, t). */
    private static double areaElement(double s, double t) {
        return Math.atan2(s * t, Math.sqrt(s * s + t * t + 1));
    }

    /** A width × width/2 equirectangular view in the datasets' convention, for people to look at (nearest texel). */
    public HdrImage toEquirect(int width) {
        int height = width / 2;
        float[] out = new float[3 * width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int texel = texelToward(equirectDirection((x + 0.5) / width, (y + 0.5) / height));
                System.arraycopy(rgb, 3 * texel, out, 3 * (y * width + x), 3);
            }
        }
        return new HdrImage(width, height, out);
    }

    /**
     * An equirectangular image in the datasets' convention (as {@link #toEquirect} writes) resampled onto size² faces:
     * each texel is the solid-angle-weighted mean of the pixels whose centres fall in it — a box filter: a uniform
     * light stays uniform and a sun stays in its texel, its energy right up to how many pixel centres that texel
     * happens to hold — or, where the image is too coarse for any pixel centre to land in a texel, the pixel its
     * centre direction falls in.
     */
    public static EnvironmentCube fromEquirect(HdrImage image, int size) {
        int width = image.width(), height = image.height(), texels = 6 * size * size;
        double[] sum = new double[3 * texels], weight = new double[texels];
        for (int y = 0; y < height; y++) {
            double v = (y + 0.5) / height, solidAngle = Math.sin(Math.PI * v); // per pixel, up to a constant
            for (int x = 0; x < width; x++) {
                int texel = texelToward(equirectDirection((x + 0.5) / width, v), size);
                weight[texel] += solidAngle;
                for (int c = 0; c < 3; c++) {
                    sum[3 * texel + c] += solidAngle * image.get(x, y, c);
                }
            }
        }
        float[] rgb = new float[3 * texels];
        for (int face = 0; face < 6; face++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int texel = (face * size + y) * size + x;
                    if (weight[texel] > 0) {
                        for (int c = 0; c < 3; c++) {
                            rgb[3 * texel + c] = (float) (sum[3 * texel + c] / weight[texel]);
                        }
                        continue;
                    }
                    double[] d = texelDirection(face, x, y, size);
                    double u = 0.5 - Math.atan2(d[1], d[0]) / (2 * Math.PI);
                    u -= Math.floor(u);
                    double v = Math.acos(Math.max(-1, Math.min(1, d[2]))) / Math.PI;
                    int px = Math.min(width - 1, (int) (u * width)), py = Math.min(height - 1, (int) (v * height));
                    for (int c = 0; c < 3; c++) {
                        rgb[3 * texel + c] = image.get(px, py, c);
                    }
                }
            }
        }
        return new EnvironmentCube(size, rgb);
    }

    /** The direction at (u, v) ∈ [0, 1]² of an equirect image in the datasets' convention (top row +Z, centre +X). */
    private static double[] equirectDirection(double u, double v) {
        return new double[] {-Math.sin(Math.PI * v) * Math.cos(2 * Math.PI * u), Math.sin(Math.PI * v) * Math.sin(2 * Math.PI * u),
                Math.cos(Math.PI * v)};
    }

    /** Centre direction of texel (x, y) of face {@code face}, normalised (GLSL: cube_texel_direction). */
    static double[] texelDirection(int face, int x, int y, int size) {
        double s = (x + 0.5) * 2.0 / size - 1, t = (y + 0.5) * 2.0 / size - 1;
        double[] d = switch (face) {
            case 0 -> new double[] {1, -t, -s};
            case 1 -> new double[] {-1, -t, s};
            case 2 -> new double[] {s, 1, t};
            case 3 -> new double[] {s, -1, -t};
            case 4 -> new double[] {s, -t, 1};
            default -> new double[] {-s, -t, -1};
        };
        double length = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
        return new double[] {d[0] / length, d[1] / length, d[2] / length};
    }

    /** The texel a direction falls in (faces as cube_face_uv in cubemap.glsl). */
    int texelToward(double[] d) {
        return texelToward(d, size);
    }

    private static int texelToward(double[] d, int size) {
        double ax = Math.abs(d[0]), ay = Math.abs(d[1]), az = Math.abs(d[2]);
        int face;
        double major, s, t;
        if (ax >= ay && ax >= az) {
            face = d[0] >= 0 ? 0 : 1;
            major = ax;
            s = d[0] >= 0 ? -d[2] : d[2];
            t = -d[1];
        } else if (ay >= az) {
            face = d[1] >= 0 ? 2 : 3;
            major = ay;
            s = d[0];
            t = d[1] >= 0 ? d[2] : -d[2];
        } else {
            face = d[2] >= 0 ? 4 : 5;
            major = az;
            s = d[2] >= 0 ? d[0] : -d[0];
            t = -d[1];
        }
        int x = Math.min(size - 1, (int) (0.5 * (s / major + 1) * size));
        int y = Math.min(size - 1, (int) (0.5 * (t / major + 1) * size));
        return (face * size + y) * size + x;
    }
}
