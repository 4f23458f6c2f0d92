package dev.splatlight.core.mesh;

/**
 * A decoded texture of a mesh material: 8-bit RGBA texels, row 0 at the top (as glTF's UV origin), as the file
 * stores them (base colour sRGB-encoded, the others linear).
 *
 * @param source where it came from (a file, or "embedded #N"), for messages
 */
public record MeshTexture(String source, int width, int height, byte[] rgba) {
    public MeshTexture {
        if (width <= 0 || height <= 0 || rgba.length != 4L * width * height) {
            throw new IllegalArgumentException("texture " + source + ": " + rgba.length + " bytes for " + width + "x" + height);
        }
    }

    /** Texel (x, y) channel c in [0, 1], wrapping as a repeating sampler does (nearest). */
    public float texel(float u, float v, int channel) {
        int x = Math.floorMod((int) Math.floor(u * width), width);
        int y = Math.floorMod((int) Math.floor(v * height), height);
        return (rgba[4 * (y * width + x) + channel] & 0xFF) / 255f;
    }
}
