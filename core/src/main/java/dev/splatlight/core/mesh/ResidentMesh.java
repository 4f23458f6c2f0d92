package dev.splatlight.core.mesh;

import static org.lwjgl.vulkan.VK10.VK_FORMAT_R8G8B8A8_SRGB;
import static org.lwjgl.vulkan.VK10.VK_FORMAT_R8G8B8A8_UNORM;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.GpuImage;
import dev.splatlight.core.gpu.ResourceScope;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link TriangleMesh} on the GPU: its interleaved vertices (with their colours) and u32 indices, and each material's textures uploaded
 * with full mip chains (base colour as sRGB, so sampling returns linear values).
 */
public final class ResidentMesh implements AutoCloseable {
    private final TriangleMesh mesh;
    private final ResourceScope resources;
    private final GpuBuffer vertices;
    private final GpuBuffer indices;
    private final List<MaterialTextures> textures;

    /** Floats per vertex on the GPU: the mesh's {@value TriangleMesh#FLOATS_PER_VERTEX}, then linear RGBA colour. */
    public static final int FLOATS_PER_VERTEX = TriangleMesh.FLOATS_PER_VERTEX + 4;
    public static final int COLOR = TriangleMesh.FLOATS_PER_VERTEX;

    /** A material's textures on the GPU; null where it has none of that kind. */
    public record MaterialTextures(GpuImage baseColor, GpuImage metallicRoughness, GpuImage normal) {
    }

    public ResidentMesh(Gpu gpu, TriangleMesh mesh) {
        if (mesh.triangleCount() == 0) {
            throw new IllegalArgumentException("mesh " + mesh.name() + " has no triangles to draw");
        }
        this.mesh = mesh;
        this.resources = new ResourceScope("mesh " + mesh.name());
        try {
            vertices = resources.own(GpuBuffer.withFloats(gpu, "mesh " + mesh.name() + " vertices [V, " + FLOATS_PER_VERTEX
                    + "] f32", interleaved(mesh)));
            indices = resources.own(GpuBuffer.withInts(gpu, "mesh " + mesh.name() + " indices [T, 3] u32", mesh.indices()));
            Map<MeshTexture, GpuImage> uploaded = new HashMap<>(); // one file may serve several materials
            List<MaterialTextures> made = new ArrayList<>();
            for (MeshMaterial material : mesh.materials()) {
                made.add(new MaterialTextures(upload(gpu, material.baseColorTexture(), VK_FORMAT_R8G8B8A8_SRGB, uploaded),
                        upload(gpu, material.metallicRoughnessTexture(), VK_FORMAT_R8G8B8A8_UNORM, uploaded),
                        upload(gpu, material.normalTexture(), VK_FORMAT_R8G8B8A8_UNORM, uploaded)));
            }
            textures = List.copyOf(made);
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /** The vertices with their colour appended (white where the mesh has none). */
    static float[] interleaved(TriangleMesh mesh) {
        int n = mesh.vertexCount(), in = TriangleMesh.FLOATS_PER_VERTEX;
        float[] out = new float[n * FLOATS_PER_VERTEX];
        for (int v = 0; v < n; v++) {
            System.arraycopy(mesh.vertices(), v * in, out, v * FLOATS_PER_VERTEX, in);
            for (int c = 0; c < 4; c++) {
                out[v * FLOATS_PER_VERTEX + COLOR + c] = mesh.colors() == null ? 1 : mesh.colors()[4 * v + c];
            }
        }
        return out;
    }

    private GpuImage upload(Gpu gpu, MeshTexture texture, int format, Map<MeshTexture, GpuImage> uploaded) {
        if (texture == null) {
            return null;
        }
        GpuImage existing = uploaded.get(texture);
        if (existing != null && existing.format() == format) {
            return existing;
        }
        GpuImage image = resources.own(GpuImage.texture(gpu, "texture " + texture.source(), format, texture.width(),
                texture.height(), GpuImage.fullMipChain(texture.width(), texture.height())));
        ByteBuffer texels = ByteBuffer.allocateDirect(texture.rgba().length);
        texels.put(texture.rgba()).flip();
        image.upload(texels);
        gpu.submitAndWait(commands -> commands.generateMips(image));
        uploaded.put(texture, image);
        return image;
    }

    public TriangleMesh mesh() {
        return mesh;
    }

    public GpuBuffer vertices() {
        return vertices;
    }

    public GpuBuffer indices() {
        return indices;
    }

    /** The textures of material {@code index}. */
    public MaterialTextures textures(int index) {
        return textures.get(index);
    }

    @Override
    public void close() {
        resources.close();
    }
}
