package dev.splatlight.core.asset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.splatlight.core.camera.Camera;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.joml.Matrix4f;

/**
 * The cameras of the photos an asset was trained on ({@code cameras.json} beside the manifest), so that viewers can
 * show it from where the photos were taken. Optional: assets from elsewhere have none.
 */
public final class AssetCameras {
    public static final String FILE = "cameras.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A dataset camera: its view's name (e.g. {@code test_000}), whether it trained or tested, and the camera. */
    public record Named(String name, String split, Camera camera) {
    }

    private AssetCameras() {
    }

    /** Writes the cameras atomically; view_from_world row-major, in {@link Camera}'s convention. */
    public static void write(Path dir, List<Named> cameras) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("convention", "pinhole, +x right, +y down, +z forward; pixel = (fx x/z + cx, fy y/z + cy); "
                + "view_from_world: world -> camera, 4x4 row-major");
        ArrayNode list = root.putArray("cameras");
        for (Named named : cameras) {
            Camera c = named.camera();
            ObjectNode node = list.addObject();
            node.put("name", named.name());
            node.put("split", named.split());
            node.put("width", c.width());
            node.put("height", c.height());
            node.put("fx", c.fx());
            node.put("fy", c.fy());
            node.put("cx", c.cx());
            node.put("cy", c.cy());
            ArrayNode matrix = node.putArray("view_from_world");
            for (int row = 0; row < 4; row++) {
                for (int column = 0; column < 4; column++) {
                    matrix.add(c.viewFromWorld().get(column, row));
                }
            }
        }
        AtomicFiles.writeJson(dir.resolve(FILE), root);
    }

    /** The asset's cameras, or an empty list where it has none; a malformed file is an error naming it and the field. */
    public static List<Named> read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new AssetFormatException(file + ": not readable JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        JsonNode list = root == null ? null : root.get("cameras");
        if (list == null || !list.isArray()) {
            throw new AssetFormatException(file + ": needs a \"cameras\" array");
        }
        List<Named> cameras = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            String where = file + ": cameras[" + i + "]";
            JsonNode matrix = node.get("view_from_world");
            if (matrix == null || !matrix.isArray() || matrix.size() != 16) {
                throw new AssetFormatException(where + ".view_from_world must hold 16 numbers");
            }
            float[] values = new float[16];
            for (int k = 0; k < 16; k++) {
                if (!matrix.get(k).isNumber()) {
                    throw new AssetFormatException(where + ".view_from_world[" + k + "] is not a number");
                }
                values[k] = matrix.get(k).floatValue();
            }
            Matrix4f view = new Matrix4f().set(values).transpose(); // stored row-major, JOML reads column-major
            try {
                cameras.add(new Named(text(node, "name", where), text(node, "split", where),
                        new Camera(integer(node, "width", where), integer(node, "height", where), number(node, "fx", where),
                                number(node, "fy", where), number(node, "cx", where), number(node, "cy", where), view)));
            } catch (IllegalArgumentException e) {
                throw new AssetFormatException(where + ": " + e.getMessage());
            }
        }
        return List.copyOf(cameras);
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new AssetFormatException(where + "." + field + " must be a string");
        }
        return value.asText();
    }

    private static int integer(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new AssetFormatException(where + "." + field + " must be an integer");
        }
        return value.intValue();
    }

    private static float number(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new AssetFormatException(where + "." + field + " must be a number");
        }
        return value.floatValue();
    }
}
