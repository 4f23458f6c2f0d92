package dev.splatlight.core.asset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.splatlight.core.light.EnvironmentCube;
import dev.splatlight.core.light.IrradianceVolume;
import dev.splatlight.core.light.OcclusionVolume;
import dev.splatlight.core.light.io.RadianceHdrWriter;
import dev.splatlight.core.splat.GaussianCloud;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The relightable asset (design.md §5): a directory with {@value #MANIFEST} (format version, counts, bound,
 * conventions, what each file is), the Gaussians as a 3DGS-layout PLY with the PBR properties appended, the learned
 * environment, the occlusion volume and the irradiance volume. Reading validates everything and names the file
 * and field at fault. A geometry-only asset (after the geometry stage) has no material and no light.
 *
 * @param material    null for a geometry-only asset
 * @param environment the learned light, or null
 * @param occlusion   the baked occlusion volume, or null
 * @param irradiance  the learned indirect light, or null
 * @param specularOcclusion whether the materials were learned with the specular lobe occluded too (the shading that
 *                    shows them as learned: {@code GBufferShader.Light})
 * @param tracedReflections whether they were learned with the scene's reflections in its glossy surfaces traced
 *                    ({@code SceneReflections}): the shading under the learned light that reproduces the photos traces too
 */
public record RelightableAsset(GaussianCloud gaussians, Material material, EnvironmentCube environment,
                               OcclusionVolume occlusion, IrradianceVolume irradiance, boolean whiteBackground, boolean gamma,
                               boolean specularOcclusion, boolean tracedReflections) {
    /** 3: {@code specular_occlusion}; 4: {@code traced_reflections} (each absent before: false). */
    public static final int FORMAT_VERSION = 4;
    public static final String MANIFEST = "manifest.json";
    public static final String GAUSSIANS = "point_cloud.ply";
    public static final String ENVIRONMENT = "environment.bin";
    public static final String ENVIRONMENT_PREVIEW = "environment.hdr";
    public static final String OCCLUSION = "occlusion.bin";
    public static final String IRRADIANCE = "irradiance.bin";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Per-Gaussian PBR attributes, activated: linear albedo in [0, 1], roughness in [0.04, 1], metallic in [0, 1]. */
    public record Material(float[] albedo, float[] roughness, float[] metallic) {
        public static final String[] PROPERTIES = {"albedo_0", "albedo_1", "albedo_2", "roughness", "metallic"};

        Map<String, float[]> asProperties() {
            int n = roughness.length;
            Map<String, float[]> properties = new LinkedHashMap<>();
            for (int c = 0; c < 3; c++) {
                float[] channel = new float[n];
                for (int i = 0; i < n; i++) {
                    channel[i] = albedo[3 * i + c];
                }
                properties.put(PROPERTIES[c], channel);
            }
            properties.put("roughness", roughness);
            properties.put("metallic", metallic);
            return properties;
        }
    }

    /**
     * An asset directory ({@link #read}), or a plain 3DGS PLY as other tools write it: Gaussians only, no material or
     * light (viewers show it in radiance mode or as clay).
     */
    public static RelightableAsset open(Path source) {
        if (Files.isDirectory(source)) {
            return read(source);
        }
        if (!Files.exists(source)) {
            throw new AssetFormatException(source + ": no such asset directory or .ply file");
        }
        return new RelightableAsset(GaussianPly.read(source).cloud(), null, null, null, null, false, true, false, false);
    }

    public boolean relightable() {
        return material != null && environment != null;
    }

    /** Writes every file atomically, the manifest last (a reader never sees a manifest naming missing files). */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        GaussianPly.write(dir.resolve(GAUSSIANS), gaussians, material == null ? Map.of() : material.asProperties());
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("format", "splatlight-asset");
        manifest.put("format_version", FORMAT_VERSION);
        manifest.put("gaussians", gaussians.count());
        manifest.put("sh_degree", 3);
        manifest.put("background", whiteBackground ? "white" : "black");
        manifest.put("gamma", gamma);
        manifest.put("relightable", relightable());
        manifest.put("specular_occlusion", specularOcclusion);
        manifest.put("traced_reflections", tracedReflections);
        ObjectNode files = manifest.putObject("files");
        files.put(GAUSSIANS, "Gaussians, binary little-endian PLY: the first 62 properties are the reference 3DGS layout "
                + "(pre-activation; learned normals in nx ny nz)"
                + (gaussians.hasReflection()
                        ? "; then " + GaussianPly.REFLECTION + " (the geometry stage's mirror reflection strength, 0..1)" : "")
                + (material == null ? "" : "; then albedo_0..2 (linear), roughness, metallic, activated"));
        if (environment != null) {
            environment.write(dir.resolve(ENVIRONMENT));
            RadianceHdrWriter.write(dir.resolve(ENVIRONMENT_PREVIEW), environment.toEquirect(4 * environment.size()));
            files.put(ENVIRONMENT, "learned environment: cubemap, 6 faces (+X -X +Y -Y +Z -Z) of " + environment.size() + "² RGB "
                    + "f32 linear radiance, little-endian after an 8-byte magic and u32 size");
            files.put(ENVIRONMENT_PREVIEW, "the learned environment as an equirectangular Radiance HDR, for viewing only");
            manifest.put("environment_size", environment.size());
        }
        if (occlusion != null) {
            occlusion.write(dir.resolve(OCCLUSION));
            files.put(OCCLUSION, "baked occlusion volume: 16 SH coefficients of visibility per probe (OcclusionVolume)");
            ObjectNode node = manifest.putObject("occlusion");
            node.put("resolution", occlusion.resolution());
            node.put("bound", occlusion.bound());
            node.put("threshold", occlusion.threshold());
            node.put("probes", occlusion.probes());
        }
        if (irradiance != null) {
            irradiance.write(dir.resolve(IRRADIANCE));
            files.put(IRRADIANCE, "learned indirect light: 9 grey SH coefficients per probe (IrradianceVolume)");
            ObjectNode node = manifest.putObject("irradiance");
            node.put("resolution", irradiance.resolution());
            node.put("bound", irradiance.bound());
        }
        ObjectNode conventions = manifest.putObject("conventions");
        conventions.put("world", "the dataset's world frame (Blender datasets: Z up)");
        conventions.put("environment", "world directions index the cube directly (Vulkan cube-face convention); equirect "
                + "previews use the datasets' mapping u = 0.5 - atan2(y, x)/2pi, v = acos(z)/pi");
        conventions.put("colour", "SH colour in display (sRGB-encoded) space; albedo and radiance linear");
        conventions.put("shading", "split-sum GGX (design.md section 2): albedo(1-metallic)(E V + (1-V) I) + prefiltered(R, roughness)(F0 A + B)"
                + (specularOcclusion ? ", the prefiltered term occluded too: prefiltered V_R + (1-V_R) I(R), V_R the occlusion of the "
                        + "reflected lobe (light/occlusion.glsl)" : "")
                + (tracedReflections ? "; learned with reflections traced: the prefiltered term's share h w(roughness) is the "
                        + "radiance of what the reflected ray meets among the Gaussians (light/trace_reflections.comp)" : ""));
        AtomicFiles.writeJson(dir.resolve(MANIFEST), manifest);
    }

    /** Reads and validates an asset directory. */
    public static RelightableAsset read(Path dir) {
        Path manifestFile = dir.resolve(MANIFEST);
        JsonNode manifest = readManifest(manifestFile);
        int version = requireInt(manifest, "format_version", manifestFile);
        if (version < 1 || version > FORMAT_VERSION) {
            throw new AssetFormatException(manifestFile + ": format_version " + version + " is not supported (1.." + FORMAT_VERSION + ")");
        }
        int count = requireInt(manifest, "gaussians", manifestFile);
        GaussianPly.Contents ply = GaussianPly.read(dir.resolve(GAUSSIANS));
        if (ply.cloud().count() != count) {
            throw new AssetFormatException(dir.resolve(GAUSSIANS) + ": holds " + ply.cloud().count() + " Gaussians, the manifest says "
                    + count);
        }
        Material material = readMaterial(ply, dir.resolve(GAUSSIANS));
        EnvironmentCube environment = manifest.has("environment_size") ? EnvironmentCube.read(dir.resolve(ENVIRONMENT)) : null;
        if (environment != null && environment.size() != manifest.get("environment_size").asInt()) {
            throw new AssetFormatException(dir.resolve(ENVIRONMENT) + ": face size " + environment.size() + ", the manifest says "
                    + manifest.get("environment_size").asInt());
        }
        OcclusionVolume occlusion = manifest.has("occlusion") ? OcclusionVolume.read(dir.resolve(OCCLUSION)) : null;
        if (occlusion != null && occlusion.probes() != manifest.path("occlusion").path("probes").asInt(-1)) {
            throw new AssetFormatException(dir.resolve(OCCLUSION) + ": " + occlusion.probes() + " probes, the manifest says "
                    + manifest.path("occlusion").path("probes"));
        }
        IrradianceVolume irradiance = manifest.has("irradiance") ? IrradianceVolume.read(dir.resolve(IRRADIANCE)) : null;
        boolean white = "white".equals(manifest.path("background").asText("black"));
        return new RelightableAsset(ply.cloud(), material, environment, occlusion, irradiance, white,
                manifest.path("gamma").asBoolean(true), manifest.path("specular_occlusion").asBoolean(false),
                manifest.path("traced_reflections").asBoolean(false));
    }

    private static Material readMaterial(GaussianPly.Contents ply, Path file) {
        Map<String, float[]> extras = ply.extras();
        boolean any = false, all = true;
        for (String name : Material.PROPERTIES) {
            any |= extras.containsKey(name);
            all &= extras.containsKey(name);
        }
        if (!any) {
            return null;
        }
        if (!all) {
            throw new AssetFormatException(file + ": has some PBR properties but not all of " + String.join(", ", Material.PROPERTIES));
        }
        int n = ply.cloud().count();
        float[] albedo = new float[3 * n];
        for (int c = 0; c < 3; c++) {
            float[] channel = extras.get(Material.PROPERTIES[c]);
            for (int i = 0; i < n; i++) {
                albedo[3 * i + c] = checkUnit(channel[i], Material.PROPERTIES[c], i, file);
            }
        }
        float[] roughness = extras.get("roughness"), metallic = extras.get("metallic");
        for (int i = 0; i < n; i++) {
            checkUnit(roughness[i], "roughness", i, file);
            checkUnit(metallic[i], "metallic", i, file);
        }
        return new Material(albedo, roughness, metallic);
    }

    private static float checkUnit(float v, String property, int vertex, Path file) {
        if (!(v >= 0 && v <= 1)) {
            throw new AssetFormatException(file + ": property " + property + " of vertex " + vertex + " is " + v + " (expected 0..1)");
        }
        return v;
    }

    private static JsonNode readManifest(Path file) {
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || !node.isObject() || !"splatlight-asset".equals(node.path("format").asText())) {
                throw new AssetFormatException(file + ": not a Splatlight asset manifest (\"format\" must be \"splatlight-asset\")");
            }
            return node;
        } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
            throw new AssetFormatException(file + ": not found (is this an asset directory written by 'train'?)");
        } catch (IOException e) {
            throw new AssetFormatException(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    private static int requireInt(JsonNode manifest, String field, Path file) {
        JsonNode value = manifest.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new AssetFormatException(file + ": field \"" + field + "\" is missing or not an integer");
        }
        return value.asInt();
    }
}
