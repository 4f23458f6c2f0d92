package dev.splatlight.core.asset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.splat.GaussianCloud;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GaussianPlyTest {
    private static GaussianCloud randomCloud(int n, Random random) {
        GaussianCloud c = new GaussianCloud(n);
        for (float[] a : new float[][] {c.means, c.logScales, c.rotations, c.opacityLogits, c.sh, c.normals}) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) random.nextGaussian();
            }
        }
        return c;
    }

    @Test
    void writtenGaussiansReadBackIdentical(@TempDir Path dir) throws IOException {
        Random random = new Random();
        GaussianCloud cloud = randomCloud(257, random);
        Map<String, float[]> extras = new LinkedHashMap<>();
        extras.put("roughness", new float[257]);
        extras.get("roughness")[5] = 0.25f;
        Path file = dir.resolve("point_cloud.ply");
        GaussianPly.write(file, cloud, extras);
        GaussianPly.Contents back = GaussianPly.read(file);
        assertEquals(257, back.cloud().count());
        assertArrayEquals(cloud.means, back.cloud().means);
        assertArrayEquals(cloud.logScales, back.cloud().logScales);
        assertArrayEquals(cloud.rotations, back.cloud().rotations);
        assertArrayEquals(cloud.opacityLogits, back.cloud().opacityLogits);
        assertArrayEquals(cloud.sh, back.cloud().sh);
        assertArrayEquals(cloud.normals, back.cloud().normals);
        assertArrayEquals(extras.get("roughness"), back.extras().get("roughness"));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void reflectionStrengthTravelsAsItsOwnPropertyOnlyWhenThere(@TempDir Path dir) throws IOException {
        Random random = new Random();
        GaussianCloud plain = randomCloud(9, random);
        Path file = dir.resolve("plain.ply");
        GaussianPly.write(file, plain, Map.of("roughness", new float[9]));
        assertTrue(!header(file).contains(GaussianPly.REFLECTION), "no strength, no property");
        assertArrayEquals(new float[9], GaussianPly.read(file).cloud().reflection);

        GaussianCloud mirror = new GaussianCloud(9, plain.means, plain.logScales, plain.rotations, plain.opacityLogits,
                plain.sh, plain.normals, new float[9]);
        for (int i = 0; i < 9; i++) {
            mirror.reflection[i] = random.nextFloat();
        }
        Path mirrored = dir.resolve("mirror.ply");
        GaussianPly.write(mirrored, mirror, Map.of("roughness", new float[9]));
        assertTrue(header(mirrored).contains("property float opacity\nproperty float scale_0"), "the 3DGS layout comes first");
        GaussianPly.Contents back = GaussianPly.read(mirrored);
        assertArrayEquals(mirror.reflection, back.cloud().reflection);
        assertEquals(java.util.Set.of("roughness"), back.extras().keySet(), "strength goes into the cloud, not the extras");

        byte[] bytes = Files.readAllBytes(mirrored);
        int data = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("end_header\n") + 11;
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(data + 4 * 62, 1.5f); // vertex 0
        Files.write(mirrored, bytes);
        AssetFormatException outOfRange = assertThrows(AssetFormatException.class, () -> GaussianPly.read(mirrored));
        assertTrue(outOfRange.getMessage().contains("vertex 0 property 'reflection' is 1.5"), outOfRange.getMessage());
    }

    private static String header(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
        return text.substring(0, text.indexOf("end_header"));
    }

    @Test
    void theFileFollowsThe3dgsLayout(@TempDir Path dir) throws IOException {
        GaussianCloud cloud = new GaussianCloud(1);
        cloud.sh[3 * 1 + 0] = 7f;  // band 1, coefficient 1, red → f_rest_0
        cloud.sh[3 * 1 + 1] = 8f;  // green → f_rest_15
        cloud.sh[3 * 15 + 2] = 9f; // last coefficient, blue → f_rest_44
        cloud.rotations[0] = 1f;   // w → rot_0
        Path file = dir.resolve("a.ply");
        GaussianPly.write(file, cloud, Map.of());
        String text = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
        String header = text.substring(0, text.indexOf("end_header"));
        assertTrue(header.contains("property float x\nproperty float y\nproperty float z\nproperty float nx\n"), header);
        assertTrue(header.indexOf("f_rest_44") < header.indexOf("property float opacity"), header);
        var data = java.nio.ByteBuffer.wrap(Files.readAllBytes(file), text.indexOf("end_header\n") + 11, 62 * 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] row = new float[62];
        data.get(row);
        assertEquals(7f, row[9]);
        assertEquals(8f, row[9 + 15]);
        assertEquals(9f, row[9 + 44]);
        assertEquals(1f, row[58]);
    }

    /** Other tools' files: properties in another order, SH degree 1, no normals. */
    @Test
    void otherToolsFilesOfLowerShDegreeWithoutNormalsRead(@TempDir Path dir) throws IOException {
        String[] names = {"opacity", "x", "y", "z", "f_dc_0", "f_dc_1", "f_dc_2", "scale_0", "scale_1", "scale_2", "rot_0",
                "rot_1", "rot_2", "rot_3"};
        java.util.List<String> properties = new java.util.ArrayList<>(java.util.List.of(names));
        for (int j = 0; j < 9; j++) {
            properties.add("f_rest_" + j);
        }
        StringBuilder header = new StringBuilder("ply\nformat binary_little_endian 1.0\nelement vertex 1\n");
        properties.forEach(p -> header.append("property float ").append(p).append('\n'));
        header.append("end_header\n");
        java.nio.ByteBuffer body = java.nio.ByteBuffer.allocate(4 * properties.size()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int p = 0; p < properties.size(); p++) {
            body.putFloat(p + 1); // value = position + 1
        }
        Path file = dir.resolve("degree1.ply");
        java.nio.file.Files.write(file, concat(header.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII), body.array()));
        GaussianCloud cloud = GaussianPly.read(file).cloud();
        org.junit.jupiter.api.Assertions.assertEquals(1f, cloud.opacityLogits[0]);
        org.junit.jupiter.api.Assertions.assertEquals(2f, cloud.means[0]);
        org.junit.jupiter.api.Assertions.assertEquals(0f, cloud.normals[2], "no normals: zero");
        // f_rest_j of degree 1 (K = 3 per channel): coefficient j % 3 + 1 of channel j / 3
        for (int j = 0; j < 9; j++) {
            org.junit.jupiter.api.Assertions.assertEquals(15f + j, cloud.sh[3 * (j % 3 + 1) + j / 3], "f_rest_" + j);
        }
        for (int k = 4; k < 16; k++) {
            org.junit.jupiter.api.Assertions.assertEquals(0f, cloud.sh[3 * k], "bands above degree 1 stay zero");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void malformedFilesAreRefusedWithTheFileAndReason(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("good.ply");
        GaussianPly.write(good, randomCloud(10, new Random()), Map.of());
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.ply");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 100));
        var error = assertThrows(AssetFormatException.class, () -> GaussianPly.read(truncated));
        assertTrue(error.getMessage().contains("truncated.ply") && error.getMessage().contains("truncated"), error.getMessage());

        Path ascii = dir.resolve("ascii.ply");
        Files.writeString(ascii, "ply\nformat ascii 1.0\nelement vertex 0\nend_header\n");
        assertTrue(assertThrows(AssetFormatException.class, () -> GaussianPly.read(ascii)).getMessage().contains("binary_little_endian"));

        Path missingProperty = dir.resolve("points.ply");
        Files.writeString(missingProperty, "ply\nformat binary_little_endian 1.0\nelement vertex 0\nproperty float x\nend_header\n");
        assertTrue(assertThrows(AssetFormatException.class, () -> GaussianPly.read(missingProperty)).getMessage().contains("'y'"));

        Path notPly = dir.resolve("image.png");
        Files.writeString(notPly, "\u0089PNG");
        assertTrue(assertThrows(AssetFormatException.class, () -> GaussianPly.read(notPly)).getMessage().contains("not a PLY"));
        assertTrue(assertThrows(AssetFormatException.class, () -> GaussianPly.read(dir.resolve("none.ply"))).getMessage().contains("not found"));
    }
}
