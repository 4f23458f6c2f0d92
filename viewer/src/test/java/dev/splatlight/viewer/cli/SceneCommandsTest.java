package dev.splatlight.viewer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splatlight.core.testing.MeshFiles;
import dev.splatlight.core.testing.VulkanTest;
import dev.splatlight.viewer.render.DecodedPng;
import dev.splatlight.viewer.testing.CheckoutHome;
import dev.splatlight.viewer.testing.ViewerCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code render} with meshes and scene files as a user meets it: a mesh changes the picture, a scene file naming the
 * same mesh, camera and view renders the same picture, and a broken mesh or scene file is one line and exit 2.
 */
@VulkanTest
@ExtendWith(CheckoutHome.class)
class SceneCommandsTest {
    @TempDir
    Path dir;

    private static String[] run(String... args) {
        ViewerCommands.Result result = ViewerCommands.run(args);
        return new String[] {Integer.toString(result.code()), result.err()};
    }

    @Test
    void aSceneFileRendersWhatTheSameOptionsRender() throws Exception {
        Path cube = MeshFiles.gltf(dir, "cube", MeshFiles.Box.of(0, 0, 0, 0.25f), new float[] {0.9f, 0.2f, 0.1f, 1}, 0.4f, 0, null, 0);
        Path plain = dir.resolve("plain.png"), withMesh = dir.resolve("mesh.png"), fromScene = dir.resolve("scene.png");
        String[] common = {"--size", "96x64", "--yaw", "60", "--pitch", "15", "--distance", "2.5", "--exposure", "0.5"};
        assertEquals("0", run(concat(new String[] {"render", "--out", plain.toString()}, common))[0]);
        String[] result = run(concat(new String[] {"render", "--out", withMesh.toString(), "--mesh", cube.toString()}, common));
        assertEquals("0", result[0], result[1]);
        byte[] plainPixels = DecodedPng.read(plain).rgba(), meshPixels = DecodedPng.read(withMesh).rgba();
        int changed = 0;
        for (int i = 0; i < plainPixels.length; i++) {
            changed += plainPixels[i] != meshPixels[i] ? 1 : 0;
        }
        assertTrue(changed > plainPixels.length / 50, "the mesh shows: " + changed + " bytes changed");

        Path scene = Files.writeString(dir.resolve("scene.json"), """
                {"format": "splatlight-scene", "version": 1,
                 "meshes": [{"file": "cube.gltf", "rotation_degrees": [90, 0, 0]}],
                 "camera": {"pivot": [PIVOT], "yaw_degrees": 60, "pitch_degrees": 15, "distance": 2.5, "fov_y_degrees": 40},
                 "view": {"mode": "shaded", "exposure": 0.5, "tone_map": "aces", "background": "env"}}
                """.replace("PIVOT", samplePivot()));
        result = run("render", "--out", fromScene.toString(), "--size", "96x64", "--scene", scene.toString());
        assertEquals("0", result[0], result[1]);
        assertArrayEquals(meshPixels, DecodedPng.read(fromScene).rgba(), "the scene file's picture is the options' picture");
    }

    /** The pivot `render` frames the bundled sample about (the centre of its Gaussians), as JSON numbers. */
    private static String samplePivot() {
        var asset = dev.splatlight.core.asset.RelightableAsset.open(dev.splatlight.viewer.render.BundledAssets.sampleUnless(null));
        var c = asset.gaussians().centroid();
        return Float.toString(c.x) + ", " + c.y + ", " + c.z;
    }

    @Test
    void aBrokenMeshOrSceneFileIsOneLineAndExit2() throws Exception {
        Path broken = Files.write(dir.resolve("broken.glb"), new byte[] {'g', 'l', 'T', 'F', 2, 0, 0, 0, 9, 0, 0, 0});
        assertRefused("broken.glb", "render", "--out", dir.resolve("a.png").toString(), "--mesh", broken.toString());
        assertRefused("nowhere.obj", "render", "--out", dir.resolve("a.png").toString(), "--mesh", dir.resolve("nowhere.obj").toString());
        Path badScene = Files.writeString(dir.resolve("bad.json"), "{\"format\": \"splatlight-scene\", \"camera\": {\"fov_y_degrees\": 0}}");
        assertRefused("camera.fov_y_degrees", "render", "--out", dir.resolve("a.png").toString(), "--scene", badScene.toString());
        assertRefused("broken.glb", "turntable", "--out", dir.resolve("t.mp4").toString(), "--frames", "2", "--size", "64x48",
                "--mesh", broken.toString());
    }

    private void assertRefused(String expected, String... args) throws Exception {
        ViewerCommands.assertRefused(expected, args);
        assertFalse(Files.exists(dir.resolve("a.png")) || Files.exists(dir.resolve("t.mp4")), "nothing written");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
