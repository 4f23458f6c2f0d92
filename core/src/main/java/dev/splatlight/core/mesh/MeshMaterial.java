package dev.splatlight.core.mesh;

/**
 * A metallic–roughness PBR material as glTF 2.0 defines it: factors, each multiplied by its texture where there is
 * one (base colour sRGB-encoded; roughness in green and metallic in blue of one texture; a tangent-space normal map).
 *
 * @param baseColor linear RGBA factor
 */
public record MeshMaterial(String name, float[] baseColor, float metallic, float roughness, MeshTexture baseColorTexture,
                           MeshTexture metallicRoughnessTexture, MeshTexture normalTexture) {
    /** What a surface without a material looks like, mesh or splat (a plain 3DGS file's, in AssetScene): grey clay. */
    public static final float CLAY_ALBEDO = 0.5f, CLAY_ROUGHNESS = 0.5f;

    public MeshMaterial {
        if (baseColor.length != 4) {
            throw new IllegalArgumentException("base colour needs 4 components, got " + baseColor.length);
        }
        baseColor = baseColor.clone();
    }

    public static MeshMaterial clay(String name) {
        return new MeshMaterial(name, new float[] {CLAY_ALBEDO, CLAY_ALBEDO, CLAY_ALBEDO, 1}, 0, CLAY_ROUGHNESS, null, null, null);
    }

    public boolean textured() {
        return baseColorTexture != null || metallicRoughnessTexture != null || normalTexture != null;
    }
}
