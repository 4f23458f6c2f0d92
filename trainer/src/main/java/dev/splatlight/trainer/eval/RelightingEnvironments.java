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
        Path metadata = datasetRoot.resolve("metadata.json");
        if (!Files.exists(metadata)) {
            return List.of();
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(metadata.toFile());
        } catch (IOException e) {
            throw new BadInputException(metadata + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        List<Environment> environments = new ArrayList<>();
        for (JsonNode name : root.path("relight_envs")) {
            JsonNode map = root.path("env_maps").path(name.asText());
            if (!map.path("file").isTextual()) {
                throw new BadInputException(metadata + ": env_maps." + name.asText() + ".file is missing");
            }
            Path hdri = datasetRoot.toAbsolutePath().normalize().getParent().resolveSibling("hdri").resolve(map.path("file").asText());
            environments.add(new Environment(name.asText(), hdri));
        }
        return environments;
    }
}
