package dev.splatlight.viewer.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.asset.AssetCameras;
import dev.splatlight.core.asset.RelightableAsset;
import dev.splatlight.core.cli.BadInputException;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.testing.SharedData;
import dev.splatlight.core.testing.VulkanTest;
import dev.splatlight.viewer.testing.CheckoutHome;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sample that {@code ./splatlight view} opens when no asset is named: it must stay readable by the current asset
 * format, be complete (materials, learned light, occlusion and irradiance volumes) and show the object when rendered.
 */
@VulkanTest
@ExtendWith(CheckoutHome.class)
public class BundledSampleTest {
    @Test
    void theSampleIsACompleteRelightableAssetThatRendersTheObject(Gpu gpu) {
        RelightableAsset sample = RelightableAsset.read(BundledAssets.sample());
        assertTrue(sample.relightable(), "the sample is decomposed");
        assertNotNull(sample.material());
        assertNotNull(sample.environment(), "the learned light");
        assertNotNull(sample.occlusion(), "the occlusion volume");
        assertNotNull(sample.irradiance(), "the irradiance volume");
        assertTrue(sample.gaussians().count() > 1000, "Gaussians: " + sample.gaussians().count());

        int w = 96, h = 96;
        byte[] rgba;
        try (HeadlessRenderer renderer = new HeadlessRenderer(gpu, sample, null, 0)) {
            rgba = renderer.render(HeadlessRenderer.framing(sample.gaussians(), 45, 20, 40), w, h,
                    new DisplaySettings(ViewMode.SHADED, 0, true, new Vector3f(0), 0));
        }
        int covered = 0;
        for (int p = 0; p < w * h; p++) {
            if ((rgba[4 * p] & 0xff) + (rgba[4 * p + 1] & 0xff) + (rgba[4 * p + 2] & 0xff) > 24) {
                covered++;
            }
        }
        double fraction = covered / (double) (w * h);
        // framed so that the nearest 95 % of the Gaussians fill the view: the sphere and cube cover much of it, not all
        assertTrue(fraction > 0.15 && fraction < 0.95, "lit pixels on black: " + fraction);
    }

    /** The bundled scene (the sample on a floor beside a plinth, under the sunset HDRI) opens and its meshes show. */
    @Test
    void theBundledSceneOpensAndItsMeshesShow(Gpu gpu) {
        Path file = BundledAssets.sample().resolveSibling("scenes").resolve("sample-on-a-floor.json");
        dev.splatlight.viewer.scene.SceneDescription scene = dev.splatlight.viewer.scene.SceneFiles.read(file);
        assertEquals(BundledAssets.sample().toAbsolutePath().normalize(), scene.asset().toAbsolutePath().normalize());
        assertEquals(2, scene.meshes().size());
        RelightableAsset sample = RelightableAsset.read(scene.asset());
        int w = 64, h = 40;
        DisplaySettings display = new DisplaySettings(ViewMode.ALBEDO, 0, false, new Vector3f(0), 0);
        byte[] without, with;
        try (HeadlessRenderer renderer = new HeadlessRenderer(gpu, sample,
                dev.splatlight.core.light.io.HdrImageReader.read(scene.hdri()), scene.hdriRotationDegrees())) {
            without = renderer.render(scene.camera(), w, h, display);
            for (var mesh : scene.meshes()) {
                renderer.addMesh(mesh.file(), dev.splatlight.core.mesh.MeshImporter.readTriangles(mesh.file()), mesh.placement());
            }
            with = renderer.render(scene.camera(), w, h, display);
        }
        int changed = 0;
        for (int p = 0; p < w * h; p++) {
            changed += Math.abs((with[4 * p] & 0xff) - (without[4 * p] & 0xff)) > 16 ? 1 : 0;
        }
        assertTrue(changed > w * h / 10, "the floor and plinth cover " + changed + " of " + w * h + " pixels");
    }

    @Test
    void aMissingSampleIsAOneLineErrorThatSaysWhatToDo() {
        System.setProperty("splatlight.home", "no-such-folder");
        BadInputException error = assertThrows(BadInputException.class, BundledAssets::sample);
        assertTrue(error.getMessage().contains("no-such-folder") && error.getMessage().contains("name an asset"),
                error.getMessage());
        assertEquals(1, error.getMessage().lines().count());
    }

    @Test
    void theSampleSeenFromATestCameraLooksLikeThePhoto(Gpu gpu) throws Exception {
        Path sampleDir = BundledAssets.sample();
        RelightableAsset sample = RelightableAsset.read(sampleDir);
        var cameras = AssetCameras.read(sampleDir);
        assertEquals(48, cameras.size(), "mini's 40 training and 8 test cameras");
        var camera = cameras.stream().filter(c -> c.name().equals("test_001")).findFirst().orElseThrow().camera();
        byte[] rendered;
        try (HeadlessRenderer renderer = new HeadlessRenderer(gpu, sample, null, 0)) {
            rendered = renderer.render(camera, 4, new DisplaySettings(ViewMode.RADIANCE, 0, false, new Vector3f(0), 0));
        }
        java.awt.image.BufferedImage photo = javax.imageio.ImageIO.read(
                SharedData.path("datasets/mini/test_001/rgba.png").toFile());
        assertEquals(camera.width(), photo.getWidth());
        double squared = 0;
        for (int y = 0; y < photo.getHeight(); y++) {
            for (int x = 0; x < photo.getWidth(); x++) {
                int argb = photo.getRGB(x, y);
                float alpha = (argb >>> 24) / 255f;
                for (int c = 0; c < 3; c++) {
                    float truth = ((argb >> (16 - 8 * c)) & 0xff) / 255f * alpha; // on black, as trained
                    float ours = (rendered[4 * (y * photo.getWidth() + x) + c] & 0xff) / 255f;
                    squared += (truth - ours) * (truth - ours);
                }
            }
        }
        double psnr = -10 * Math.log10(squared / (3.0 * photo.getWidth() * photo.getHeight()));
        // the trainer's evaluation of the sample rendered this view too (eval-report.json): the viewer's radiance mode
        // from the same camera must give the same picture, not just a plausible one
        var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sampleDir.resolve("eval-report.json").toFile());
        double evaluated = StreamSupport.stream(report.get("views").spliterator(), false)
                .filter(v -> v.get("name").asText().equals("test_001")).findFirst().orElseThrow().get("psnr").asDouble();
        assertEquals(evaluated, psnr, 0.05, "PSNR against the photo: viewer " + psnr + " dB, trainer's evaluation " + evaluated + " dB");
    }
}
