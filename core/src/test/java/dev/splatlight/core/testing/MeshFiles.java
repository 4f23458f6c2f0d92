package dev.splatlight.core.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.splatlight.core.asset.PngFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;

/**
 * Small mesh files written by tests in each format the importer reads: an axis-aligned box (24 vertices, 4 per face
 * with the face's normal and a 0..1 UV square, 12 triangles) and point clouds.
 */
public final class MeshFiles {
    private MeshFiles() {
    }

    /** A box's faces: per vertex position xyz, normal xyz, uv; [24, 8], and [12, 3] indices. */
    public record Box(float[] vertices, int[] indices) {
        public static Box of(float cx, float cy, float cz, float halfSize) {
            float[] v = new float[24 * 8];
            int[] idx = new int[36];
            int k = 0;
            for (int axis = 0; axis < 3; axis++) {
                for (int sign = -1; sign <= 1; sign += 2) {
                    int face = 2 * axis + (sign + 1) / 2;
                    int u = (axis + 1) % 3, w = (axis + 2) % 3;
                    for (int corner = 0; corner < 4; corner++) {
                        float su = (corner == 1 || corner == 2) ? 1 : -1, sw = corner >= 2 ? 1 : -1;
                        float[] p = new float[3];
                        p[axis] = sign;
                        p[u] = su * sign; // keeps the winding counter-clockwise seen from outside on both faces
                        p[w] = sw;
                        int o = 8 * (4 * face + corner);
                        v[o] = cx + halfSize * p[0];
                        v[o + 1] = cy + halfSize * p[1];
                        v[o + 2] = cz + halfSize * p[2];
                        v[o + 3 + axis] = sign;
                        v[o + 6] = (su + 1) / 2;
                        v[o + 7] = (sw + 1) / 2;
                    }
                    int b = 4 * face;
                    int[] tri = {b, b + 1, b + 2, b, b + 2, b + 3};
                    System.arraycopy(tri, 0, idx, k, 6);
                    k += 6;
                }
            }
            return new Box(v, idx);
        }
    }

    /** An OBJ with its MTL (Kd, Pr, Pm; map_Kd when {@code texture} is given, written as a PNG beside it). */
    public static Path obj(Path folder, String name, Box box, float[] baseColor, float roughness, float metallic,
                           byte[] texture, int textureSize) throws IOException {
        Files.createDirectories(folder);
        StringBuilder mtl = new StringBuilder("newmtl painted\n");
        mtl.append(String.format(Locale.ROOT, "Kd %f %f %f\nPr %f\nPm %f\n", baseColor[0], baseColor[1], baseColor[2],
                roughness, metallic));
        if (texture != null) {
            PngFiles.write(folder.resolve(name + "_base.png"), texture, textureSize, textureSize, 4);
            mtl.append("map_Kd ").append(name).append("_base.png\n");
        }
        Files.writeString(folder.resolve(name + ".mtl"), mtl);
        StringBuilder obj = new StringBuilder("mtllib " + name + ".mtl\no box\n");
        float[] v = box.vertices();
        for (int i = 0; i < v.length / 8; i++) {
            obj.append(String.format(Locale.ROOT, "v %f %f %f\n", v[8 * i], v[8 * i + 1], v[8 * i + 2]));
            obj.append(String.format(Locale.ROOT, "vn %f %f %f\n", v[8 * i + 3], v[8 * i + 4], v[8 * i + 5]));
            obj.append(String.format(Locale.ROOT, "vt %f %f\n", v[8 * i + 6], 1 - v[8 * i + 7])); // OBJ: v up
        }
        obj.append("usemtl painted\n");
        int[] t = box.indices();
        for (int i = 0; i < t.length; i += 3) {
            obj.append("f");
            for (int k = 0; k < 3; k++) {
                int n = t[i + k] + 1;
                obj.append(' ').append(n).append('/').append(n).append('/').append(n);
            }
            obj.append('\n');
        }
        Path file = folder.resolve(name + ".obj");
        Files.writeString(file, obj);
        return file;
    }

