package dev.splatlight.shaders;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The typed catalogue of every GLSL program. Java code names programs through this enum and never spells a path;
 * the build compiles exactly these sources, and {@code ShaderCatalogTest} fails when a source file is missing here.
 */
public enum ShaderProgram {
    // GPU primitives (core): see docs/architecture.md.
    PREFIX_SCAN_REDUCE("primitives/prefix_scan_reduce.comp"),
    PREFIX_SCAN_APPLY("primitives/prefix_scan_apply.comp"),
    RADIX_SORT_COUNT("primitives/radix_sort_count.comp"),
    RADIX_SORT_SCATTER("primitives/radix_sort_scatter.comp"),
    BUFFER_COPY("primitives/buffer_copy.comp"),

    // Forward splat rasterizer (core, shared by trainer and viewer): see docs/rasterizer.md.
    SPLAT_PROJECT_FORWARD("splat/project_forward.comp"),
    SPLAT_TILE_COUNT_GATHER("splat/tile_count_gather.comp"),
    SPLAT_TILE_EMIT("splat/tile_emit.comp"),
    SPLAT_TILE_RANGES("splat/tile_ranges.comp"),
    SPLAT_TILE_TOTAL("splat/tile_total.comp"),
    SPLAT_RASTERIZE_FORWARD("splat/rasterize_forward.comp"),
    SPLAT_RASTERIZE_FORWARD_OCCLUDED("splat/rasterize_forward_occluded.comp"),

    // Meshes beside the splats (core): into the same G-buffer, see docs/meshes.md.
    MESH_GBUFFER_VERTEX("mesh/mesh_gbuffer.vert"),
    MESH_GBUFFER_FRAGMENT("mesh/mesh_gbuffer.frag"),
    MESH_GBUFFER_MASKED_FRAGMENT("mesh/mesh_gbuffer_masked.frag"),
    MESH_MERGE("mesh/mesh_merge.comp"),

    // Environment light (core, shared by trainer and viewer): the split-sum contract, see docs/environment.md.
    EQUIRECT_TO_CUBE("light/equirect_to_cube.comp"),
    CUBE_DOWNSAMPLE("light/cube_downsample.comp"),
    PREFILTER_SPECULAR("light/prefilter_specular.comp"),
    IRRADIANCE("light/irradiance.comp"),
    DFG_TABLE("light/dfg_table.comp"),
    SHADE_GBUFFER("light/shade_gbuffer.comp"),
    TRACE_REFLECTIONS("light/trace_reflections.comp"),

    // Viewer and headless rendering.
    VIEWER_COMPOSITE("viewer/composite.comp"),
    IMGUI_VERTEX("viewer/imgui.vert"),
    IMGUI_FRAGMENT("viewer/imgui.frag"),

    // Trainer: the occlusion bake (docs/bake.md).
    BAKE_OCCLUSION("bake/bake_occlusion.comp"),

    // Trainer: the material stage (docs/material-stage.md).
    MATERIAL_ACTIVATE("material/material_activate.comp"),
    MATERIAL_ACTIVATE_BACKWARD("material/material_activate_backward.comp"),
    MATERIAL_LOSSES("material/material_losses.comp"),
    SHADE_GBUFFER_BACKWARD("material/shade_gbuffer_backward.comp"),
    PREFILTER_SPECULAR_BACKWARD("material/prefilter_specular_backward.comp"),
    PREFILTER_SUMMED_NORMALISE("material/prefilter_summed_normalise.comp"),
    ENVIRONMENT_SMALLEST_BACKWARD("material/environment_smallest_backward.comp"),
    CUBE_DOWNSAMPLE_BACKWARD("material/cube_downsample_backward.comp"),
    ENVIRONMENT_TV("material/environment_tv.comp"),
    ENVIRONMENT_EXP("material/environment_exp.comp"),
    SUN_LOBES_BACKWARD("material/sun_lobes_backward.comp"),

    // Trainer: backward passes, losses, optimiser, densification.
    RASTERIZE_BACKWARD("trainer/rasterize_backward.comp"),
    PROJECT_BACKWARD("trainer/project_backward.comp"),
    PHOTOMETRIC_MOMENTS("trainer/photometric_moments.comp"),
    GAUSSIAN_BLUR("trainer/gaussian_blur.comp"),
    SSIM_FORWARD("trainer/ssim_forward.comp"),
    PHOTOMETRIC_BACKWARD("trainer/photometric_backward.comp"),
    DEPTH_NORMALS("trainer/depth_normals.comp"),
    DEPTH_NORMALS_BACKWARD("trainer/depth_normals_backward.comp"),
    NORMAL_LOSSES("trainer/normal_losses.comp"),
    ALPHA_LOSS("trainer/alpha_loss.comp"),
    REFLECTION_COMPOSITE("trainer/reflection_composite.comp"),
    TRACE_MIRROR_SCENE("trainer/trace_mirror_scene.comp"),
    REFLECTION_COMPOSITE_BACKWARD("trainer/reflection_composite_backward.comp"),
    ADAM_STEP("trainer/adam_step.comp"),
    DENSIFY_STATISTICS("trainer/densify_statistics.comp");

    /** Where the compiled SPIR-V lies on the class path. */
    public static final String RESOURCE_ROOT = "spirv/";

    private final String sourcePath;

    ShaderProgram(String sourcePath) {
        this.sourcePath = sourcePath;
    }

    /** Path of the GLSL source below {@code shaders-spirv/src/main/glsl}. */
    public String sourcePath() {
        return sourcePath;
    }

    public ShaderStage stage() {
        return ShaderStage.ofSourcePath(sourcePath);
    }

    /** Class-path resource of the compiled program. */
    public String resourcePath() {
        return RESOURCE_ROOT + sourcePath + ".spv";
    }

    /** The compiled SPIR-V words as bytes, read from the class path. */
    public byte[] spirv() {
        try (InputStream in = ShaderProgram.class.getClassLoader().getResourceAsStream(resourcePath())) {
            if (in == null) {
                throw new IllegalStateException("SPIR-V for " + name() + " is missing from the class path ("
                        + resourcePath() + "): build the shaders-spirv module");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resourcePath(), e);
        }
    }
}
