package dev.splatlight.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.testing.SharedData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lwjgl.stb.STBImageWrite;
import org.lwjgl.system.MemoryUtil;

class DatasetReadersTest {
    private static Vector3f project(Camera camera, Vector3f world) {
        Vector3f t = camera.viewFromWorld().transformPosition(new Vector3f(world));
        return new Vector3f(camera.fx() * t.x / t.z + camera.cx(), camera.fy() * t.y / t.z + camera.cy(), t.z);
    }

    @Test
    void blenderDatasetLoadsWithCamerasLookingAtTheOrigin() {
        Dataset mini = Datasets.open(SharedData.path("datasets/mini"));
        assertEquals("blender", mini.format());
        assertEquals(40, mini.train().size());
        assertEquals(8, mini.test().size());
        for (TrainingView view : mini.train()) {
            assertEquals(96, view.image().width());
            assertEquals(4.0f, view.camera().position().length(), 1e-3f, view.name());
            Vector3f origin = project(view.camera(), new Vector3f());
            assertEquals(48f, origin.x, 0.5f, view.name() + ": the origin projects to the image centre");
            assertEquals(48f, origin.y, 0.5f, view.name());
            assertEquals(4f, origin.z, 1e-3f, view.name() + ": camera z is the distance, in front");
        }
        // World +Z (Blender up) must appear towards the top of the image (smaller row) from an upright camera.
        Vector3f up = project(mini.test().get(0).camera(), new Vector3f(0, 0, 0.5f));
        assertTrue(up.y < 48f, "world up projects upwards, row " + up.y);
        assertEquals("train_000", mini.train().get(0).name());
    }

    @Test
    void colmapDatasetLoadsPosesPointsAndTheEvery8thTestSplit() {
        Dataset trio = Datasets.open(SharedData.path("datasets/trio-colmap"));
        assertEquals("colmap", trio.format());
        assertEquals(116 - 15, trio.train().size());
        assertEquals(15, trio.test().size());
        Dataset.SparsePoints points = trio.sparsePoints().orElseThrow();
        assertEquals(3647, points.count());
        // Most sparse points reproject inside the images that see the scene (a sanity check of the pose convention).
        TrainingView view = trio.train().get(3);
        int inside = 0;
        for (int i = 0; i < points.count(); i++) {
            Vector3f p = project(view.camera(), new Vector3f(points.positions()[3 * i], points.positions()[3 * i + 1], points.positions()[3 * i + 2]));
            if (p.z > 0 && p.x >= 0 && p.x < 400 && p.y >= 0 && p.y < 400) {
                inside++;
            }
        }
        assertTrue(inside > 0.9 * points.count(), inside + " of " + points.count() + " points project into " + view.name());
    }

    private static void writePng(Path file, int width, int height) {
        ByteBuffer pixels = MemoryUtil.memCalloc(4 * width * height);
        try {
            assertTrue(STBImageWrite.stbi_write_png(file.toString(), width, height, 4, pixels, 4 * width));
        } finally {
            MemoryUtil.memFree(pixels);
        }
    }

    private static Path textColmapScene(Path root, String model, String params) throws IOException {
        Files.createDirectories(root.resolve("sparse/0"));
        Files.createDirectories(root.resolve("images"));
        Files.writeString(root.resolve("sparse/0/cameras.txt"), "# Camera list\n1 " + model + " 32 24 " + params + "\n");
        Files.writeString(root.resolve("sparse/0/images.txt"), "# Image list\n"
                + "1 1 0 0 0 0 0 4 1 a.png\n10 12 -1\n"
                + "2 0.7071068 0 0.7071068 0 0 0 4 1 b.png\n\n");
        Files.writeString(root.resolve("sparse/0/points3D.txt"), "# 3D points\n1 0.5 0.25 0 255 128 0 0.5 1 0\n2 0 0 1 0 0 0 0.1\n");
        writePng(root.resolve("images/a.png"), 32, 24);
        writePng(root.resolve("images/b.png"), 16, 12);
        return root;
    }

