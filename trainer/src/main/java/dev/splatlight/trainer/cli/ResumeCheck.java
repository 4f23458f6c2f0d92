package dev.splatlight.trainer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.splatlight.core.cli.BadInputException;
import dev.splatlight.trainer.checkpoint.MaterialCheckpoint;
import dev.splatlight.trainer.stage.Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --resume} continues the run recorded in the folder's {@code train-config.json}; a different dataset or an
 * option the checkpoints depend on would silently mix two runs (or fail deep inside one), so it is refused up front
 * with every difference named. Iteration counts, learning rates and checkpoint intervals may change on resume, and
 * the material stage's options may until it has written its checkpoint (before that, it starts afresh anyway).
 */
final class ResumeCheck {
    /**
     * (JSON pointer, option[, value]) rows that must match; the dataset path is compared separately, as a real path.
     * A value stands in where an older folder's file lacks the field: what its run did before the option existed.
     */
    private static final String[][] MUST_MATCH = {
            {"/photos/imagesScale", "--images-scale"},
            {"/photos/ignoreDistortion", "--ignore-distortion"},
            {"/geometry/whiteBackground", "--white-background"},
            {"/geometry/initialPoints", "--initial-points"},
            {"/geometry/init", "--init"},
            {"/geometry/seed", "--seed"},
            {"/geometry/reflections", "--reflections", "false"},
    };

    /** Rows the material checkpoint depends on: compared only once the folder holds one. */
    private static final String[][] MATERIAL_MUST_MATCH = {
            {"/material/environmentResolution", "--environment-resolution"},
            {"/material/irradianceResolution", "--irradiance-resolution"},
            {"/material/gamma", "--gamma"},
            {"/material/sunLobes", "--sun-lobes", "0"},
    };

    private ResumeCheck() {
    }

    static void check(Path previousConfig, Pipeline.Config now) {
        if (!Files.exists(previousConfig)) {
            return; // a folder from before train-config.json existed: nothing to compare
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode before;
        try {
            before = json.readTree(previousConfig.toFile());
        } catch (IOException e) {
            throw new BadInputException(previousConfig + ": unreadable (" + e.getMessage() + "); cannot tell whether --resume "
                    + "continues the same run");
        }
        JsonNode after;
        try { // through the same text the file holds, so both sides parse alike (a long seed reads back as an int)
            after = json.readTree(json.writeValueAsString(now));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the training options", e);
        }
        List<String> differences = new ArrayList<>();
        String dataBefore = before.at("/geometry/data").asText(), dataAfter = after.at("/geometry/data").asText();
        if (!dataBefore.isEmpty() && !samePath(dataBefore, dataAfter)) {
            differences.add("the dataset (was " + dataBefore + ", now " + dataAfter + ")");
        }
        compare(json, before, after, MUST_MATCH, differences);
        if (Files.exists(previousConfig.resolveSibling(MaterialCheckpoint.FILE))) {
            compare(json, before, after, MATERIAL_MUST_MATCH, differences);
        }
        if (!differences.isEmpty()) {
            throw new BadInputException(previousConfig.getParent() + ": --resume would continue a different run: "
                    + String.join(", ", differences) + "; use the first run's options or another --out");
        }
    }

    /**
     * The value the run in {@code previousConfig} trained with of the geometry setting {@code field} (a
     * {@link dev.splatlight.trainer.TrainConfig} component whose default has changed: {@code depthNormalCoupling},
     * {@code alphaWeight}) — 0 where the file predates the option (GS-IR's behaviour, all there was) — or null without
     * a readable file. A resumed run keeps it unless told otherwise: its checkpoints were trained with it.
     */
    static Float recordedGeometrySetting(Path previousConfig, String field) {
        JsonNode value = recordedGeometry(previousConfig, field);
        return value == null ? null : value.isMissingNode() ? 0f : value.floatValue();
    }

    /**
     * Whether the run in {@code previousConfig} trained its geometry with the flag {@code field} on
     * ({@code reflections}); false where the file lacks it (it predates the option) or is missing or unreadable.
     */
    static boolean recordedGeometryFlag(Path previousConfig, String field) {
        JsonNode value = recordedGeometry(previousConfig, field);
        return value != null && value.asBoolean(false);
    }

    /** The geometry setting {@code field} as recorded (a missing node where the file predates it); null without a readable file. */
    private static JsonNode recordedGeometry(Path previousConfig, String field) {
        if (!Files.exists(previousConfig)) {
            return null;
        }
        try {
            return new ObjectMapper().readTree(previousConfig.toFile()).at("/geometry/" + field);
        } catch (IOException e) {
            return null; // check() names the unreadable file
        }
    }

    private static void compare(ObjectMapper json, JsonNode before, JsonNode after, String[][] rows, List<String> differences) {
        for (String[] field : rows) {
            JsonNode was = before.at(field[0]), is = after.at(field[0]);
            if (was.isMissingNode() && field.length > 2) {
                was = fallback(json, field[2]);
            }
            if (!was.isMissingNode() && !was.equals(is)) {
                differences.add(field[1] + " (was " + was.asText() + ", now " + is.asText() + ")");
            }
        }
    }

    /** A fallback value as the JSON value it stands for ("false", "0"). */
    private static JsonNode fallback(ObjectMapper json, String value) {
        try {
            return json.readTree(value);
        } catch (IOException e) {
            throw new IllegalStateException("fallback " + value + " is not a JSON value", e);
        }
    }

    private static boolean samePath(String a, String b) {
        try {
            return Path.of(a).toRealPath().equals(Path.of(b).toRealPath());
        } catch (IOException e) { // the old dataset is gone: compare as written
            return Path.of(a).toAbsolutePath().normalize().equals(Path.of(b).toAbsolutePath().normalize());
        }
    }
}
