package dev.splatlight.core.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.camera.Camera;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.joml.Matrix4f;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetCamerasTest {
    @TempDir
    Path dir;

    @Test
    void camerasRoundTripExactly() throws Exception {
        Random random = new Random();
        List<AssetCameras.Named> cameras = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Matrix4f cameraToWorld = new Matrix4f().translation(random.nextFloat() * 4 - 2, random.nextFloat() * 4 - 2, 3)
                    .rotate(random.nextFloat() * 6, new Vector3f(random.nextFloat(), random.nextFloat(), 1).normalize());
            cameras.add(new AssetCameras.Named("view_" + i, i % 2 == 0 ? "train" : "test",
                    Camera.fromOpenGlCameraToWorld(cameraToWorld, 320 + i, 240, 0.4f + 0.1f * random.nextFloat())));
        }
        AssetCameras.write(dir, cameras);
        List<AssetCameras.Named> read = AssetCameras.read(dir);
        assertEquals(cameras.size(), read.size());
        for (int i = 0; i < cameras.size(); i++) {
            Camera a = cameras.get(i).camera(), b = read.get(i).camera();
            assertEquals(cameras.get(i).name(), read.get(i).name());
            assertEquals(cameras.get(i).split(), read.get(i).split());
            assertEquals(a.width(), b.width());
            assertEquals(a.fx(), b.fx());
            assertEquals(a.cy(), b.cy());
            assertTrue(a.viewFromWorld().equals(b.viewFromWorld(), 0f), "view " + i + ": " + a.viewFromWorld() + " vs " + b.viewFromWorld());
        }
    }

    @Test
    void anAssetWithoutCamerasHasNone() {
        assertEquals(List.of(), AssetCameras.read(dir));
    }

    @Test
    void malformedFilesAreOneLineErrorsNamingFileAndField() throws Exception {
        Files.writeString(dir.resolve(AssetCameras.FILE), "{\"cameras\": [{\"name\": \"a\", \"split\": \"test\", \"width\": 4, "
                + "\"height\": 4, \"fx\": 2, \"fy\": 2, \"cx\": 2, \"cy\": 2, \"view_from_world\": [1, 0, 0]}]}");
        AssetFormatException short16 = assertThrows(AssetFormatException.class, () -> AssetCameras.read(dir));
        assertTrue(short16.getMessage().contains("cameras[0].view_from_world") && short16.getMessage().contains(AssetCameras.FILE),
                short16.getMessage());
        Files.writeString(dir.resolve(AssetCameras.FILE), "{\"cameras\": [{\"name\": \"a\"");
        AssetFormatException truncated = assertThrows(AssetFormatException.class, () -> AssetCameras.read(dir));
        assertEquals(1, truncated.getMessage().lines().count(), truncated.getMessage());
        Files.writeString(dir.resolve(AssetCameras.FILE), "{\"cameras\": [{\"name\": \"a\", \"split\": \"test\", \"width\": 0, "
                + "\"height\": 4, \"fx\": 2, \"fy\": 2, \"cx\": 2, \"cy\": 2, \"view_from_world\": [1,0,0,0, 0,1,0,0, 0,0,1,0, 0,0,0,1]}]}");
        AssetFormatException zero = assertThrows(AssetFormatException.class, () -> AssetCameras.read(dir));
        assertTrue(zero.getMessage().contains("cameras[0]") && zero.getMessage().contains("positive image size"), zero.getMessage());
    }
}
