package dev.splatlight.core.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.testing.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Other 3DGS tools open our PLY: PlayCanvas's splat-transform (from npm) converts an asset's PLY to CSV, and every
 * property — the 3DGS layout and the appended PBR ones — must come back with exactly our values.
 */
class SplatTransformInteropTest {
    private static final String TOOL = "@playcanvas/splat-transform@3.7.0";

    @Test
    void splatTransformReadsEveryPropertyOfOurPly(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(ExternalTools.onPath("npx"), "npm is not installed (apt-get install npm): the splat-transform interop test is skipped");
        Random random = new Random(5);
        int n = 200;
        GaussianCloud cloud = new GaussianCloud(n);
        for (float[] array : List.of(cloud.means, cloud.logScales, cloud.rotations, cloud.opacityLogits, cloud.sh, cloud.normals)) {
            for (int i = 0; i < array.length; i++) {
                array[i] = (float) random.nextGaussian();
            }
        }
        Map<String, float[]> extras = new LinkedHashMap<>();
        for (String name : RelightableAsset.Material.PROPERTIES) {
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = random.nextFloat();
            }
            extras.put(name, values);
        }
        Path ply = dir.resolve("in.ply");
        GaussianPly.write(ply, cloud, extras);
        Process process = new ProcessBuilder("npx", "--yes", TOOL, ply.toString(), dir.resolve("out.csv").toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "splat-transform did not finish within 3 minutes");
        assertEquals(0, process.exitValue(), "splat-transform failed: " + Files.readString(dir.resolve("log.txt")));

        List<String> lines = Files.readAllLines(dir.resolve("out.csv"));
        List<String> header = Arrays.asList(lines.get(0).split(","));
        assertEquals(n + 1, lines.size(), "one row per Gaussian");
        Map<String, float[]> expected = new LinkedHashMap<>();
        for (int axis = 0; axis < 3; axis++) {
            String xyz = "xyz".substring(axis, axis + 1);
            expected.put(xyz, column(cloud.means, 3, axis));
            expected.put("n" + xyz, column(cloud.normals, 3, axis));
            expected.put("scale_" + axis, column(cloud.logScales, 3, axis));
            expected.put("f_dc_" + axis, column(cloud.sh, 48, axis));
        }
        for (int k = 0; k < 4; k++) {
            expected.put("rot_" + k, column(cloud.rotations, 4, k));
        }
        expected.put("opacity", cloud.opacityLogits);
        for (int j = 0; j < 45; j++) { // f_rest is channel-major: f_rest_(c·15 + k) = coefficient k + 1 of channel c
            expected.put("f_rest_" + j, column(cloud.sh, 48, 3 * (1 + j % 15) + j / 15));
        }
        expected.putAll(extras);
        for (Map.Entry<String, float[]> property : expected.entrySet()) {
            int at = header.indexOf(property.getKey());
            assertTrue(at >= 0, "splat-transform kept property " + property.getKey() + " (header " + header + ")");
            for (int i = 0; i < n; i++) {
                float read = (float) Double.parseDouble(lines.get(i + 1).split(",")[at]);
                assertEquals(property.getValue()[i], read, 0f, property.getKey() + " of Gaussian " + i);
            }
        }
    }

    private static float[] column(float[] rows, int width, int offset) {
        float[] out = new float[rows.length / width];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows[i * width + offset];
        }
        return out;
    }
}