    @Test
    void textColmapModelsReadTooAndDownscaledImagesScaleTheIntrinsics(@TempDir Path dir) throws IOException {
        Dataset scene = Datasets.open(textColmapScene(dir, "PINHOLE", "30 31 16 12"));
        assertEquals(1, scene.train().size());
        assertEquals(1, scene.test().size()); // a.png is image 0 of the sorted names: held out
        Camera a = scene.test().get(0).camera();
        assertEquals(30f, a.fx());
        assertEquals(new Vector3f(0, 0, -4), a.position());
        Camera b = scene.train().get(0).camera();
        assertEquals(16, b.width());
        assertEquals(15f, b.fx(), 1e-5f);
        assertEquals(6f, b.cy(), 1e-5f);
        assertEquals(2, scene.sparsePoints().orElseThrow().count());
        assertEquals(128 / 255f, scene.sparsePoints().orElseThrow().colors()[1], 1e-6f);
        Dataset simple = ColmapDatasetReader.read(textColmapScene(dir.resolve("simple"), "SIMPLE_PINHOLE", "28 16 12"));
        assertEquals(28f, simple.test().get(0).camera().fy());
    }

    @Test
    void malformedCameraParametersNameTheFileAndCamera(@TempDir Path dir) throws IOException {
        var negative = assertThrows(DatasetException.class, () -> Datasets.open(textColmapScene(dir.resolve("a"), "PINHOLE", "30 -31 16 12")));
        assertTrue(negative.getMessage().contains("cameras.txt: camera 1 (PINHOLE) parameter 1 is -31.0; a focal length must be positive"),
                negative.getMessage());
        var missing = assertThrows(DatasetException.class, () -> Datasets.open(textColmapScene(dir.resolve("b"), "PINHOLE", "30 31 16")));
        assertTrue(missing.getMessage().contains("cameras.txt"), missing.getMessage());
        var notANumber = assertThrows(DatasetException.class, () -> Datasets.open(textColmapScene(dir.resolve("c"), "SIMPLE_PINHOLE", "nan 16 12")));
        assertTrue(notANumber.getMessage().contains("cameras.txt:2"), notANumber.getMessage()); // the line of camera 1
    }

    @Test
    void unsupportedCameraModelsAreRefusedByName(@TempDir Path dir) throws IOException {
        var error = assertThrows(DatasetException.class,
                () -> Datasets.open(textColmapScene(dir, "OPENCV_FISHEYE", "30 30 16 12 0.1 0.01 0 0")));
        assertTrue(error.getMessage().contains("OPENCV_FISHEYE") && error.getMessage().contains("cameras.txt")
                && error.getMessage().contains("colmap image_undistorter"), error.getMessage());
    }

    @Test
    void truncatedBinaryModelsAndMalformedFilesNameTheFile(@TempDir Path dir) throws IOException {
        Path source = SharedData.path("datasets/trio-colmap/sparse/0/images.bin");
        Path scene = dir.resolve("scene");
        Files.createDirectories(scene.resolve("sparse/0"));
        Files.copy(source.resolveSibling("cameras.bin"), scene.resolve("sparse/0/cameras.bin"));
        byte[] images = Files.readAllBytes(source);
        Files.write(scene.resolve("sparse/0/images.bin"), java.util.Arrays.copyOf(images, images.length / 3));
        var truncated = assertThrows(DatasetException.class, () -> Datasets.open(scene));
        assertTrue(truncated.getMessage().contains("images.bin") && truncated.getMessage().contains("truncated"), truncated.getMessage());

        Path blender = dir.resolve("blender");
        Files.createDirectories(blender);
        Files.writeString(blender.resolve("transforms_train.json"), "{\"camera_angle_x\": 0.7, \"frames\": [ {\"file_path\": ");
        var json = assertThrows(DatasetException.class, () -> Datasets.open(blender));
        assertTrue(json.getMessage().contains("transforms_train.json") && json.getMessage().contains("line"), json.getMessage());

        Files.writeString(blender.resolve("transforms_train.json"), "{\"camera_angle_x\": 0.7, \"frames\": [{\"file_path\": \"./x/rgba\","
                + "\"transform_matrix\": [[1,0,0,0],[0,1,0,0],[0,0,1,4],[0,0,0,1]]}]}");
        var missing = assertThrows(DatasetException.class, () -> Datasets.open(blender));
        assertTrue(missing.getMessage().contains("rgba.png") && missing.getMessage().contains("not found"), missing.getMessage());

        Files.createDirectories(blender.resolve("x"));
        Files.writeString(blender.resolve("x/rgba.png"), "not a png");
        var corrupt = assertThrows(DatasetException.class, () -> Datasets.open(blender));
        assertTrue(corrupt.getMessage().contains("not a readable PNG"), corrupt.getMessage());

        var absent = assertThrows(DatasetException.class, () -> Datasets.open(dir.resolve("nowhere")));
        assertTrue(absent.getMessage().contains("not found"), absent.getMessage());
    }
}
