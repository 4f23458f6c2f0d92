package dev.splatlight.core.mesh;

import static org.lwjgl.assimp.Assimp.*;

import dev.splatlight.core.light.Srgb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.lwjgl.PointerBuffer;
import org.lwjgl.assimp.AIColor4D;
import org.lwjgl.assimp.AIFace;
import org.lwjgl.assimp.AIMaterial;
import org.lwjgl.assimp.AIMesh;
import org.lwjgl.assimp.AIScene;
import org.lwjgl.assimp.AIString;
import org.lwjgl.assimp.AIVector3D;
import org.lwjgl.system.MemoryStack;

/**
 * Reads glTF 2.0 (.gltf/.glb), OBJ, FBX and PLY meshes through Assimp: node transforms baked into the vertices,
 * polygons triangulated, normals generated where missing (smooth), tangents computed for normal maps, UVs with the
 * origin at the top left, and each material's metallic–roughness factors and textures (embedded or beside the file).
 */
public final class MeshImporter {
    public static final Set<String> EXTENSIONS = Set.of("gltf", "glb", "obj", "fbx", "ply");
    /** Beyond this a mesh is refused before it is copied (its vertex arrays would not fit a Java array). */
    static final long MAX_VERTICES = 100_000_000L;
    private static final int FLAGS = aiProcess_Triangulate | aiProcess_GenSmoothNormals | aiProcess_CalcTangentSpace
            | aiProcess_JoinIdenticalVertices | aiProcess_FlipUVs | aiProcess_SortByPType
            | aiProcess_FindInvalidData; // not ValidateDataStructure: it refuses point clouds; indices are checked here

    private MeshImporter() {
    }

    /** A mesh with triangles (the viewer's); a file of points only is refused, naming it. */
    public static TriangleMesh readTriangles(Path file) {
        TriangleMesh mesh = read(file);
        if (mesh.triangleCount() == 0) {
            throw new MeshFormatException("mesh " + file + ": no triangles (" + mesh.vertexCount() + " points only)");
        }
        return mesh;
    }

    /** Triangles, or points where the file has no faces (a point cloud). */
    public static TriangleMesh read(Path file) {
        checkFile(file);
        AIScene scene = aiImportFile(file.toAbsolutePath().toString(), FLAGS);
        if (scene == null) {
            throw new MeshFormatException("mesh " + file + ": " + oneLine(aiGetErrorString()));
        }
        try {
            if ((scene.mFlags() & AI_SCENE_FLAGS_INCOMPLETE) != 0) {
                throw new MeshFormatException("mesh " + file + ": incomplete scene (" + oneLine(aiGetErrorString()) + ")");
            }
            return new SceneReader(file, scene).read();
        } finally {
            aiReleaseImport(scene);
        }
    }

    /** Refuses, naming it, a file that cannot be a mesh this reads: a missing, unreadable or unsupported one. */
    public static void checkFile(Path file) {
        String extension = extensionOf(file);
        if (!EXTENSIONS.contains(extension)) {
            throw new MeshFormatException("mesh " + file + ": unsupported format '." + extension
                    + "' (read: .gltf, .glb, .obj, .fbx, .ply)");
        }
        if (!Files.isRegularFile(file)) {
            throw new MeshFormatException("mesh " + file + ": " + (Files.exists(file) ? "not a file" : "no such file"));
        }
        if (!Files.isReadable(file)) {
            throw new MeshFormatException("mesh " + file + ": not readable");
        }
    }

