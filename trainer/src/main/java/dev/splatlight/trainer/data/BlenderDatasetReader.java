package dev.splatlight.trainer.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.splatlight.core.camera.Camera;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.joml.Matrix4f;

/**
 * The NeRF-synthetic / TensoIR ("Blender") layout: {@code transforms_train.json} and {@code transforms_test.json}
 * with {@code camera_angle_x} and frames of {@code file_path} (without extension; .png appended) and a 4×4
 * OpenGL camera-to-world {@code transform_matrix}.
 */
public final class BlenderDatasetReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BlenderDatasetReader() {
    }

    public static boolean recognises(Path root) {
        return Files.isRegularFile(root.resolve("transforms_train.json"));
    }

    public static Dataset read(Path root) {
        List<TrainingView> train = readSplit(root, "transforms_train.json");
        Path testFile = root.resolve("transforms_test.json");
        List<TrainingView> test = Files.isRegularFile(testFile) ? readSplit(root, "transforms_test.json") : List.of();
        return new Dataset(root, "blender", train, test, Optional.empty(), true);
    }

    private static List<TrainingView> readSplit(Path root, String fileName) {
        Path file = root.resolve(fileName);
        JsonNode json;
        try {
            json = JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DatasetException(file + ": not valid JSON (" + e.getOriginalMessage() + " at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")", e);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (json == null || !json.isObject()) {
            throw new DatasetException(file + ": expected a JSON object");
        }
        JsonNode fov = json.get("camera_angle_x");
        if (fov == null || !fov.isNumber() || fov.asDouble() <= 0 || fov.asDouble() >= Math.PI) {
            throw new DatasetException(file + ": camera_angle_x must be a number in (0, π), got " + fov);
        }
        JsonNode frames = json.get("frames");
        if (frames == null || !frames.isArray() || frames.isEmpty()) {
            throw new DatasetException(file + ": frames must be a non-empty array");
        }
        List<TrainingView> views = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            views.add(readFrame(root, file, i, frames.get(i), (float) fov.asDouble()));
        }
        return views;
    }

    private static TrainingView readFrame(Path root, Path file, int index, JsonNode frame, float fovX) {
        String where = file + ": frames[" + index + "]";
        JsonNode path = frame.get("file_path");
        if (path == null || !path.isTextual()) {
            throw new DatasetException(where + ".file_path must be a string");
        }
        String relative = path.asText().startsWith("./") ? path.asText().substring(2) : path.asText();
        Path imageFile = root.resolve(relative.endsWith(".png") ? relative : relative + ".png").normalize();
        Matrix4f cameraToWorld = matrix(frame.get("transform_matrix"), where + ".transform_matrix");
        Rgba8Image image = Rgba8Image.read(imageFile);
        Camera camera = Camera.fromOpenGlCameraToWorld(cameraToWorld, image.width(), image.height(), fovX);
        String name = root.relativize(imageFile).getNameCount() > 1 ? root.relativize(imageFile).getName(0).toString()
                : imageFile.getFileName().toString().replaceFirst("\\.png$", "");
        return new TrainingView(name, camera, image, imageFile);
    }

    /** A 4×4 row-major JSON matrix (rows of numbers) as a JOML matrix. */
    private static Matrix4f matrix(JsonNode rows, String where) {
        if (rows == null || !rows.isArray() || rows.size() != 4) {
            throw new DatasetException(where + " must be 4 rows of 4 numbers");
        }
        Matrix4f m = new Matrix4f();
        for (int r = 0; r < 4; r++) {
            JsonNode row = rows.get(r);
            if (!row.isArray() || row.size() != 4) {
                throw new DatasetException(where + "[" + r + "] must be 4 numbers");
            }
            for (int c = 0; c < 4; c++) {
                if (!row.get(c).isNumber() || !Double.isFinite(row.get(c).asDouble())) {
                    throw new DatasetException(where + "[" + r + "][" + c + "] is not a finite number");
                }
                m.set(c, r, (float) row.get(c).asDouble()); // JOML set(column, row)
            }
        }
        if (Math.abs(m.determinant3x3()) < 1e-6) {
            throw new DatasetException(where + " has a singular rotation part");
        }
        return m;
    }
}