    /** A glTF 2.0 file with embedded buffers (base64): one metallic–roughness material, its base colour texture a PNG data URI. */
    public static Path gltf(Path folder, String name, Box box, float[] baseColor, float roughness, float metallic,
                            byte[] texture, int textureSize) throws IOException {
        Files.createDirectories(folder);
        float[] v = box.vertices();
        int count = v.length / 8;
        ByteBuffer data = ByteBuffer.allocate(count * 32 + box.indices().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int attribute = 0; attribute < 3; attribute++) { // positions, normals, uvs, one after the other
            int from = attribute == 0 ? 0 : attribute == 1 ? 3 : 6, size = attribute == 2 ? 2 : 3;
            for (int i = 0; i < count; i++) {
                for (int c = 0; c < size; c++) {
                    data.putFloat(v[8 * i + from + c]);
                }
            }
        }
        for (int index : box.indices()) {
            data.putInt(index);
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.putObject("asset").put("version", "2.0");
        root.put("scene", 0);
        root.putArray("scenes").addObject().putArray("nodes").add(0);
        root.putArray("nodes").addObject().put("mesh", 0);
        ObjectNode primitive = root.putArray("meshes").addObject().putArray("primitives").addObject();
        primitive.putObject("attributes").put("POSITION", 0).put("NORMAL", 1).put("TEXCOORD_0", 2);
        primitive.put("indices", 3).put("material", 0);
        ObjectNode pbr = root.putArray("materials").addObject().put("name", "painted").putObject("pbrMetallicRoughness");
        ArrayNode factor = pbr.putArray("baseColorFactor");
        for (float c : baseColor) {
            factor.add(c);
        }
        pbr.put("metallicFactor", metallic).put("roughnessFactor", roughness);
        if (texture != null) {
            pbr.putObject("baseColorTexture").put("index", 0);
            Path png = Files.createTempFile(folder, "texture", ".png");
            PngFiles.write(png, texture, textureSize, textureSize, 4);
            root.putArray("textures").addObject().put("source", 0);
            root.putArray("images").addObject().put("uri", "data:image/png;base64,"
                    + Base64.getEncoder().encodeToString(Files.readAllBytes(png)));
            Files.delete(png);
        }
        root.putArray("buffers").addObject().put("byteLength", data.capacity())
                .put("uri", "data:application/octet-stream;base64," + Base64.getEncoder().encodeToString(data.array()));
        ArrayNode views = root.putArray("bufferViews");
        ArrayNode accessors = root.putArray("accessors");
        int[] bytes = {count * 12, count * 12, count * 8, box.indices().length * 4};
        String[] types = {"VEC3", "VEC3", "VEC2", "SCALAR"};
        int offset = 0;
        for (int a = 0; a < 4; a++) {
            views.addObject().put("buffer", 0).put("byteOffset", offset).put("byteLength", bytes[a]);
            ObjectNode accessor = accessors.addObject().put("bufferView", a).put("componentType", a == 3 ? 5125 : 5126)
                    .put("count", a == 3 ? box.indices().length : count).put("type", types[a]);
            if (a == 0) {
                float[][] bounds = bounds(v, count);
                ArrayNode min = accessor.putArray("min"), max = accessor.putArray("max");
                for (int c = 0; c < 3; c++) {
                    min.add(bounds[0][c]);
                    max.add(bounds[1][c]);
                }
            }
            offset += bytes[a];
        }
        Path file = folder.resolve(name + ".gltf");
        Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return file;
    }

    /** An ASCII PLY of the box's triangles (positions and normals). */
    public static Path plyTriangles(Path folder, String name, Box box) throws IOException {
        return plyTriangles(folder, name, box, null);
    }

    /** As above, with 8-bit vertex colours [24, 3] (a scan's), or none when null. */
    public static Path plyTriangles(Path folder, String name, Box box, int[] colors) throws IOException {
        float[] v = box.vertices();
        int count = v.length / 8;
        StringBuilder ply = new StringBuilder("ply\nformat ascii 1.0\nelement vertex " + count + "\n"
                + "property float x\nproperty float y\nproperty float z\n"
                + "property float nx\nproperty float ny\nproperty float nz\n"
                + (colors == null ? "" : "property uchar red\nproperty uchar green\nproperty uchar blue\n")
                + "element face " + box.indices().length / 3 + "\nproperty list uchar int vertex_indices\nend_header\n");
        for (int i = 0; i < count; i++) {
            ply.append(String.format(Locale.ROOT, "%f %f %f %f %f %f", v[8 * i], v[8 * i + 1], v[8 * i + 2],
                    v[8 * i + 3], v[8 * i + 4], v[8 * i + 5]));
            if (colors != null) {
                ply.append(' ').append(colors[3 * i]).append(' ').append(colors[3 * i + 1]).append(' ').append(colors[3 * i + 2]);
            }
            ply.append('\n');
        }
        int[] t = box.indices();
        for (int i = 0; i < t.length; i += 3) {
            ply.append("3 ").append(t[i]).append(' ').append(t[i + 1]).append(' ').append(t[i + 2]).append('\n');
        }
        Path file = folder.resolve(name + ".ply");
        Files.createDirectories(folder);
        Files.writeString(file, ply);
        return file;
    }

    /** An ASCII PLY point cloud: positions [P, 3] and 8-bit colours [P, 3]. */
    public static Path plyPoints(Path folder, String name, float[] positions, int[] colors) throws IOException {
        int count = positions.length / 3;
        StringBuilder ply = new StringBuilder("ply\nformat ascii 1.0\nelement vertex " + count + "\n"
                + "property float x\nproperty float y\nproperty float z\n"
                + "property uchar red\nproperty uchar green\nproperty uchar blue\nend_header\n");
        for (int i = 0; i < count; i++) {
            ply.append(String.format(Locale.ROOT, "%f %f %f %d %d %d\n", positions[3 * i], positions[3 * i + 1],
                    positions[3 * i + 2], colors[3 * i], colors[3 * i + 1], colors[3 * i + 2]));
        }
        Path file = folder.resolve(name + ".ply");
        Files.createDirectories(folder);
        Files.write(file, ply.toString().getBytes(StandardCharsets.US_ASCII));
        return file;
    }

    /** A 2×2-checker RGBA texture of {@code size}², two colours. */
    public static byte[] checker(int size, int[] first, int[] second) {
        byte[] rgba = new byte[4 * size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int[] c = ((x * 2 / size) + (y * 2 / size)) % 2 == 0 ? first : second;
                for (int k = 0; k < 3; k++) {
                    rgba[4 * (y * size + x) + k] = (byte) c[k];
                }
                rgba[4 * (y * size + x) + 3] = (byte) 255;
            }
        }
        return rgba;
    }

    private static float[][] bounds(float[] v, int count) {
        float[][] b = {{Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE}, {-Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE}};
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < 3; c++) {
                b[0][c] = Math.min(b[0][c], v[8 * i + c]);
                b[1][c] = Math.max(b[1][c], v[8 * i + c]);
            }
        }
        return b;
    }
}