    static String extensionOf(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String oneLine(String message) {
        return message == null || message.isBlank() ? "Assimp could not read it" : message.strip().replaceAll("\\s+", " ");
    }

    /** One import: walks the meshes and materials of an Assimp scene. */
    private static final class SceneReader {
        private final Path file;
        private final AIScene scene;
        private final List<String> warnings = new ArrayList<>();
        private final Map<String, MeshTexture> textures = new HashMap<>();
        private final boolean linearColours;
        private final java.util.Set<Integer> standIns = new java.util.HashSet<>(); // Assimp's materials for files without

        SceneReader(Path file, AIScene scene) {
            this.file = file;
            this.scene = scene;
            String extension = extensionOf(file);
            this.linearColours = extension.equals("gltf") || extension.equals("glb");
        }

        TriangleMesh read() {
            List<NodeInstances.Instance> instances = NodeInstances.of(scene);
            long vertexTotal = 0;
            for (NodeInstances.Instance instance : instances) {
                vertexTotal += instance.mesh().mNumVertices();
            }
            if (vertexTotal == 0) {
                throw new MeshFormatException("mesh " + file + ": no vertices");
            }
            if (vertexTotal > MAX_VERTICES) {
                throw new MeshFormatException("mesh " + file + ": " + vertexTotal + " vertices, more than the " + MAX_VERTICES + " supported");
            }
            int vertexCount = (int) vertexTotal;
            float[] vertices = new float[vertexCount * TriangleMesh.FLOATS_PER_VERTEX];
            float[] colors = null;
            IntList indices = new IntList();
            List<TriangleMesh.Part> parts = new ArrayList<>();
            int base = 0;
            for (NodeInstances.Instance instance : instances) {
                AIMesh mesh = instance.mesh();
                copyVertices(mesh, vertices, base);
                instance.transform(vertices, base, mesh.mNumVertices());
                AIColor4D.Buffer meshColors = mesh.mColors(0);
                if (meshColors != null) {
                    if (colors == null) {
                        colors = new float[4 * vertexCount];
                        java.util.Arrays.fill(colors, 1f);
                    }
                    for (int v = 0; v < mesh.mNumVertices(); v++) {
                        AIColor4D c = meshColors.get(v);
                        int o = 4 * (base + v);
                        colors[o] = linear(c.r());
                        colors[o + 1] = linear(c.g());
                        colors[o + 2] = linear(c.b());
                        colors[o + 3] = Math.max(0, Math.min(1, c.a()));
                    }
                }
                int first = indices.size();
                if ((mesh.mPrimitiveTypes() & aiPrimitiveType_TRIANGLE) != 0) {
                    AIFace.Buffer faces = mesh.mFaces();
                    for (int f = 0; f < mesh.mNumFaces(); f++) {
                        AIFace face = faces.get(f);
                        if (face.mNumIndices() != 3) {
                            continue; // a point or line mixed in (SortByPType splits most of these off)
                        }
                        for (int k = 0; k < 3; k++) {
                            int index = face.mIndices().get(k);
                            if (index < 0 || index >= mesh.mNumVertices()) {
                                throw new MeshFormatException("mesh " + file + ": face " + f + " of '" + mesh.mName().dataString()
                                        + "' names vertex " + Integer.toUnsignedString(index) + " of " + mesh.mNumVertices());
                            }
                            indices.add(base + index);
                        }
                    }
                }
                if (indices.size() > first) {
                    parts.add(new TriangleMesh.Part(first, indices.size() - first, mesh.mMaterialIndex()));
                }
                base += mesh.mNumVertices();
            }
            List<MeshMaterial> materials = new ArrayList<>();
            PointerBuffer sceneMaterials = scene.mMaterials();
            for (int i = 0; i < scene.mNumMaterials(); i++) {
                MeshMaterial material = material(AIMaterial.create(sceneMaterials.get(i)), i);
                if (colors != null && material.baseColor()[0] == MeshMaterial.CLAY_ALBEDO && standIns.contains(i)) {
                    // no material but vertex colours (a scan): the colours are the surface, not half of it
                    material = new MeshMaterial(material.name(), new float[] {1, 1, 1, 1}, 0, MeshMaterial.CLAY_ROUGHNESS,
                            null, null, null);
                }
                materials.add(material);
            }
            for (TriangleMesh.Part part : parts) {
                if (part.material() < 0 || part.material() >= materials.size()) {
                    throw new MeshFormatException("mesh " + file + ": material index " + part.material() + " of "
                            + materials.size());
                }
            }
            String name = file.getFileName().toString();
            return new TriangleMesh(name, vertices, colors, indices.toArray(), parts, materials, warnings);
        }

        /**
         * A vertex colour as linear RGB: glTF's COLOR_0 is linear already; PLY and OBJ colours (scans, photogrammetry)
         * are display colours, 8-bit sRGB, as FBX's are in practice.
         */
        private float linear(float stored) {
            float clamped = Float.isFinite(stored) ? Math.max(0, Math.min(1, stored)) : 0;
            return linearColours ? clamped : (float) Srgb.decode(clamped);
        }

        private static void copyVertices(AIMesh mesh, float[] out, int base) {
            AIVector3D.Buffer positions = mesh.mVertices();
            AIVector3D.Buffer normals = mesh.mNormals();
            AIVector3D.Buffer uvs = mesh.mTextureCoords(0);
            AIVector3D.Buffer tangents = mesh.mTangents();
            AIVector3D.Buffer bitangents = mesh.mBitangents();
            for (int v = 0; v < mesh.mNumVertices(); v++) {
                int o = (base + v) * TriangleMesh.FLOATS_PER_VERTEX;
                AIVector3D p = positions.get(v);
                out[o] = p.x();
                out[o + 1] = p.y();
                out[o + 2] = p.z();
                float nx = 0, ny = 0, nz = 1;
                if (normals != null) {
                    AIVector3D n = normals.get(v);
                    float length = (float) Math.sqrt(n.x() * n.x() + n.y() * n.y() + n.z() * n.z());
                    if (length > 0 && Float.isFinite(length)) { // points of a cloud have no normals: +Z stands in
                        nx = n.x() / length;
                        ny = n.y() / length;
                        nz = n.z() / length;
                    }
                }
                out[o + 3] = nx;
                out[o + 4] = ny;
                out[o + 5] = nz;
                if (uvs != null) {
                    out[o + 6] = uvs.get(v).x();
                    out[o + 7] = uvs.get(v).y();
                }
                TangentFrames.store(nx, ny, nz, tangents == null ? null : tangents.get(v),
                        bitangents == null ? null : bitangents.get(v), out, o + TriangleMesh.TANGENT);
            }
        }

        private MeshMaterial material(AIMaterial material, int index) {
            String name = string(material, AI_MATKEY_NAME);
            boolean unnamed = name == null || name.isEmpty();
            // Assimp's stand-ins where the file has no material: "DefaultMaterial", or (PLY) an unnamed white one
            if (AI_DEFAULT_MATERIAL_NAME.equals(name) || unnamed && aiGetMaterialTextureCount(material, aiTextureType_DIFFUSE) == 0
                    && aiGetMaterialTextureCount(material, aiTextureType_BASE_COLOR) == 0) {
                standIns.add(index);
                return MeshMaterial.clay(unnamed ? "clay" : name);
            }
            float[] base = color(material, AI_MATKEY_BASE_COLOR);
            if (base == null) {
                base = color(material, AI_MATKEY_COLOR_DIFFUSE);
            }
            if (base == null) {
                base = new float[] {MeshMaterial.CLAY_ALBEDO, MeshMaterial.CLAY_ALBEDO, MeshMaterial.CLAY_ALBEDO, 1};
            }
            float metallic = clamp01(scalar(material, AI_MATKEY_METALLIC_FACTOR, 0f));
            float roughness = clamp01(scalar(material, AI_MATKEY_ROUGHNESS_FACTOR, MeshMaterial.CLAY_ROUGHNESS));
            MeshTexture baseTexture = texture(material, aiTextureType_BASE_COLOR);
            if (baseTexture == null) {
                baseTexture = texture(material, aiTextureType_DIFFUSE);
            }
            MeshTexture metallicRoughness = texture(material, aiTextureType_GLTF_METALLIC_ROUGHNESS);
            MeshTexture normal = texture(material, aiTextureType_NORMALS);
            return new MeshMaterial(name, base, metallic, roughness, baseTexture, metallicRoughness, normal,
                    alphaCutoff(material));
        }

        /** glTF's alphaMode: OPAQUE (or none) → 0; MASK → alphaCutoff (default 0.5); BLEND → 0.5, drawn as a mask. */
        private static float alphaCutoff(AIMaterial material) {
            String mode = string(material, AI_MATKEY_GLTF_ALPHAMODE);
            if ("MASK".equals(mode)) {
                float cutoff = scalar(material, AI_MATKEY_GLTF_ALPHACUTOFF, 0.5f);
                return Float.isFinite(cutoff) ? Math.max(1e-3f, Math.min(1, cutoff)) : 0.5f;
            }
            return "BLEND".equals(mode) ? 0.5f : 0f;
        }

        private static float clamp01(float value) {
            return Float.isFinite(value) ? Math.max(0, Math.min(1, value)) : 0;
        }

        private static String string(AIMaterial material, String key) {
            try (MemoryStack stack = MemoryStack.stackPush()) {
                AIString out = AIString.calloc(stack);
                return aiGetMaterialString(material, key, 0, 0, out) == aiReturn_SUCCESS ? out.dataString() : null;
            }
        }

        private static float[] color(AIMaterial material, String key) {
            try (MemoryStack stack = MemoryStack.stackPush()) {
                AIColor4D out = AIColor4D.calloc(stack);
                if (aiGetMaterialColor(material, key, aiTextureType_NONE, 0, out) != aiReturn_SUCCESS) {
                    return null;
                }
                return new float[] {clamp01(out.r()), clamp01(out.g()), clamp01(out.b()), clamp01(out.a())};
            }
        }

        private static float scalar(AIMaterial material, String key, float fallback) {
            try (MemoryStack stack = MemoryStack.stackPush()) {
                var value = stack.floats(fallback);
                var count = stack.ints(1);
                return aiGetMaterialFloatArray(material, key, aiTextureType_NONE, 0, value, count) == aiReturn_SUCCESS
                        && count.get(0) >= 1 ? value.get(0) : fallback;
            }
        }

        private MeshTexture texture(AIMaterial material, int type) {
            if (aiGetMaterialTextureCount(material, type) == 0) {
                return null;
            }
            String path;
            try (MemoryStack stack = MemoryStack.stackPush()) {
                AIString out = AIString.calloc(stack);
                if (aiGetMaterialTexture(material, type, 0, out, (int[]) null, null, null, null, null, null) != aiReturn_SUCCESS) {
                    return null;
                }
                path = out.dataString();
            }
            if (textures.containsKey(path)) {
                return textures.get(path);
            }
            MeshTexture loaded = TextureFiles.load(file, scene, path, warnings);
            textures.put(path, loaded);
            return loaded;
        }
    }

    /** A growable int array (indices of a large mesh would box badly in a List). */
    private static final class IntList {
        private int[] values = new int[1024];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = value;
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
