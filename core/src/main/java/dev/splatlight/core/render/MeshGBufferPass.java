package dev.splatlight.core.render;

import static org.lwjgl.vulkan.VK10.*;

import dev.splatlight.core.camera.Camera;
import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.ComputeKernel;
import dev.splatlight.core.gpu.DrawRecorder;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.GpuImage;
import dev.splatlight.core.gpu.GraphicsPipeline;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.gpu.Sampler;
import dev.splatlight.core.gpu.SpecializationConstants;
import dev.splatlight.core.gpu.UniformBlock;
import dev.splatlight.core.gpu.reflect.SpirvReflection;
import dev.splatlight.core.mesh.MeshMaterial;
import dev.splatlight.core.mesh.PlacedMesh;
import dev.splatlight.core.mesh.ResidentMesh;
import dev.splatlight.core.mesh.TriangleMesh;
import dev.splatlight.core.splat.RasterTargets;
import dev.splatlight.shaders.ShaderProgram;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.joml.Vector3fc;

/**
 * Meshes into the splats' G-buffer (docs/meshes.md): a depth-tested graphics pass draws each pixel's nearest mesh
 * surface (camera depth, normal, metallic, albedo, roughness) into attachments; the splat blend then stops at that
 * depth ({@code rasterize_forward_occluded.comp}); {@link #recordMerge} adds the surface behind the splats with the
 * transmittance left. Meshes and splats thus hide each other by depth and are shaded by one deferred pass.
 */
public final class MeshGBufferPass implements AutoCloseable {
    /** The mesh depth attachment's value where no mesh is (mesh_merge.comp's MESH_NONE). */
    public static final float NO_MESH_DEPTH = 1e30f;
    static final int DRAW_BYTES = 96; // MeshDraw: mat4, vec4, float, float, uint, float
    private static final int DEPTH_FORMAT = VK_FORMAT_D32_SFLOAT;

