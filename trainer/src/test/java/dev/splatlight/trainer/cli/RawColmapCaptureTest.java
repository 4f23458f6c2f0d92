package dev.splatlight.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.splatlight.core.cli.CommandLine;
import dev.splatlight.core.testing.SharedData;
import dev.splatlight.trainer.TrainConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's raw COLMAP output — photos with lens distortion, COLMAP's default SIMPLE_RADIAL camera — trains and
 * evaluates as it is, through the command line: undistorted at load, shrunk 4× ({@code --images-scale 4}).
 * Measured on lavapipe at 300 iterations: 16.67 dB test PSNR (500 iterations: 19.04 dB, against 20.32 dB for the same
 * photos without distortion, trio-colmap; docs/benchmarks.md). The same asset scored on trio-colmap's photos with
 * {@code eval --align} (its cameras mapped into the asset's frame through the two reconstructions' common cameras):
 * 16.02 dB, 13.28 dB without the alignment; the two COLMAP runs agree to 2.6 % of the camera spread and 0.98°.
 */
class RawColmapCaptureTest {
    private static final double MEASURED_PSNR = 16.67, MEASURED_ALIGNED_PSNR = 16.02, MARGIN = 1.0;

    @Test
    void aDistortedCaptureTrainsThroughTheCommandLine(@TempDir Path dir) throws Exception {
        String data = SharedData.path("datasets/trio-colmap-radial").toString();
        Path asset = dir.resolve("asset"), report = dir.resolve("report.json");
        assertEquals(0, CommandLine.run(new TrainerMain(), new String[] {"train", "--data", data, "--out", asset.toString(),
                "--stages", "geometry", "--iterations", "300", "--images-scale", "4"}));
        assertEquals(0, CommandLine.run(new TrainerMain(), new String[] {"eval", "--asset", asset.toString(), "--data", data,
                "--images-scale", "4", "--out", report.toString()}));
        JsonNode geometry = new ObjectMapper().readTree(asset.resolve("train-config.json").toFile()).at("/geometry");
        assertEquals(TrainConfig.DEPTH_NORMAL_COUPLING, geometry.at("/depthNormalCoupling").floatValue(),
                "train couples depth to normals by default");
        assertEquals(0, geometry.at("/alphaWeight").floatValue(), "JPEG photos have no alpha: no alpha term");
        double psnr = new ObjectMapper().readTree(report.toFile()).get("nvs_psnr").asDouble();
        System.out.printf("[raw colmap capture] trio-colmap-radial, 300 iterations at 1/4 size: test PSNR %.2f dB%n", psnr);
        assertTrue(psnr > MEASURED_PSNR - MARGIN, "test PSNR " + psnr + " dB, measured " + MEASURED_PSNR);

        Path aligned = dir.resolve("aligned.json");
        assertEquals(0, CommandLine.run(new TrainerMain(), new String[] {"eval", "--asset", asset.toString(), "--data",
                SharedData.path("datasets/trio-colmap").toString(), "--images-scale", "4", "--align", "--out", aligned.toString()}));
        JsonNode alignedReport = new ObjectMapper().readTree(aligned.toFile());
        double alignedPsnr = alignedReport.get("nvs_psnr").asDouble();
        JsonNode fit = alignedReport.get("alignment");
        System.out.printf("[raw colmap capture] scored on trio-colmap's photos, aligned: %.2f dB (fit %s)%n", alignedPsnr, fit);
        assertEquals(116, fit.get("cameras_matched").asInt(), "every photo is in both reconstructions");
        assertTrue(fit.get("rms_position_relative").asDouble() < 0.05, "the two reconstructions agree: " + fit);
        assertTrue(alignedPsnr > MEASURED_ALIGNED_PSNR - MARGIN, "aligned PSNR " + alignedPsnr + " dB, measured " + MEASURED_ALIGNED_PSNR);
    }
}
