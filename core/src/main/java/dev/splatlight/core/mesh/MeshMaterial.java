package dev.splatlight.core.mesh;

/**
 * A metallic–roughness PBR material as glTF 2.0 defines it: factors, each multiplied by its texture where there is
 * one (base colour sRGB-encoded; roughness in green and metallic in blue of one texture; a tangent-space normal map).
 *
 * @param baseColor   linear RGBA factor
 * @param alphaCutoff glTF alphaMode MASK: where the base colour's alpha (factor × texture) is below this the surface is
 *                    cut out; 0 for opaque surfaces. BLEND is drawn as MASK at 0.5 (no sorted transparency).
 */
public record MeshMaterial(String name, float[] baseColor, float metallic, float roughness, MeshTexture baseColorTexture,
                           MeshTexture metallicRoughnessTexture, MeshTexture normalTexture, float alphaCutoff) {
    /** What a surface without a material looks like, mesh or splat (a plain 3DGS file's, in AssetScene): grey clay. */
    public static final float CLAY_ALBEDO = 0.5f, CLAY_ROUGHNESS = 0.5f;

    public MeshMaterial {
        if (baseColor.length != 4) {
            throw new IllegalArgumentException("base colour needs 4 components, got " + baseColor.length);
        }
        baseColor = baseColor.clone();
        if (!(alphaCutoff >= 0 && alphaCutoff <= 1)) {
            throw new IllegalArgumentException("alpha cutoff must be in [0, 1], got " + alphaCutoff);
        }
    }

    /** An opaque material. */
    public MeshMaterial(String name, float[] baseColor, float metallic, float roughness, MeshTexture baseColorTexture,
                        MeshTexture metallicRoughnessTexture, MeshTexture normalTexture) {
        this(name, baseColor, metallic, roughness, baseColorTexture, metallicRoughnessTexture, normalTexture, 0f);
    }

    /** Whether parts of the surface are cut out by its alpha (drawn by the masked pipeline). */
    public boolean masked() {
        return alphaCutoff > 0;
    }

    public static MeshMaterial clay(String name) {
        return new MeshMaterial(name, new float[] {CLAY_ALBEDO, CLAY_ALBEDO, CLAY_ALBEDO, 1}, 0, CLAY_ROUGHNESS, null, null, null);
    }

    public boolean textured() {
        return baseColorTexture != null || metallicRoughnessTexture != null || normalTexture != null;
    }
}
