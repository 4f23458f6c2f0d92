package dev.splatlight.core.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.splatlight.core.testing.VulkanTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lwjgl.vulkan.VK10;

@VulkanTest
class GpuImageTest {
    private static ByteBuffer randomTexels(int floats, long seed) {
        ByteBuffer bytes = ByteBuffer.allocateDirect(floats * 4).order(ByteOrder.LITTLE_ENDIAN);
        Random random = new Random(seed);
        for (int i = 0; i < floats; i++) {
            bytes.putFloat(random.nextFloat());
        }
        return bytes.flip();
    }

    private static float[] floats(ByteBuffer bytes) {
        float[] out = new float[bytes.remaining() / 4];
        bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    @Test
    void imageTexelsSurviveAnUploadAndDownload(Gpu gpu) {
        ByteBuffer texels = randomTexels(13 * 7 * 4, System.nanoTime());
        try (GpuImage image = GpuImage.create2d(gpu, "rgba32f 13x7", VK10.VK_FORMAT_R32G32B32A32_SFLOAT, 13, 7, 1)) {
            image.upload(texels);
            assertArrayEquals(floats(texels), floats(image.download(texels.remaining())));
        }
    }

    @Test
    void cubemapFacesSurviveAnUploadAndDownload(Gpu gpu) {
        ByteBuffer texels = randomTexels(6 * 8 * 8 * 4, System.nanoTime());
        try (GpuImage cube = GpuImage.createCube(gpu, "cube 8²", VK10.VK_FORMAT_R32G32B32A32_SFLOAT, 8, 4);
             Sampler sampler = Sampler.create(gpu, true, Sampler.Addressing.CLAMP)) {
            cube.upload(texels);
            assertArrayEquals(floats(texels), floats(cube.download(texels.remaining())));
        }
    }
}
