package dev.splatlight.trainer.data;

import dev.splatlight.core.asset.PngFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The smallest valid COLMAP scene, for the fuzz tests: one 32×24 PINHOLE camera, two registered images (a.png, b.png)
 * and two sparse points, as binary ({@code *.bin}, COLMAP's default) or text ({@code *.txt}) model files; the photos
 * are opaque (RGB, black).
 */
public final class ColmapFixture {
    private ColmapFixture() {
    }

    public static void write(Path root, boolean binary) throws IOException {
        Path sparse = Files.createDirectories(root.resolve("sparse/0"));
        Files.createDirectories(root.resolve("images"));
        PngFiles.write(root.resolve("images/a.png"), new byte[32 * 24 * 3], 32, 24, 3);
        PngFiles.write(root.resolve("images/b.png"), new byte[32 * 24 * 3], 32, 24, 3);
        if (binary) {
            Files.write(sparse.resolve("cameras.bin"), camerasBin());
            Files.write(sparse.resolve("images.bin"), imagesBin());
            Files.write(sparse.resolve("points3D.bin"), pointsBin());
        } else {
            Files.writeString(sparse.resolve("cameras.txt"), "# Camera list\n1 PINHOLE 32 24 30 31 16 12\n");
            Files.writeString(sparse.resolve("images.txt"), "# Image list\n1 1 0 0 0 0 0 4 1 a.png\n10 12 -1\n"
                    + "2 0.7071068 0 0.7071068 0 0 0 4 1 b.png\n\n");
            Files.writeString(sparse.resolve("points3D.txt"), "# 3D points\n1 0.5 0.25 0 255 128 0 0.5 1 0\n2 0 0 1 0 0 0 0.1\n");
        }
    }

    static byte[] camerasBin() {
        ByteBuffer b = little(8 + 4 + 4 + 8 + 8 + 4 * 8);
        b.putLong(1).putInt(1).putInt(1).putLong(32).putLong(24); // id 1, model 1 = PINHOLE, 32×24
        b.putDouble(30).putDouble(31).putDouble(16).putDouble(12);
        return b.array();
    }

    static byte[] imagesBin() {
        byte[][] names = {"a.png\0".getBytes(StandardCharsets.US_ASCII), "b.png\0".getBytes(StandardCharsets.US_ASCII)};
        ByteBuffer b = little(8 + 2 * (4 + 7 * 8 + 4 + 6 + 8) + 24);
        b.putLong(2);
        double[][] poses = {{1, 0, 0, 0, 0, 0, 4}, {0.7071068, 0, 0.7071068, 0, 0, 0, 4}};
        for (int i = 0; i < 2; i++) {
            b.putInt(i + 1);
            for (double v : poses[i]) {
                b.putDouble(v);
            }
            b.putInt(1).put(names[i]);
            b.putLong(i == 0 ? 1 : 0); // image a observes point 1 once
            if (i == 0) {
                b.putDouble(10).putDouble(12).putLong(1);
            }
        }
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    static byte[] pointsBin() {
        ByteBuffer b = little(8 + 2 * (8 + 24 + 3 + 8 + 8) + 8);
        b.putLong(2);
        b.putLong(1).putDouble(0.5).putDouble(0.25).putDouble(0).put((byte) 255).put((byte) 128).put((byte) 0).putDouble(0.5)
                .putLong(1).putInt(1).putInt(0);
        b.putLong(2).putDouble(0).putDouble(0).putDouble(1).put((byte) 0).put((byte) 0).put((byte) 0).putDouble(0.1).putLong(0);
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    private static ByteBuffer little(int capacity) {
        return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }
}
