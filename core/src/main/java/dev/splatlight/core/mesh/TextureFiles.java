package dev.splatlight.core.mesh;

import static org.lwjgl.assimp.Assimp.aiGetEmbeddedTexture;

import dev.splatlight.core.asset.Rgba8Decoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.lwjgl.assimp.AIScene;
import org.lwjgl.assimp.AITexel;
import org.lwjgl.assimp.AITexture;
import org.lwjgl.system.MemoryUtil;

/**
 * Decodes the textures a mesh material names: embedded in the file (glb, FBX: compressed PNG/JPEG or raw texels) or
 * beside it. A texture that cannot be read is left out with a warning, so the mesh still shows with its factors.
 */
final class TextureFiles {
    /** Larger textures are refused (64 MB of texels each), as a malformed header's size would be. */
    static final int MAX_SIDE = 16384;

    private TextureFiles() {
    }

    static MeshTexture load(Path meshFile, AIScene scene, String path, List<String> warnings) {
        try {
            AITexture embedded = aiGetEmbeddedTexture(scene, path);
            if (embedded != null) {
                return embedded(embedded, "embedded " + path);
            }
            return external(meshFile, path);
        } catch (TextureException e) {
            warnings.add("texture " + e.getMessage() + " left out");
            return null;
        }
    }

    private static MeshTexture embedded(AITexture texture, String source) {
        if (texture.mHeight() == 0) { // mWidth bytes of a compressed image
            byte[] data = new byte[texture.mWidth()];
            MemoryUtil.memByteBuffer(texture.pcData().address(), data.length).get(data);
            return decode(data, source);
        }
        int width = texture.mWidth(), height = texture.mHeight();
        checkSize(width, height, source);
        AITexel.Buffer texels = texture.pcData();
        byte[] rgba = new byte[4 * width * height];
        for (int i = 0; i < width * height; i++) {
            AITexel t = texels.get(i);
            rgba[4 * i] = t.r();
            rgba[4 * i + 1] = t.g();
            rgba[4 * i + 2] = t.b();
            rgba[4 * i + 3] = t.a();
        }
        return new MeshTexture(source, width, height, rgba);
    }

    private static MeshTexture external(Path meshFile, String path) {
        Path file;
        try {
            Path named = Path.of(path.replace('\\', '/'));
            Path folder = meshFile.toAbsolutePath().getParent();
            file = named.isAbsolute() || folder == null ? named : folder.resolve(named);
            if (!Files.isRegularFile(file)) { // exporters often store an absolute path from another machine
                Path beside = folder == null ? null : folder.resolve(named.getFileName());
                if (beside == null || !Files.isRegularFile(beside)) {
                    throw new TextureException(path + " (no such file beside " + meshFile.getFileName() + ")");
                }
                file = beside;
            }
        } catch (InvalidPathException e) {
            throw new TextureException("'" + path + "' (not a valid path)");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException | OutOfMemoryError e) {
            throw new TextureException(file + " (" + e.getMessage() + ")");
        }
        return decode(bytes, file.toString());
    }

    private static MeshTexture decode(byte[] data, String source) {
        try {
            Rgba8Decoder.Decoded decoded = Rgba8Decoder.decode(data, MAX_SIDE);
            return new MeshTexture(source, decoded.width(), decoded.height(), decoded.rgba());
        } catch (IllegalArgumentException e) {
            throw new TextureException(source + " (" + e.getMessage() + ")");
        }
    }

    private static void checkSize(int width, int height, String source) {
        if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new TextureException(source + " (" + width + "x" + height + ": sides must be 1.." + MAX_SIDE + ")");
        }
    }

    private static final class TextureException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TextureException(String message) {
            super(message, null, false, false);
        }
    }
}
