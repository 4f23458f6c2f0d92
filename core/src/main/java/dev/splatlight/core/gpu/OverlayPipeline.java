package dev.splatlight.core.gpu;

import static org.lwjgl.vulkan.VK10.*;

import dev.splatlight.shaders.ShaderProgram;
import java.util.List;

/**
 * The graphics pipeline of the viewer's UI overlay (Dear ImGui's draw lists): indexed triangles of 20-byte vertices
 * (position 2×f32, UV 2×f32, colour 4×unorm8), one texture (binding 0), a 16-byte push-constant transform, alpha
 * blending into one colour format, no depth.
 */
public final class OverlayPipeline {
    public static final int VERTEX_BYTES = 20;
    static final int TRANSFORM_BYTES = 16;

    private OverlayPipeline() {
    }

    public static GraphicsPipeline create(Gpu gpu, ShaderProgram vertex, ShaderProgram fragment, int colorFormat) {
        return GraphicsPipeline.create(gpu, new GraphicsPipeline.Description("overlay", vertex, fragment, VERTEX_BYTES,
                List.of(new GraphicsPipeline.Attribute(VK_FORMAT_R32G32_SFLOAT, 0),
                        new GraphicsPipeline.Attribute(VK_FORMAT_R32G32_SFLOAT, 8),
                        new GraphicsPipeline.Attribute(VK_FORMAT_R8G8B8A8_UNORM, 16)),
                List.of(VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER), TRANSFORM_BYTES, List.of(colorFormat), VK_FORMAT_UNDEFINED,
                true));
    }
}
