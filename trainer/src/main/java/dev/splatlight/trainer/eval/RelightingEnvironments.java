package dev.splatlight.trainer.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.splatlight.core.cli.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The relighting environments a ground-truth dataset lists in its {@code metadata.json} ({@code relight_envs},
 * {@code env_maps}), with their HDRI files in the {@code hdri} folder beside the datasets folder (dataset READMEs).
 */
public final class RelightingEnvironments {
    /** One environment: its name, the HDRI, and the test pictures' file name ({@code rgba_<name>.png}). */
    public record Environment(String name, Path hdri) {
        public String pictureName() {
            return "rgba_" + name + ".png";
        }
    }

    private RelightingEnvironments() {
    }

    /** The dataset's relighting environments; none when it has no metadata.json (real captures). */
    public static List<Environment> of(Path datasetRoot) {
        JsonNode root = metadata(datasetRoot);
        List<Environment> environments = new ArrayList<>();
        if (root != null) {
            for (JsonNode name : root.path("relight_envs")) {
                environments.add(environment(datasetRoot, root, name.asText()));
            }
        }
        return environments;
    }

    /** The environment the training photos were lit by, when the dataset says ({@code train_env}). */
    public static java.util.Optional<Environment> training(Path datasetRoot) {
        JsonNode root = metadata(datasetRoot);
        if (root == null || !root.path("train_env").isTextual()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(environment(datasetRoot, root, root.path("train_env").asText()));
    }

    private static Environment environment(Path datasetRoot, JsonNode root, String name) {
        JsonNode map = root.path("env_maps").path(name);
        if (!map.path("file").isTextual()) {
            throw new BadInputException(datasetRoot.resolve("metadata.json") + ": env_maps." + name + ".file is missing");
        }
        Path hdri = datasetRoot.toAbsolutePath().normalize().getParent().resolveSibling("hdri").resolve(map.path("file").asText());
        return new Environment(name, hdri);
    }

    private static JsonNode metadata(Path datasetRoot) {
        Path metadata = datasetRoot.resolve("metadata.json");
        if (!Files.exists(metadata)) {
            return null;
        }
        try {
            return new ObjectMapper().readTree(metadata.toFile());
        } catch (IOException e) {
            throw new BadInputException(metadata + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }
}