    private final Gpu gpu;
    private final ResourceScope resources = new ResourceScope("mesh G-buffer pass");
    private final GraphicsPipeline pipeline;
    private final GraphicsPipeline maskedPipeline;
    private final ComputeKernel merge;
    private final Sampler sampler;
    private final GpuImage placeholder; // fills texture bindings a material does not use
    private final UniformBlock frame;
    private final GpuBuffer frameBuffer;
    private final ByteBuffer draw = ByteBuffer.allocateDirect(DRAW_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private Attachments attachments;

    /** The pass's render targets for one image size. */
    private record Attachments(GpuImage depth, GpuImage normalMetallic, GpuImage albedoRoughness, GpuImage zBuffer) {
        List<GpuImage> colors() {
            return List.of(depth, normalMetallic, albedoRoughness);
        }

        void close() {
            zBuffer.close();
            albedoRoughness.close();
            normalMetallic.close();
            depth.close();
        }
    }

    /** The pass's pipeline with {@code fragment}: the opaque one (depth tested first) or the alpha-masked one. */
    private static GraphicsPipeline.Description description(String name, ShaderProgram fragment) {
        int f = ResidentMesh.FLOATS_PER_VERTEX;
        return new GraphicsPipeline.Description(name, ShaderProgram.MESH_GBUFFER_VERTEX, fragment, f * 4,
                List.of(new GraphicsPipeline.Attribute(VK_FORMAT_R32G32B32_SFLOAT, TriangleMesh.POSITION * 4),
                        new GraphicsPipeline.Attribute(VK_FORMAT_R32G32B32_SFLOAT, TriangleMesh.NORMAL * 4),
                        new GraphicsPipeline.Attribute(VK_FORMAT_R32G32_SFLOAT, TriangleMesh.UV * 4),
                        new GraphicsPipeline.Attribute(VK_FORMAT_R32G32B32A32_SFLOAT, TriangleMesh.TANGENT * 4),
                        new GraphicsPipeline.Attribute(VK_FORMAT_R32G32B32A32_SFLOAT, ResidentMesh.COLOR * 4)),
                List.of(VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER,
                        VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER),
                DRAW_BYTES, List.of(VK_FORMAT_R32_SFLOAT, VK_FORMAT_R32G32B32A32_SFLOAT, VK_FORMAT_R32G32B32A32_SFLOAT),
                DEPTH_FORMAT, false);
    }

    public MeshGBufferPass(Gpu gpu) {
        this.gpu = gpu;
        try {
            pipeline = resources.own(GraphicsPipeline.create(gpu,
                    description("mesh G-buffer", ShaderProgram.MESH_GBUFFER_FRAGMENT)));
            maskedPipeline = resources.own(GraphicsPipeline.create(gpu,
                    description("mesh G-buffer, alpha masked", ShaderProgram.MESH_GBUFFER_MASKED_FRAGMENT)));
            merge = resources.own(ComputeKernel.create(gpu, ShaderProgram.MESH_MERGE, SpecializationConstants.none()));
            sampler = resources.own(Sampler.create(gpu, true, Sampler.Addressing.REPEAT));
            placeholder = resources.own(GpuImage.texture(gpu, "mesh texture placeholder", VK_FORMAT_R8G8B8A8_UNORM, 1, 1, 1));
            placeholder.upload(ByteBuffer.allocateDirect(4).put(new byte[] {-1, -1, -1, -1}).flip());
            SpirvReflection vertex = SpirvReflection.of(ShaderProgram.MESH_GBUFFER_VERTEX.spirv(), "mesh G-buffer vertex");
            if (vertex.pushConstantBytes() != DRAW_BYTES) {
                throw new IllegalStateException("MeshDraw is " + vertex.pushConstantBytes() + " bytes in mesh_draw.glsl, "
                        + DRAW_BYTES + " here");
            }
            frame = new UniformBlock(vertex.uniformBlocks().get("MeshFrame"));
            frameBuffer = resources.own(GpuBuffer.create(gpu, "mesh frame uniforms", frame.layout().size(), MemoryKind.UPLOAD));
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /**
     * Records the meshes' draw for {@code camera} (the uniforms are written now, before the submission).
     * Afterwards {@link #depthFor} holds each pixel's nearest mesh depth, {@value #NO_MESH_DEPTH} where none.
     */
    public void recordDraw(CommandRecorder commands, Camera camera, float nearPlane, List<PlacedMesh> meshes) {
        Attachments a = attachmentsFor(camera.width(), camera.height());
        frame.putMat4("viewFromWorld", camera.viewFromWorld())
                .putVec4("intrinsics", camera.fx(), camera.fy(), camera.cx(), camera.cy())
                .putVec2("size", camera.width(), camera.height()).putFloat("nearPlane", nearPlane);
        frameBuffer.upload(frame.bytes());
        float[][] clears = {{NO_MESH_DEPTH, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}};
        commands.draw(a.colors(), clears, a.zBuffer(), 0f, drawing -> {
            for (boolean masked : new boolean[] {false, true}) { // opaque parts first, then the cut-out ones
                if (meshes.stream().anyMatch(placed -> hasParts(placed, masked))) {
                    drawing.bind(masked ? maskedPipeline : pipeline).uniform(0, frameBuffer);
                    for (PlacedMesh placed : meshes) {
                        drawMesh(drawing, placed, masked);
                    }
                }
            }
        });
    }

    private static boolean hasParts(PlacedMesh placed, boolean masked) {
        TriangleMesh mesh = placed.mesh().mesh();
        return mesh.parts().stream().anyMatch(part -> mesh.materials().get(part.material()).masked() == masked);
    }

    /** Draws the mesh's parts whose material is (or is not) alpha-masked. */
    private void drawMesh(DrawRecorder drawing, PlacedMesh placed, boolean masked) {
        if (!hasParts(placed, masked)) {
            return;
        }
        ResidentMesh mesh = placed.mesh();
        drawing.geometry(mesh.vertices(), mesh.indices());
        for (TriangleMesh.Part part : mesh.mesh().parts()) {
            MeshMaterial material = mesh.mesh().materials().get(part.material());
            if (material.masked() != masked) {
                continue;
            }
            ResidentMesh.MaterialTextures textures = mesh.textures(part.material());
            int bits = (textures.baseColor() != null ? 1 : 0) | (textures.metallicRoughness() != null ? 2 : 0)
                    | (textures.normal() != null ? 4 : 0);
            drawing.texture(1, orPlaceholder(textures.baseColor()), sampler)
                    .texture(2, orPlaceholder(textures.metallicRoughness()), sampler)
                    .texture(3, orPlaceholder(textures.normal()), sampler);
            draw.clear();
            placed.worldFromMesh().get(0, draw);
            draw.position(64);
            for (float c : material.baseColor()) {
                draw.putFloat(c);
            }
            draw.putFloat(material.metallic()).putFloat(material.roughness()).putInt(bits).putFloat(material.alphaCutoff())
                    .flip();
            drawing.pushConstants(draw).drawIndexed(part.indexCount(), part.firstIndex());
        }
    }

    private GpuImage orPlaceholder(GpuImage texture) {
        return texture != null ? texture : placeholder;
    }

    /**
     * The image that holds each pixel's nearest mesh depth (camera z) after {@link #recordDraw} at this size: the
     * splat blend's occluder.
     */
    public GpuImage depthFor(int width, int height) {
        return attachmentsFor(width, height).depth();
    }

    GpuImage normalMetallic() {
        return attachments.normalMetallic();
    }

    GpuImage albedoRoughness() {
        return attachments.albedoRoughness();
    }

    /**
     * After the occluded splat blend into {@code targets}: adds each mesh surface behind the splats with the
     * transmittance left (G-buffer channels, opacity, depth, and colour over {@code background}).
     */
    public void recordMerge(CommandRecorder commands, RasterTargets targets, Vector3fc background) {
        Attachments a = attachments;
        commands.dispatch(merge.call().storageImage("MeshDepth", a.depth()).storageImage("MeshNormalMetallic", a.normalMetallic())
                .storageImage("MeshAlbedoRoughness", a.albedoRoughness()).buffer("Color", targets.color)
                .buffer("Opacity", targets.opacity).buffer("Depth", targets.depth).buffer("Features", targets.features)
                .buffer("Transmittance", targets.transmittance).pushInts(targets.width(), targets.height())
                .pushFloat(background.x()).pushFloat(background.y()).pushFloat(background.z()),
                (targets.width() + 15) / 16, (targets.height() + 15) / 16);
    }

    private Attachments attachmentsFor(int width, int height) {
        if (attachments != null && attachments.depth().width() == width && attachments.depth().height() == height) {
            return attachments;
        }
        if (attachments != null) {
            attachments.close();
            attachments = null;
        }
        GpuImage depth = null, normal = null, albedo = null;
        try {
            depth = GpuImage.attachment(gpu, "mesh depth [H, W] f32", VK_FORMAT_R32_SFLOAT, width, height);
            normal = GpuImage.attachment(gpu, "mesh normal+metallic [H, W, 4] f32", VK_FORMAT_R32G32B32A32_SFLOAT, width, height);
            albedo = GpuImage.attachment(gpu, "mesh albedo+roughness [H, W, 4] f32", VK_FORMAT_R32G32B32A32_SFLOAT, width, height);
            GpuImage zBuffer = GpuImage.attachment(gpu, "mesh z-buffer", DEPTH_FORMAT, width, height);
            attachments = new Attachments(depth, normal, albedo, zBuffer);
            return attachments;
        } catch (RuntimeException e) {
            for (GpuImage made : new GpuImage[] {albedo, normal, depth}) {
                if (made != null) {
                    made.close();
                }
            }
            throw e;
        }
    }

    @Override
    public void close() {
        if (attachments != null) {
            attachments.close();
            attachments = null;
        }
        resources.close();
    }
}
