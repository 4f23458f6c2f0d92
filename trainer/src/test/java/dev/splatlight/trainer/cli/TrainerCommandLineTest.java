package dev.splatlight.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.splatlight.core.cli.CommandLine;
import dev.splatlight.core.cli.OutputLock;
import dev.splatlight.core.testing.CommandHelp;
import dev.splatlight.core.testing.SharedData;
import dev.splatlight.trainer.TrainConfig;
import dev.splatlight.trainer.data.ColmapFixture;
import dev.splatlight.trainer.material.MaterialSettings;
import dev.splatlight.trainer.reflection.ReflectionSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input ends with exit code 2 and a one-line reason naming the file, never a stack trace. */
class TrainerCommandLineTest {
    private static String[] run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        try {
            int code = CommandLine.run(new TrainerMain(), args);
            return new String[] {Integer.toString(code), err.toString()};
        } finally {
            System.setErr(saved);
        }
    }

    @Test
    void everyCommandsHelpFormats() {
        CommandHelp.assertEveryCommandsHelpFormats(TrainerMain::new);
    }

    @Test
    void aMissingDatasetIsABadInputWithItsPath(@TempDir Path dir) {
        String[] result = run("train", "--data", dir.resolve("nowhere").toString(), "--out", dir.resolve("out").toString());
        assertEquals("2", result[0]);
        assertTrue(result[1].contains("nowhere") && result[1].contains("not found"), result[1]);
        assertTrue(!result[1].contains("\tat "), "no stack trace: " + result[1]);
    }

    @Test
    void theAlphaTermNeedsPhotosWithTransparency(@TempDir Path dir) throws Exception {
        ColmapFixture.write(dir.resolve("scene"), false); // RGB photos: opaque everywhere
        String[] result = run("train", "--data", dir.resolve("scene").toString(), "--out", dir.resolve("out").toString(),
                "--alpha-weight", "0.1");
        assertEquals("2", result[0]);
        assertTrue(result[1].contains("--alpha-weight") && result[1].contains("opaque") && result[1].contains("scene"), result[1]);
        assertTrue(!result[1].contains("\tat "), "no stack trace: " + result[1]);
    }

    @Test
    void photosWithTransparencyGetTheAlphaTermAndReflectionsTheirDepthCouplingAndGlossyShading(@TempDir Path dir) throws Exception {
        String[] said = new String[1];
        JsonNode defaults = geometryTrainedOnMini(dir.resolve("defaults"), said, "--reflections");
        assertTrue(said[0].contains("alpha term is on (--alpha-weight 0.1"), "train says why: " + said[0]);
        assertEquals(TrainConfig.ALPHA_WEIGHT, defaults.at("/alphaWeight").floatValue(), "mini's photos mark the background");
        assertEquals(TrainConfig.DEPTH_NORMAL_COUPLING, defaults.at("/depthNormalCoupling").floatValue());
        assertEquals(ReflectionSettings.TRACE_EVERY, defaults.at("/reflectionTraceEvery").intValue(), defaults.toString());
        assertTrue(said[0].contains("traced through a snapshot of the Gaussians taken every 1000 iterations"), said[0]);
        JsonNode material = materialRecorded(dir.resolve("defaults"));
        assertEquals(MaterialSettings.DEFAULTS.materialLearningRate(), material.at("/materialLearningRate").floatValue(),
                "the command line's default material rate is the settings' default");
        assertEquals(MaterialSettings.RATE_DECAY, material.at("/rateDecay").floatValue(), "constant material rates by default");
        assertTrue(material.at("/tracedReflections").booleanValue() && material.at("/specularOcclusion").booleanValue(),
                "--reflections brings traced reflections and specular occlusion: " + material);
        assertEquals(0, material.at("/normalLearningRate").floatValue(), "--reflections keeps the normals fixed");
        JsonNode noAlpha = geometryTrainedOnMini(dir.resolve("no-alpha"), said, "--reflections", "--alpha-weight", "0",
                "--no-traced-reflections", "--normal-lr", "0.003", "--reflection-trace-every", "0");
        assertTrue(!said[0].contains("alpha term is on"), said[0]);
        assertEquals(0, noAlpha.at("/reflectionTraceEvery").intValue());
        assertTrue(said[0].contains("the mirrors' light stands for everything they show (--reflection-trace-every 0)"), said[0]);
        assertEquals(0, noAlpha.at("/alphaWeight").floatValue());
        assertEquals(0, noAlpha.at("/depthNormalCoupling").floatValue(), "reflections without the alpha term: no coupling");
        JsonNode told = materialRecorded(dir.resolve("no-alpha"));
        assertFalse(told.at("/tracedReflections").booleanValue(), "--no-traced-reflections overrides --reflections' default");
        assertTrue(told.at("/specularOcclusion").booleanValue(), "what is not overridden keeps --reflections' default");
        assertEquals(0.003f, told.at("/normalLearningRate").floatValue(), "--normal-lr overrides --reflections' default");
        geometryTrainedOnMini(dir.resolve("plain"), said);
        JsonNode plain = materialRecorded(dir.resolve("plain"));
        assertFalse(plain.at("/tracedReflections").booleanValue() || plain.at("/specularOcclusion").booleanValue(),
                "without --reflections neither: " + plain);
        assertEquals(MaterialSettings.NORMAL_LEARNING_RATE, plain.at("/normalLearningRate").floatValue());
    }

    /**
     * A command that does not train the geometry stage (here the bake alone) on a folder whose geometry was trained
     * with --reflections takes it from train-config.json, so the material stage's defaults follow the Gaussians.
     */
    @Test
    void aRunWithoutTheGeometryStageFollowsTheFoldersReflections(@TempDir Path dir) throws Exception {
        String[] said = new String[1];
        geometryTrainedOnMini(dir, said, "--reflections");
        String[] bake = run("train", "--data", SharedData.path("datasets/mini").toString(), "--out", dir.toString(),
                "--stages", "bake", "--bake-resolution", "8");
        assertEquals("0", bake[0], bake[1]);
        assertTrue(bake[1].contains("trained with --reflections"), "train says where it took it from: " + bake[1]);
        JsonNode material = materialRecorded(dir);
        assertTrue(material.at("/tracedReflections").booleanValue(), "--reflections' material defaults: " + material);
        assertEquals(0, material.at("/normalLearningRate").floatValue());
        String[] told = run("train", "--data", SharedData.path("datasets/mini").toString(), "--out", dir.toString(),
                "--stages", "bake", "--bake-resolution", "8", "--no-reflections");
        assertEquals("0", told[0], told[1]);
        assertFalse(materialRecorded(dir).at("/tracedReflections").booleanValue(), "--no-reflections as told");
    }

    /** A stage that ran no iteration has no last-iteration figures: JSON null and words, not NaN. */
    @Test
    void aMaterialStageOfNoIterationsWritesNoNaN(@TempDir Path dir) throws Exception {
        String[] result = run("train", "--data", SharedData.path("datasets/mini").toString(), "--out", dir.toString(),
                "--iterations", "2", "--initial-points", "100", "--bake-resolution", "8", "--environment-resolution", "32",
                "--irradiance-resolution", "4", "--material-iterations", "0");
        assertEquals("0", result[0], result[1]);
        assertTrue(result[1].contains("material: 0 iterations") && result[1].contains("none run by this command")
                && !result[1].contains("NaN"), result[1]);
        String summary = Files.readString(dir.resolve("train-summary.json"));
        assertFalse(summary.contains("NaN"), summary);
        JsonNode material = new ObjectMapper().readTree(summary).at("/material");
        assertTrue(material.at("/final_train_psnr").isNull(), material.toString());
    }

    /** A resumed material stage counts, and rates, only the iterations this command ran. */
    @Test
    void aResumedMaterialStageCountsOnlyItsOwnIterations(@TempDir Path dir) throws Exception {
        List<String> args = List.of("train", "--data", SharedData.path("datasets/mini").toString(), "--out", dir.toString(),
                "--iterations", "2", "--initial-points", "100", "--bake-resolution", "8", "--environment-resolution", "32",
                "--irradiance-resolution", "4");
        String[] first = run(concat(args, "--material-iterations", "3"));
        assertEquals("0", first[0], first[1]);
        String[] resumed = run(concat(args, "--stages", "material", "--resume", "--material-iterations", "5"));
        assertEquals("0", resumed[0], resumed[1]);
        assertTrue(resumed[1].contains("material: 2 iterations (4 to 5, resumed)"), resumed[1]);
        JsonNode material = new ObjectMapper().readTree(dir.resolve("train-summary.json").toFile()).at("/material");
        assertEquals(3, material.at("/resumed_from").intValue(), material.toString());
        assertEquals(5, material.at("/iterations").intValue());
        assertEquals(2 / material.at("/seconds").doubleValue(), material.at("/iterations_per_second").doubleValue(), 1e-6,
                "the rate of this command's two iterations: " + material);
    }

    private static String[] concat(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** The material settings {@code train} recorded in {@code out}'s train-config.json. */
    private static JsonNode materialRecorded(Path out) throws Exception {
        return new ObjectMapper().readTree(out.resolve(TrainCommand.CONFIG_FILE).toFile()).at("/material");
    }

    /** The geometry settings {@code train} recorded for two iterations on mini with {@code options}; said[0]: its stderr. */
    private static JsonNode geometryTrainedOnMini(Path out, String[] said, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("train", "--data", SharedData.path("datasets/mini").toString(), "--out",
                out.toString(), "--stages", "geometry", "--iterations", "2", "--initial-points", "100"));
        args.addAll(List.of(options));
        String[] result = run(args.toArray(String[]::new));
        assertEquals("0", result[0], result[1]);
        said[0] = result[1];
        return new ObjectMapper().readTree(out.resolve(TrainCommand.CONFIG_FILE).toFile()).at("/geometry");
    }

    @Test
    void aMissingOrMalformedStartingLightIsABadInputWithItsPath(@TempDir Path dir) throws Exception {
        String[] result = run("train", "--data", SharedData.path("datasets/mini").toString(), "--out", dir.resolve("out").toString(),
                "--light-start", dir.resolve("nowhere.hdr").toString());
        assertEquals("2", result[0]);
        assertTrue(result[1].contains("nowhere.hdr") && result[1].contains("--light-start"), result[1]);
        java.nio.file.Files.writeString(dir.resolve("broken.hdr"), "a text file, not an image");
        result = run("train", "--data", SharedData.path("datasets/mini").toString(), "--out", dir.resolve("out").toString(),
                "--light-start", dir.resolve("broken.hdr").toString());
        assertEquals("2", result[0], result[1]);
        assertTrue(result[1].contains("broken.hdr") && !result[1].contains("\tat "), "one line naming the file: " + result[1]);
        assertTrue(!java.nio.file.Files.exists(dir.resolve("out")), "before anything is written");
    }

    @Test
    void resumingWithoutACheckpointSaysSo(@TempDir Path dir) {
        String[] result = run("train", "--data", dir.toString(), "--out", dir.toString(), "--resume");
        assertEquals("2", result[0]);
        assertTrue(result[1].contains("checkpoint"), result[1]);
    }

    @Test
    void evalOfADirectoryThatIsNoAssetSaysWhatIsMissing(@TempDir Path dir) {
        String[] result = run("eval", "--asset", dir.toString(), "--data", dir.toString(), "--out", dir.resolve("r.json").toString());
        assertEquals("2", result[0]);
        assertTrue(result[1].contains("manifest.json"), result[1]);
    }

    @Test
    void anOutputThatIsAFileIsABadInput(@TempDir Path dir) throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("taken"), "x");
        String[] result = run("train", "--data", SharedData.path("datasets/mini").toString(), "--out", file.toString());
        assertEquals("2", result[0], result[1]);
        assertTrue(result[1].contains(file.toString()) && result[1].contains("not a folder"), result[1]);
    }

    @Test
    void anOutputThatCannotBeCreatedIsABadInput() {
        String[] result = run("train", "--data", SharedData.path("datasets/mini").toString(), "--out", "/proc/forbidden/asset");
        assertEquals("2", result[0], result[1]);
        assertTrue(result[1].contains("/proc/forbidden") && result[1].contains("cannot create"), result[1]);
        assertEquals(1, result[1].strip().lines().count(), "one line: " + result[1]);
    }

    @Test
    void aSecondTrainOnAFolderInUseIsRefused(@TempDir Path dir) {
        try (OutputLock first = OutputLock.acquire(dir, "train")) {
            String[] result = run("train", "--data", SharedData.path("datasets/mini").toString(), "--out", dir.toString());
            assertEquals("2", result[0], result[1]);
            assertTrue(result[1].contains("in use by another train (process " + ProcessHandle.current().pid()), result[1]);
        }
        OutputLock.acquire(dir, "train").close(); // released with its holder: no stale lock
    }

    @Test
    void resumingAnotherRunIsRefusedNamingEachDifference(@TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("checkpoint.bin"), "");
        java.nio.file.Files.writeString(dir.resolve("material-checkpoint.bin"), ""); // the material options count too
        java.nio.file.Files.writeString(dir.resolve("train-config.json"), "{\"photos\": {\"imagesScale\": 2, "
                + "\"ignoreDistortion\": false}, \"geometry\": {\"data\": \"/somewhere/else\", "
                + "\"whiteBackground\": false}, \"material\": {\"environmentResolution\": 128}}");
        String[] result = run("train", "--data", SharedData.path("datasets/mini").toString(), "--out", dir.toString(), "--resume");
        assertEquals("2", result[0], result[1]);
        assertTrue(result[1].contains("different run") && result[1].contains("the dataset (was /somewhere/else")
                && result[1].contains("--environment-resolution (was 128, now 256)")
                && result[1].contains("--images-scale (was 2, now 0)"), result[1]);
        assertTrue(!result[1].contains("--white-background") && !result[1].contains("--ignore-distortion"),
                "unchanged options are not named: " + result[1]);
    }

    @Test
    void unknownOptionsAreRefused() {
        assertEquals("2", run("train", "--frobnicate")[0]);
    }
}
