package dev.splatlight.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.splatlight.core.asset.RelightableAsset;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.light.CubeChain;
import dev.splatlight.core.light.EnvironmentCube;
import dev.splatlight.core.light.EnvironmentLight;
import dev.splatlight.core.light.GBufferShader;
import dev.splatlight.core.light.IrradianceVolume;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.core.testing.VulkanTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.joml.Vector3f;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The light an asset scene shades with: the asset's specular-occlusion and traced-reflection flags (through the
 * manifest, and false for manifests from before them), traced reflections on request, and the indirect light's scale
 * under another light (the ratio of mean radiances).
 */
@VulkanTest
class AssetSceneLightTest {
    private final long seed = System.nanoTime();

    @Test
    void indirectLightScalesWithTheLightsMeanRadiance(Gpu gpu, @TempDir Path dir) throws Exception {
        Random random = new Random(seed);
        float[] learned = {0.5f + random.nextFloat(), 0.5f + random.nextFloat(), 0.5f + random.nextFloat()};
        float[] other = {3 * random.nextFloat(), 3 * random.nextFloat(), 3 * random.nextFloat()};
        int size = 32;
        GaussianCloud cloud = new GaussianCloud(4);
        float[] albedo = new float[12], roughness = new float[4], metallic = new float[4];
        Arrays.fill(albedo, 0.5f);
        Arrays.fill(roughness, 0.5f);
        for (int i = 0; i < 4; i++) {
            cloud.rotations[4 * i] = 1;
            cloud.means[3 * i] = 0.1f * i;
        }
        RelightableAsset asset = new RelightableAsset(cloud, new RelightableAsset.Material(albedo, roughness, metallic),
                new EnvironmentCube(size, uniform(size, learned)), null, new IrradianceVolume(2, 1, new float[72]), false, true, true,
                true);
        asset.write(dir);
        RelightableAsset read = RelightableAsset.read(dir);
        assertTrue(read.specularOcclusion(), "the manifest keeps specular_occlusion");
        assertTrue(read.tracedReflections(), "the manifest keeps traced_reflections");
        try (AssetScene scene = new AssetScene(gpu, read);
             EnvironmentLight hdri = new EnvironmentLight(gpu, "uniform", CubeChain.standard(size))) {
            hdri.radiance().uploadFloats(uniform(size, other));
            gpu.submitAndWait(commands -> scene.builder().recordMips(commands, hdri));
            Vector3f scale = scene.indirectScale(hdri);
            for (int c = 0; c < 3; c++) {
                assertEquals(other[c] / learned[c], scale.get(c), 1e-3 * Math.max(1, other[c] / learned[c]), "channel " + c + ", seed " + seed);
            }
            assertEquals(new Vector3f(1), scene.indirectScale(scene.learnedLight()));
            GBufferShader.Light relit = scene.light(hdri, true);
            assertTrue(relit.specularOcclusion());
            assertEquals(scale, relit.indirect().scale());
            assertNull(scene.light(hdri, false).indirect());
            assertNull(relit.reflections());
            assertSame(scene.reflections(), scene.light(hdri, false, true).reflections());
        }

        // a manifest from before the flags (format 2) reads as GS-IR's shading, one from format 3 as untraced
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(dir.resolve(RelightableAsset.MANIFEST).toFile());
        manifest.remove("traced_reflections");
        manifest.put("format_version", 3);
        Files.writeString(dir.resolve(RelightableAsset.MANIFEST), json.writeValueAsString(manifest));
        RelightableAsset third = RelightableAsset.read(dir);
        assertTrue(third.specularOcclusion());
        assertFalse(third.tracedReflections());
        manifest.remove("specular_occlusion");
        manifest.put("format_version", 2);
        Files.writeString(dir.resolve(RelightableAsset.MANIFEST), json.writeValueAsString(manifest));
        assertFalse(RelightableAsset.read(dir).specularOcclusion());
    }

    private static float[] uniform(int size, float[] rgb) {
        float[] cube = new float[18 * size * size];
        for (int i = 0; i < cube.length; i++) {
            cube[i] = rgb[i % 3];
        }
        return cube;
    }
}
