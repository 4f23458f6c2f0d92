#version 460
// Backward of rasterize_forward: per pixel, walk the tile's splats back to front from the last contributor,
// recovering T_i = T_{i+1} / (1 − α_i), and accumulate each splat's screen-space gradient. With
// C = Σ c_i α_i T_i + T_final·bg:  ∂C/∂α_i = T_i (c_i − R_i) − T_final·bg / (1 − α_i), where R_i is the blend of
// everything behind i (3DGS, Kerbl et al. 2023, supplementary). Depth, opacity and feature channels work alike.
// Gradients of the lanes of a subgroup, which all visit the same splat, are summed in the subgroup (all of them at
// once by a transposed reduction when they fit in sixteen floats) before one atomic add per float.
// Optionally the distortion loss of Mip-NeRF 360 on the blend weights, L_p = Σ_ij w_i w_j |z_i − z_j| per pixel (z the
// splats' camera depths, sorted front to back, so L_p = 2 Σ_i w_i (z_i A_i − B_i) with A_i, B_i the sums of w and w·z
// in front of i): it pulls a ray's weight onto one surface. With S_k, Z_k the sums of w and w·z behind k,
// e_k = ∂L_p/∂w_k = 2(z_k A_k − B_k + Z_k − z_k S_k), ∂L_p/∂z_k = 2 w_k (A_k − S_k) and, as w_i = α_i T_i,
// ∂L_p/∂α_k = T_k e_k − Σ_{i>k} w_i e_i / (1 − α_k); A_k and B_k come from the pixel's totals O and O·D.
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_shader_atomic_float : require
#extension GL_KHR_shader_subgroup_arithmetic : require
#extension GL_KHR_shader_subgroup_vote : require
#define SPLAT_FRAME_BINDING 0
#include "splat/frame.glsl"
#include "splat/projected_splat.glsl"
#include "trainer/splat_gradients.glsl"
#include "common/subgroup_transposed_sum.glsl"

layout(local_size_x = 16, local_size_y = 16) in;
layout(constant_id = 0) const uint FEATURE_CHANNELS = 3u;
// Whether losses on the blended features may reshape the blend weights (α). Off in the geometry stage: the normal
// terms supervise the normals, and letting them lower opacity (which shrinks the blended normal and its total
// variation) collapses the scene.
layout(constant_id = 1) const bool FEATURES_SHAPE_ALPHA = true;
// Whether the screen-space (geometry, opacity, colour) gradients are wanted at all. Off in the material stage,
// which keeps geometry fixed: only feature gradients are reduced, so 8 G-buffer channels stay in the fast path.
layout(constant_id = 2) const bool GEOMETRY_GRADIENTS = true;
const uint REDUCED_SPLAT_FLOATS = GEOMETRY_GRADIENTS ? SPLAT_GRADIENT_FLOATS : 0u;
// Whether the distortion term below is compiled in; off, the kernel is the one it was before the term existed.
layout(constant_id = 3) const bool DISTORTION = false;

const uint BATCH = 256u;

layout(push_constant) uniform RasterizeBackward {
    float distortionWeight;  // ∂L/∂L_p of every pixel's distortion term; 0: none
} pass;

layout(std430, binding = 1) readonly buffer Projected { ProjectedSplat projected[]; };            // [N]
layout(std430, binding = 2) readonly buffer TileRanges { uvec2 tile_ranges[]; };                  // [tiles]
layout(std430, binding = 3) readonly buffer TileSplats { uint splat_from_intersection[]; };       // [M]
layout(std430, binding = 4) readonly buffer Features { float features[]; };                       // [N, F]
layout(std430, binding = 5) readonly buffer PixelOpacity { float pixel_opacity[]; };              // [H, W]
layout(std430, binding = 6) readonly buffer PixelDepth { float pixel_depth[]; };                  // [H, W]
layout(std430, binding = 7) readonly buffer PixelTransmittance { float pixel_transmittance[]; };  // [H, W]
layout(std430, binding = 8) readonly buffer PixelLastContributor { uint pixel_last_contributor[]; }; // [H, W]
layout(std430, binding = 9) readonly buffer GradColor { float grad_color[]; };                    // [3, H, W]
layout(std430, binding = 10) readonly buffer GradOpacity { float grad_opacity[]; };               // [H, W]
layout(std430, binding = 11) readonly buffer GradDepth { float grad_depth[]; };                   // [H, W]
layout(std430, binding = 12) readonly buffer GradFeatures { float grad_features[]; };             // [F, H, W]
layout(std430, binding = 13) buffer SplatGradients { float splat_gradients[]; };                  // [N, 10] +=
layout(std430, binding = 14) buffer FeatureGradients { float feature_gradients[]; };              // [N, F] +=

shared uint batch_splat[BATCH];
shared vec4 batch_center_depth[BATCH];
shared vec4 batch_conic_opacity[BATCH];
shared vec4 batch_color[BATCH];
shared uint tile_last_contributor; // no pixel of the tile blended anything after this position

