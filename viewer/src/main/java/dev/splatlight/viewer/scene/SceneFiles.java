package dev.splatlight.viewer.scene;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.splatlight.core.asset.AtomicFiles;
import dev.splatlight.core.cli.BadInputException;
import dev.splatlight.core.mesh.MeshPlacement;
import dev.splatlight.viewer.camera.OrbitCamera;
import dev.splatlight.viewer.render.DisplaySettings;
import dev.splatlight.viewer.render.ViewMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.joml.Vector3f;

/**
 * Reads and writes scene files ({@code ./splatlight view --scene FILE.json}): JSON with {@code "format":
 * "splatlight-scene"}, version 1. Every field but the format is optional; a wrong one is refused with one line
 * naming the file and the field.
 */
public final class SceneFiles {
    public static final String FORMAT = "splatlight-scene";
    public static final int VERSION = 1;
    /** A scene file is a few hundred bytes per mesh; anything this large is not one. */
    static final long MAX_BYTES = 4 << 20;
    static final int MAX_MESHES = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SceneFiles() {
    }

    public static SceneDescription read(Path file) {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                throw new BadInputException("scene " + file + ": " + (Files.exists(file) ? "not a file" : "no such file"));
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new BadInputException("scene " + file + ": " + Files.size(file) + " bytes, more than a scene file's "
                        + MAX_BYTES);
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException("scene " + file + ": cannot read (" + e.getMessage() + ")");
        }
        return parse(bytes, file);
    }

    /** Parses scene JSON; relative paths are taken from {@code file}'s folder. */
    static SceneDescription parse(byte[] bytes, Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new BadInputException("scene " + file + ": not valid JSON (" + oneLine(reason) + ")");
        }
        Fields f = new Fields(file);
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
            throw f.bad("format", "must be \"" + FORMAT + "\"");
        }
        if (root.has("version") && root.get("version").asInt(-1) != VERSION) {
            throw f.bad("version", "is " + root.get("version") + "; this Splatlight reads version " + VERSION);
        }
        Path folder = file.toAbsolutePath().getParent();
        Path asset = f.optionalPath(root, "asset", folder);
        List<SceneDescription.Mesh> meshes = new ArrayList<>();
        JsonNode meshNodes = root.path("meshes");
        if (!meshNodes.isMissingNode() && !meshNodes.isArray()) {
            throw f.bad("meshes", "must be a list");
        }
        if (meshNodes.size() > MAX_MESHES) {
            throw f.bad("meshes", "lists " + meshNodes.size() + " meshes, more than " + MAX_MESHES);
        }
        for (int i = 0; i < meshNodes.size(); i++) {
            meshes.add(mesh(meshNodes.get(i), "meshes[" + i + "]", f, folder));
        }
        JsonNode hdri = root.path("hdri");
        Path hdriFile = null;
        float rotation = 0, intensity = 0;
        if (!hdri.isMissingNode() && !hdri.isNull()) {
            hdriFile = f.optionalPath(hdri, "hdri.file", folder);
            if (hdriFile == null) {
                throw f.bad("hdri.file", "is missing");
            }
            rotation = f.number(hdri, "rotation_degrees", "hdri.rotation_degrees", 0);
            intensity = f.number(hdri, "intensity_stops", "hdri.intensity_stops", 0);
        }
        OrbitCamera camera = root.has("camera") ? camera(root.get("camera"), f) : null;
        DisplaySettings display = root.has("view") ? display(root.get("view"), f) : DisplaySettings.DEFAULT;
        return new SceneDescription(asset, meshes, hdriFile, rotation, intensity, camera, display);
    }

    private static SceneDescription.Mesh mesh(JsonNode node, String at, Fields f, Path folder) {
        if (!node.isObject()) {
            throw f.bad(at, "must be an object with \"file\"");
        }
        Path file = f.optionalPath(node, at + ".file", folder);
        if (file == null) {
            throw f.bad(at + ".file", "is missing");
        }
        Vector3f translation = f.vector(node, "translation", at + ".translation", new Vector3f());
        Vector3f rotation = f.vector(node, "rotation_degrees", at + ".rotation_degrees", new Vector3f());
        float scale = f.number(node, "scale", at + ".scale", 1);
        if (!(scale > 0)) {
            throw f.bad(at + ".scale", "must be a positive number, got " + scale);
        }
        return new SceneDescription.Mesh(file, new MeshPlacement(translation, rotation, scale));
    }

    private static OrbitCamera camera(JsonNode node, Fields f) {
        if (!node.isObject()) {
            throw f.bad("camera", "must be an object");
        }
        Vector3f pivot = f.vector(node, "pivot", "camera.pivot", new Vector3f());
        float pitch = f.number(node, "pitch_degrees", "camera.pitch_degrees", 20);
        float distance = f.number(node, "distance", "camera.distance", 4);
        float fov = f.number(node, "fov_y_degrees", "camera.fov_y_degrees", 40);
        if (!(pitch > -90 && pitch < 90)) {
            throw f.bad("camera.pitch_degrees", "must be within (-90, 90), got " + pitch);
        }
        if (!(distance > 0)) {
            throw f.bad("camera.distance", "must be positive, got " + distance);
        }
        if (!(fov > OrbitCamera.MIN_FOV_DEGREES && fov < OrbitCamera.MAX_FOV_DEGREES)) {
            throw f.bad("camera.fov_y_degrees", "must be within (" + (int) OrbitCamera.MIN_FOV_DEGREES + ", "
                    + (int) OrbitCamera.MAX_FOV_DEGREES + "), got " + fov);
        }
        return new OrbitCamera(pivot, f.number(node, "yaw_degrees", "camera.yaw_degrees", 45), pitch, distance, fov);
    }

    private static DisplaySettings display(JsonNode node, Fields f) {
        if (!node.isObject()) {
            throw f.bad("view", "must be an object");
        }
        ViewMode mode = ViewMode.SHADED;
        if (node.has("mode")) {
            String name = node.get("mode").asText("");
            try {
                mode = ViewMode.valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw f.bad("view.mode", "'" + oneLine(name) + "' is not a view mode (shaded, albedo, normal, roughness, "
                        + "metallic, occlusion, indirect, depth, radiance)");
            }
        }
        String toneMap = node.path("tone_map").asText("aces");
        if (!toneMap.equals("aces") && !toneMap.equals("none")) {
            throw f.bad("view.tone_map", "must be \"aces\" or \"none\"");
        }
        Vector3f background = null;
        JsonNode bg = node.path("background");
        if (bg.isArray()) {
            background = f.vector(node, "background", "view.background", null);
        } else if (!bg.isMissingNode() && !"env".equals(bg.asText())) {
            throw f.bad("view.background", "must be \"env\" or a colour [r, g, b]");
        }
        return new DisplaySettings(mode, f.number(node, "exposure", "view.exposure", 0), toneMap.equals("aces"), background,
                Math.max(0, f.number(node, "blur", "view.blur", 0)));
    }

    /** Writes a scene file atomically; paths are stored relative to its folder where they share a root. */
    public static void write(Path file, SceneDescription scene) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT).put("version", VERSION);
        if (scene.asset() != null) {
            root.put("asset", relative(folder, scene.asset()));
        }
        ArrayNode meshes = root.putArray("meshes");
        for (SceneDescription.Mesh mesh : scene.meshes()) {
            ObjectNode node = meshes.addObject().put("file", relative(folder, mesh.file()));
            putVector(node.putArray("translation"), new Vector3f(mesh.placement().translation()));
            putVector(node.putArray("rotation_degrees"), new Vector3f(mesh.placement().rotationDegrees()));
            node.put("scale", mesh.placement().scale());
        }
        if (scene.hdri() != null) {
            root.putObject("hdri").put("file", relative(folder, scene.hdri())).put("rotation_degrees", scene.hdriRotationDegrees())
                    .put("intensity_stops", scene.hdriIntensityStops());
        }
        if (scene.camera() != null) {
            OrbitCamera c = scene.camera();
            ObjectNode camera = root.putObject("camera");
            putVector(camera.putArray("pivot"), new Vector3f(c.pivot()));
            camera.put("yaw_degrees", c.yawDegrees()).put("pitch_degrees", c.pitchDegrees()).put("distance", c.distance())
                    .put("fov_y_degrees", c.fovYDegrees());
        }
        DisplaySettings d = scene.display();
        ObjectNode view = root.putObject("view").put("mode", d.mode().name().toLowerCase(Locale.ROOT))
                .put("exposure", d.exposure()).put("tone_map", d.aces() ? "aces" : "none").put("blur", d.blurLevel());
        if (d.background() == null) {
            view.put("background", "env");
        } else {
            putVector(view.putArray("background"), new Vector3f(d.background()));
        }
        AtomicFiles.writeJson(file, root);
    }

    private static String relative(Path folder, Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            return folder == null ? absolute.toString() : folder.normalize().relativize(absolute).toString();
        } catch (IllegalArgumentException differentRoots) {
            return absolute.toString();
        }
    }

    private static void putVector(ArrayNode array, Vector3f v) {
        array.add(v.x).add(v.y).add(v.z);
    }

    private static String oneLine(String text) {
        String line = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }

    /** Typed field access with messages naming the file and the field. */
    private record Fields(Path file) {
        BadInputException bad(String field, String problem) {
            return new BadInputException("scene " + file + ": field '" + field + "' " + problem);
        }

        Path optionalPath(JsonNode node, String at, Path folder) {
            String key = at.substring(at.lastIndexOf('.') + 1);
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual() || value.asText().isEmpty() || value.asText().indexOf('\0') >= 0) {
                throw bad(at, "must be a file path");
            }
            try {
                Path path = Path.of(value.asText());
                return path.isAbsolute() || folder == null ? path : folder.resolve(path).normalize();
            } catch (InvalidPathException e) {
                throw bad(at, "is not a valid path");
            }
        }

        float number(JsonNode node, String key, String at, float fallback) {
            JsonNode value = node.get(key);
            if (value == null) {
                return fallback;
            }
            if (!value.isNumber() || !Float.isFinite(value.floatValue())) {
                throw bad(at, "must be a finite number");
            }
            return value.floatValue();
        }

        Vector3f vector(JsonNode node, String key, String at, Vector3f fallback) {
            JsonNode value = node.get(key);
            if (value == null) {
                return fallback;
            }
            if (!value.isArray() || value.size() != 3) {
                throw bad(at, "must be a list of 3 numbers");
            }
            float[] v = new float[3];
            for (int i = 0; i < 3; i++) {
                if (!value.get(i).isNumber() || !Float.isFinite(value.get(i).floatValue())) {
                    throw bad(at, "must be a list of 3 finite numbers");
                }
                v[i] = value.get(i).floatValue();
            }
            return new Vector3f(v);
        }
    }
}
