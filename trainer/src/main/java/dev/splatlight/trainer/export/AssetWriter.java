package dev.splatlight.trainer.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.splatlight.core.asset.AtomicFiles;
import dev.splatlight.core.asset.GaussianPly;
import dev.splatlight.core.splat.GaussianCloud;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the asset directory (design.md §5): {@code point_cloud.ply} in the 3DGS layout with the learned normals in
 * nx ny nz, and {@code manifest.json} saying what each file is and which conventions hold. Atomic per file.
 */
public final class AssetWriter {
    public static final String GAUSSIANS_FILE = "point_cloud.ply";
    public static final String MANIFEST_FILE = "manifest.json";
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AssetWriter() {
    }

    public static void writeGeometryStage(Path dir, GaussianCloud gaussians, boolean whiteBackground, int iterations) throws IOException {
        GaussianPly.write(dir.resolve(GAUSSIANS_FILE), gaussians, Map.of());
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("format", "splatlight-asset");
        manifest.put("format_version", FORMAT_VERSION);
        manifest.put("stages", "geometry");
        manifest.put("gaussians", gaussians.count());
        manifest.put("geometry_iterations", iterations);
        manifest.put("sh_degree", 3);
        manifest.put("background", whiteBackground ? "white" : "black");
        ObjectNode files = manifest.putObject("files");
        files.put(GAUSSIANS_FILE, "Gaussians, binary little-endian PLY: 3DGS layout (pre-activation), normals in nx ny nz");
        ObjectNode conventions = manifest.putObject("conventions");
        conventions.put("world", "the dataset's world frame (Blender datasets: Z up)");
        conventions.put("colour", "SH colour in display (sRGB-encoded) space, as trained against 8-bit photos");
        conventions.put("normals", "world space, unnormalised learned vectors; normalise before use");
        byte[] bytes = JSON.writeValueAsBytes(manifest);
        AtomicFiles.write(dir.resolve(MANIFEST_FILE), out -> out.write(bytes));
    }

    public static void writeJson(Path file, Object value) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(value);
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