void main() {
    uvec2 tile = gl_WorkGroupID.xy;
    uvec2 pixel = tile * TILE_SIZE + gl_LocalInvocationID.xy;
    bool inside = pixel.x < frame.width && pixel.y < frame.height;
    uint plane = frame.width * frame.height;
    uint p = inside ? pixel.y * frame.width + pixel.x : 0u;
    vec2 pixelCenter = vec2(pixel) + 0.5;
    uvec2 range = tile_ranges[tile.y * frame.tilesX + tile.x];

    // Upstream gradients; depth is normalised (D/O), so split its gradient between the sums D and O.
    float finalTransmittance = inside ? pixel_transmittance[p] : 1.0;
    float transmittance = finalTransmittance;
    uint lastContributor = inside ? pixel_last_contributor[p] : 0u;
    vec3 gColor = inside ? vec3(grad_color[p], grad_color[plane + p], grad_color[2u * plane + p]) : vec3(0.0);
    float opacitySum = inside ? pixel_opacity[p] : 0.0;
    bool hasDepth = opacitySum > 1e-6;
    float gDepthOut = inside ? grad_depth[p] : 0.0;
    float gDepthSum = hasDepth ? gDepthOut / opacitySum : 0.0;
    float gOpacitySum = (inside ? grad_opacity[p] : 0.0) - (hasDepth ? gDepthOut * pixel_depth[p] / opacitySum : 0.0);
    float gFeature[FEATURE_CHANNELS];
    for (uint c = 0u; c < FEATURE_CHANNELS; ++c) {
        gFeature[c] = inside ? grad_features[c * plane + p] : 0.0;
    }
    float backgroundDot = dot(frame.background, gColor);
    float gDistortion = DISTORTION && inside && GEOMETRY_GRADIENTS ? pass.distortionWeight : 0.0;
    float depthSum = hasDepth ? pixel_depth[p] * opacitySum : 0.0;        // Σ w·z
    float behindWeight = 0.0, behindDepthSum = 0.0, behindWeightedE = 0.0; // S, Z and Σ w·e behind the current splat

    // Splats after every pixel's last contributor had no effect: start the backward walk at the tile's last one.
    if (gl_LocalInvocationIndex == 0u) {
        tile_last_contributor = 0u;
    }
    barrier();
    atomicMax(tile_last_contributor, lastContributor);
    barrier();
    uint count = min(range.y - range.x, tile_last_contributor);

    // Blends of what lies behind the current splat (R_i), and the values of the splat just behind it.
    vec3 behindColor = vec3(0.0);
    float behindDepth = 0.0, behindOpacity = 0.0;
    float behindFeature[FEATURE_CHANNELS];
    float lastFeature[FEATURE_CHANNELS];
    for (uint c = 0u; c < FEATURE_CHANNELS; ++c) {
        behindFeature[c] = 0.0;
        lastFeature[c] = 0.0;
    }
    vec3 lastColor = vec3(0.0);
    float lastDepth = 0.0, lastAlpha = 0.0;

    for (uint fromEnd = 0u; fromEnd < count; fromEnd += BATCH) {
        barrier();
        uint k = fromEnd + gl_LocalInvocationIndex;
        if (k < count) {
            uint splat = splat_from_intersection[range.x + count - 1u - k];
            ProjectedSplat s = projected[splat];
            batch_splat[gl_LocalInvocationIndex] = splat;
            batch_center_depth[gl_LocalInvocationIndex] = s.centerDepthRadius;
            batch_conic_opacity[gl_LocalInvocationIndex] = s.conicOpacity;
            batch_color[gl_LocalInvocationIndex] = s.color;
        }
        barrier();
        uint batchSize = min(BATCH, count - fromEnd);
        for (uint j = 0u; j < batchSize; ++j) {
            uint position = count - fromEnd - j; // 1-based position of this splat in the tile's list
            float gradient[SPLAT_GRADIENT_FLOATS];
            float featureGradient[FEATURE_CHANNELS];
            for (uint g = 0u; g < SPLAT_GRADIENT_FLOATS; ++g) {
                gradient[g] = 0.0;
            }
            for (uint c = 0u; c < FEATURE_CHANNELS; ++c) {
                featureGradient[c] = 0.0;
            }
            vec4 conicOpacity = batch_conic_opacity[j];
            vec2 offset = batch_center_depth[j].xy - pixelCenter;
            float gaussian;
            float alpha = (inside && position <= lastContributor) ? splat_alpha(conicOpacity, offset, gaussian) : -1.0;
            bool contributes = alpha >= 0.0;
            if (contributes) {
                transmittance /= (1.0 - alpha);
                float weight = alpha * transmittance;
                vec3 color = batch_color[j].rgb;
                float depth = batch_center_depth[j].z;
                behindColor = lastAlpha * lastColor + (1.0 - lastAlpha) * behindColor;
                behindDepth = lastAlpha * lastDepth + (1.0 - lastAlpha) * behindDepth;
                behindOpacity = lastAlpha + (1.0 - lastAlpha) * behindOpacity;
                float dAlpha = dot(color - behindColor, gColor) + (depth - behindDepth) * gDepthSum
                        + (1.0 - behindOpacity) * gOpacitySum;
                uint splat = batch_splat[j];
                for (uint c = 0u; c < FEATURE_CHANNELS; ++c) {
                    if (FEATURES_SHAPE_ALPHA) { // the features' values matter only for their effect on α
                        float value = features[splat * FEATURE_CHANNELS + c];
                        behindFeature[c] = lastAlpha * lastFeature[c] + (1.0 - lastAlpha) * behindFeature[c];
                        dAlpha += (value - behindFeature[c]) * gFeature[c];
                        lastFeature[c] = value;
                    }
                    featureGradient[c] = weight * gFeature[c];
                }
                dAlpha *= transmittance;
                dAlpha -= finalTransmittance / (1.0 - alpha) * backgroundDot;
                float dDepthDistortion = 0.0;
                if (DISTORTION && gDistortion != 0.0) {
                    float front = opacitySum - behindWeight - weight;                 // A_k
                    float frontDepth = depthSum - behindDepthSum - weight * depth;    // B_k
                    float e = 2.0 * (depth * front - frontDepth + behindDepthSum - depth * behindWeight);
                    dAlpha += gDistortion * (transmittance * e - behindWeightedE / (1.0 - alpha));
                    dDepthDistortion = gDistortion * 2.0 * weight * (front - behindWeight);
                    behindWeight += weight;
                    behindDepthSum += weight * depth;
                    behindWeightedE += weight * e;
                }
                lastColor = color;
                lastDepth = depth;
                lastAlpha = alpha;

                gradient[GRAD_COLOR] = weight * gColor.r;
                gradient[GRAD_COLOR + 1u] = weight * gColor.g;
                gradient[GRAD_COLOR + 2u] = weight * gColor.b;
                gradient[GRAD_DEPTH] = weight * gDepthSum + dDepthDistortion;
                if (conicOpacity.w * gaussian < MAX_ALPHA) { // a clamped alpha has no gradient
                    gradient[GRAD_OPACITY] = gaussian * dAlpha;
                    // α = o·exp(power): ∂α/∂power = α.
                    float dPower = alpha * dAlpha;
                    gradient[GRAD_CENTER] = -dPower * (conicOpacity.x * offset.x + conicOpacity.y * offset.y);
                    gradient[GRAD_CENTER + 1u] = -dPower * (conicOpacity.z * offset.y + conicOpacity.y * offset.x);
                    gradient[GRAD_CONIC] = -0.5 * dPower * offset.x * offset.x;
                    gradient[GRAD_CONIC + 1u] = -dPower * offset.x * offset.y;
                    gradient[GRAD_CONIC + 2u] = -0.5 * dPower * offset.y * offset.y;
                }
            }
            if (!subgroupAny(contributes)) {
                continue;
            }
            uint splat = batch_splat[j];
            if (REDUCED_SPLAT_FLOATS + FEATURE_CHANNELS <= TRANSPOSED_SUM_VALUES) {
                float values[TRANSPOSED_SUM_VALUES];
                for (uint v = 0u; v < TRANSPOSED_SUM_VALUES; ++v) {
                    values[v] = 0.0;
                }
                for (uint g = 0u; g < REDUCED_SPLAT_FLOATS; ++g) {
                    values[g] = gradient[g];
                }
                for (uint c = 0u; c < FEATURE_CHANNELS; ++c) {
                    values[REDUCED_SPLAT_FLOATS + c] = featureGradient[c];
                }
                uint first, held;
                bool owner;
                subgroup_transposed_sum(values, first, held, owner);
                for (uint v = 0u; v < TRANSPOSED_SUM_VALUES; ++v) {
                    uint at = first + v;
                    if (owner && v < held && values[v] != 0.0) {
                        if (at < REDUCED_SPLAT_FLOATS) {
                            atomicAdd(splat_gradients[splat * SPLAT_GRADIENT_FLOATS + at], values[v]);
                        } else if (at < REDUCED_SPLAT_FLOATS + FEATURE_CHANNELS) {
                            atomicAdd(feature_gradients[splat * FEATURE_CHANNELS + at - REDUCED_SPLAT_FLOATS], values[v]);
                        }
                    }
                }
            } else { // more than sixteen floats: one reduction each
                for (uint g = 0u; g < REDUCED_SPLAT_FLOATS; ++g) {
                    float sum = subgroupAdd(gradient[g]);
                    if (subgroupElect()) {
                        atomicAdd(splat_gradients[splat * SPLAT_GRADIENT_FLOATS + g], sum);
                    }
                }
                for (uint c = 0u; c < FEATURE_CHANNELS; ++c) {
                    float sum = subgroupAdd(featureGradient[c]);
                    if (subgroupElect()) {
                        atomicAdd(feature_gradients[splat * FEATURE_CHANNELS + c], sum);
                    }
                }
            }
        }
    }
}
