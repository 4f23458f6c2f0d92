package dev.splatlight.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.asset.AtomicFiles;
import dev.splatlight.core.cli.BadInputException;
import dev.splatlight.trainer.TrainConfig;
import dev.splatlight.trainer.bake.BakeSettings;
import dev.splatlight.trainer.checkpoint.MaterialCheckpoint;
import dev.splatlight.trainer.material.MaterialSettings;
import dev.splatlight.trainer.stage.Pipeline;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --resume} accepts the run that train-config.json records — after its round trip through the file, where a
 * long seed comes back as an int — and refuses a different one, naming the option; the material stage's options only
 * once it has a checkpoint.
 */
class ResumeCheckTest {
    private static Pipeline.Config config(Path dir, long seed, int environmentResolution) {
        return config(dir, seed, environmentResolution, 0);
    }

    private static Pipeline.Config config(Path dir, long seed, int environmentResolution, int sunLobes) {
        TrainConfig geometry = TrainConfig.gsIr(dir.resolve("data").toString(), dir.resolve("out").toString(), 30000, false, 100000,
                5000, seed, null);
        MaterialSettings defaults = MaterialSettings.DEFAULTS;
        MaterialSettings material = new MaterialSettings(5000, environmentResolution, 64, true, defaults.smoothnessWeight(),
                defaults.priorWeight(), defaults.environmentSmoothness(), 0.01f, 0.01f, 0.01f, 128, 1000, true, 0f, 0f,
                MaterialSettings.NORMAL_ANCHOR, sunLobes, null, 0f, false, false, MaterialSettings.RATE_DECAY);
        return new Pipeline.Config(new Pipeline.Photos(0, false), geometry, BakeSettings.OBJECT_SCENE, material,
                List.of(Pipeline.Stage.values()));
    }

    @Test
    void theRecordedRunResumesAndAnotherIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(TrainCommand.CONFIG_FILE);
        Files.write(dir.resolve(MaterialCheckpoint.FILE), new byte[0]);
        for (long seed : new long[] {0, 7, 1L << 40}) {
            AtomicFiles.writeJson(file, config(dir, seed, 256));
            assertDoesNotThrow(() -> ResumeCheck.check(file, config(dir, seed, 256)), "seed " + seed);
        }
        BadInputException different = assertThrows(BadInputException.class, () -> ResumeCheck.check(file, config(dir, 3, 128)));
        assertTrue(different.getMessage().contains("--seed") && different.getMessage().contains("--environment-resolution"),
                different.getMessage());
    }

    @Test
    void aResumedRunKeepsItsRecordedDepthCouplingAndAlphaWeight(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(TrainCommand.CONFIG_FILE);
        assertEquals(null, ResumeCheck.recordedGeometrySetting(file, "depthNormalCoupling"), "nothing recorded");
        Pipeline.Config coupled = config(dir, 0, 256);
        coupled = new Pipeline.Config(coupled.photos(), coupled.geometry().withDepthNormalCoupling(0.125f).withAlphaWeight(0.375f),
                coupled.bake(), coupled.material(), coupled.stages());
        AtomicFiles.writeJson(file, coupled);
        assertEquals(0.125f, ResumeCheck.recordedGeometrySetting(file, "depthNormalCoupling"));
        assertEquals(0.375f, ResumeCheck.recordedGeometrySetting(file, "alphaWeight"));
        ObjectNode older = (ObjectNode) new ObjectMapper().readTree(file.toFile());
        ((ObjectNode) older.get("geometry")).remove(List.of("depthNormalCoupling", "alphaWeight"));
        Files.writeString(file, older.toString());
        assertEquals(0f, ResumeCheck.recordedGeometrySetting(file, "depthNormalCoupling"), "a folder from before the option: GS-IR's 0");
        assertEquals(0f, ResumeCheck.recordedGeometrySetting(file, "alphaWeight"), "a folder from before the option: GS-IR's 0");
        Files.writeString(file, "{ truncated");
        assertEquals(null, ResumeCheck.recordedGeometrySetting(file, "alphaWeight"), "unreadable: check() names it");
    }

    @Test
    void theMaterialStagesOptionsMayChangeUntilItHasACheckpoint(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(TrainCommand.CONFIG_FILE);
        AtomicFiles.writeJson(file, config(dir, 0, 256, 0));
        assertDoesNotThrow(() -> ResumeCheck.check(file, config(dir, 0, 128, 2)), "geometry and bake only so far");
        BadInputException geometry = assertThrows(BadInputException.class, () -> ResumeCheck.check(file, config(dir, 5, 128, 2)));
        assertTrue(geometry.getMessage().contains("--seed") && !geometry.getMessage().contains("--sun-lobes"),
                geometry.getMessage());
        Files.write(dir.resolve(MaterialCheckpoint.FILE), new byte[0]);
        BadInputException material = assertThrows(BadInputException.class, () -> ResumeCheck.check(file, config(dir, 0, 128, 2)));
        assertTrue(material.getMessage().contains("--environment-resolution (was 256, now 128)")
                && material.getMessage().contains("--sun-lobes (was 0, now 2)"), material.getMessage());
    }

    @Test
    void aFolderFromBeforeReflectionsWereTheDefaultResumesOnlyWithout(@TempDir Path dir) throws Exception {
        Path file = configWithout(dir, "geometry", "reflections");
        assertDoesNotThrow(() -> ResumeCheck.check(file, config(dir, 0, 256)), "without reflections, as that run was");
        Pipeline.Config withReflections = config(dir, 0, 256);
        withReflections = new Pipeline.Config(withReflections.photos(), withReflections.geometry().withReflections(true),
                withReflections.bake(), withReflections.material(), withReflections.stages());
        Pipeline.Config now = withReflections;
        BadInputException refused = assertThrows(BadInputException.class, () -> ResumeCheck.check(file, now));
        assertTrue(refused.getMessage().contains("--reflections (was false, now true)"), refused.getMessage());
    }

    @Test
    void aFolderFromBeforeSunLobesResumesOnlyWithout(@TempDir Path dir) throws Exception {
        Path file = configWithout(dir, "material", "sunLobes");
        Files.write(dir.resolve(MaterialCheckpoint.FILE), new byte[0]);
        assertDoesNotThrow(() -> ResumeCheck.check(file, config(dir, 0, 256, 0)), "without lobes, as that run was");
        BadInputException refused = assertThrows(BadInputException.class, () -> ResumeCheck.check(file, config(dir, 0, 256, 2)));
        assertTrue(refused.getMessage().contains("--sun-lobes (was 0, now 2)"), refused.getMessage());
    }

    /** train-config.json of the default run as it was written before {@code section}'s {@code field} existed. */
    private static Path configWithout(Path dir, String section, String field) throws Exception {
        Path file = dir.resolve(TrainCommand.CONFIG_FILE);
        ObjectNode old = new ObjectMapper().valueToTree(config(dir, 0, 256));
        ((ObjectNode) old.get(section)).remove(field);
        Files.writeString(file, old.toString());
        return file;
    }
}
