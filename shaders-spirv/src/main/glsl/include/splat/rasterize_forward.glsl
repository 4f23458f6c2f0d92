// The body of the forward blend (rasterize_forward.comp; rasterize_forward_occluded.comp defines OCCLUDED).
// Front-to-back alpha blending of each tile's splats (3DGS Eq. 3): one workgroup per 16×16 tile, splats staged in
// shared memory in batches. With w_i = α_i·T_i it writes colour Σ w c + T·background, opacity O = Σ w,
// alpha-normalised depth Σ w d / O, and FEATURE_CHANNELS further blended channels Σ w f (normals, materials),
// plus what the backward pass needs: final transmittance and the last contributing splat's position in the list.
// With OCCLUDED, an opaque surface's depth per pixel (meshes beside the splats) ends the blend where splats pass
// behind it; what transmittance is left is the surface's share.
#ifndef SPLATLIGHT_RASTERIZE_FORWARD_GLSL
#define SPLATLIGHT_RASTERIZE_FORWARD_GLSL
#define SPLAT_FRAME_BINDING 0
#include "splat/frame.glsl"
#include "splat/projected_splat.glsl"

layout(local_size_x = 16, local_size_y = 16) in;
layout(constant_id = 0) const uint FEATURE_CHANNELS = 3u;

const uint BATCH = 256u; // splats staged per round = invocations per workgroup

layout(std430, binding = 1) readonly buffer Projected { ProjectedSplat projected[]; };          // [N]
layout(std430, binding = 2) readonly buffer TileRanges { uvec2 tile_ranges[]; };                // [tiles]
layout(std430, binding = 3) readonly buffer TileSplats { uint splat_from_intersection[]; };     // [M]
layout(std430, binding = 4) readonly buffer Features { float features[]; };                     // [N, F]
layout(std430, binding = 5) writeonly buffer OutColor { float out_color[]; };                   // [3, H, W]
layout(std430, binding = 6) writeonly buffer OutOpacity { float out_opacity[]; };               // [H, W]
layout(std430, binding = 7) writeonly buffer OutDepth { float out_depth[]; };                   // [H, W]
layout(std430, binding = 8) writeonly buffer OutFeatures { float out_features[]; };             // [F, H, W]
layout(std430, binding = 9) writeonly buffer OutTransmittance { float out_transmittance[]; };   // [H, W] final T
layout(std430, binding = 10) writeonly buffer OutLastContributor { uint out_last_contributor[]; }; // [H, W]
#ifdef OCCLUDED
layout(binding = 11, r32f) uniform readonly image2D OccluderDepth;  // camera z of an opaque surface, huge where none
#endif

shared uint batch_splat[BATCH];
shared vec4 batch_center_depth[BATCH];
shared vec4 batch_conic_opacity[BATCH];
shared vec4 batch_color[BATCH];
shared uint finished_pixels;

void main() {
    uvec2 tile = gl_WorkGroupID.xy;
    uvec2 pixel = tile * TILE_SIZE + gl_LocalInvocationID.xy;
    bool inside = pixel.x < frame.width && pixel.y < frame.height;
    vec2 pixelCenter = vec2(pixel) + 0.5;
    uvec2 range = tile_ranges[tile.y * frame.tilesX + tile.x];

    float transmittance = 1.0;
    vec3 color = vec3(0.0);
    float depth = 0.0;
    float opacity = 0.0;
    float blended[FEATURE_CHANNELS];
    for (uint c = 0u; c < FEATURE_CHANNELS; ++c) {
        blended[c] = 0.0;
    }
    uint contributor = 0u;
    uint lastContributor = 0u;
    bool done = !inside;
#ifdef OCCLUDED
    // Splats come sorted by depth: the first one behind the opaque surface ends the pixel's blend.
    float occluderDepth = inside ? imageLoad(OccluderDepth, ivec2(pixel)).r : 0.0;
#endif

    for (uint first = range.x; first < range.y; first += BATCH) {
        // Stop when every pixel of the tile is done (the count is read by all after the same barrier).
        barrier();
        if (gl_LocalInvocationIndex == 0u) {
            finished_pixels = 0u;
        }
        barrier();
        if (done) {
            atomicAdd(finished_pixels, 1u);
        }
        barrier();
        if (finished_pixels == BATCH) {
            break;
        }
        uint k = first + gl_LocalInvocationIndex;
        if (k < range.y) {
            uint splat = splat_from_intersection[k];
            ProjectedSplat p = projected[splat];
            batch_splat[gl_LocalInvocationIndex] = splat;
            batch_center_depth[gl_LocalInvocationIndex] = p.centerDepthRadius;
            batch_conic_opacity[gl_LocalInvocationIndex] = p.conicOpacity;
            batch_color[gl_LocalInvocationIndex] = p.color;
        }
        barrier();
        uint batchSize = min(BATCH, range.y - first);
        for (uint j = 0u; j < batchSize && !done; ++j) {
            contributor++;
#ifdef OCCLUDED
            if (batch_center_depth[j].z > occluderDepth) {
                done = true;
                continue;
            }
#endif
            float gaussian;
            float alpha = splat_alpha(batch_conic_opacity[j], batch_center_depth[j].xy - pixelCenter, gaussian);
            if (alpha < 0.0) {
                continue;
            }
            float nextTransmittance = transmittance * (1.0 - alpha);
            if (nextTransmittance < MIN_TRANSMITTANCE) {
                done = true;
                continue;
            }
            float weight = alpha * transmittance;
            color += weight * batch_color[j].rgb;
            depth += weight * batch_center_depth[j].z;
            opacity += weight;
            uint splat = batch_splat[j];
            for (uint c = 0u; c < FEATURE_CHANNELS; ++c) {
                blended[c] += weight * features[splat * FEATURE_CHANNELS + c];
            }
            transmittance = nextTransmittance;
            lastContributor = contributor;
        }
    }

    if (!inside) {
        return;
    }
    uint p = pixel.y * frame.width + pixel.x;
    uint plane = frame.width * frame.height;
    vec3 composited = color + transmittance * frame.background;
    out_color[p] = composited.r;
    out_color[plane + p] = composited.g;
    out_color[2u * plane + p] = composited.b;
    out_opacity[p] = opacity;
    out_depth[p] = opacity > 1e-6 ? depth / opacity : 0.0;
    for (uint c = 0u; c < FEATURE_CHANNELS; ++c) {
        out_features[c * plane + p] = blended[c];
    }
    out_transmittance[p] = transmittance;
    out_last_contributor[p] = lastContributor;
}

#endif
