#version 460
// ∂L/∂(rendered normals) for the geometry stage's normal terms (GS-IR):
//   consistency  λn · mean over valid pixels and channels of c_p·|N − N_depth|   (N_depth is a constant target),
//                c_p = 1 − (1 − k)·R_p for a mirror (R_p: the pixel's blended reflection strength, held constant; k: the
//                share of the consistency a mirror keeps), since a mirror's rendered depth is not its surface: its
//                reflection forms inside it, and the depth's normals there point anywhere
//   smoothness   λtv · mean over pixels and channels of w·|N(p + e) − N(p)|, e ∈ {x, y},
//                w = exp(−mean_c |I(p + e) − I(p)|) from the photo, so photo edges may keep normal edges,
//                times 1 − (1 − s)·R for a mirror (R: the larger blended reflection strength of the pair, feature
//                plane 3 with reflections, held constant; s: the smoothness a mirror gets as a share of other
//                surfaces', 0..10), since smoothing normals in image space leans them towards the cameras, which a
//                mirror pays for twice, yet holds its shape together; on a mirror w itself becomes
//                w + (1 − w)(1 − e)·R (e: the share of the photo's edges the smoothness keeps there), since the edges
//                a mirror shows are its reflection's, not its shape's.
// With depth coupling δ > 0 the consistency also writes δ·∂/∂N_depth (world) to GradDepthNormals, which
// trainer/depth_normals_backward.comp carries into the depth: the depth then moves towards agreeing with the normals
// too, as in 2DGS (GS-IR holds N_depth fixed: δ = 0).
// Gathered per pixel from the pairs it belongs to, so no atomics.
#extension GL_GOOGLE_include_directive : require
#include "trainer/target_image.glsl"
#include "trainer/loss_terms.glsl"

layout(local_size_x = 256) in;

layout(push_constant) uniform NormalLosses {
    uint width;
    uint height;
    float consistencyWeight;  // λn
    float smoothnessWeight;   // λtv
    float backgroundR;
    float backgroundG;
    float backgroundB;
    uint hasReflection;        // 1: the features' plane 3 is the reflection strength
    float reflectionSmoothness; // s
    float reflectionConsistency; // k
    float depthCoupling;         // δ
    float reflectionEdges;       // e
} pass;

layout(std430, binding = 0) readonly buffer Normals { float normals[]; };             // [3 or 4, H, W] rendered features
layout(std430, binding = 1) readonly buffer DepthNormals { float depth_normals[]; };  // [3, H, W]
layout(std430, binding = 2) readonly buffer Target { uint target[]; };                // [H, W] RGBA8
layout(std430, binding = 3) writeonly buffer GradNormals { float grad_normals[]; };   // [3, H, W]
layout(std430, binding = 4) buffer LossTerms { float loss_terms[]; };                 // [LOSS_TERMS]
layout(std430, binding = 5) writeonly buffer GradDepthNormals { float grad_depth_normals[]; }; // [3, H, W], δ > 0

float edge_weight(uint p, uint q) {
    return target_edge_weight(target[p], target[q], vec3(pass.backgroundR, pass.backgroundG, pass.backgroundB));
}

// The pixel's blended reflection strength R in [0, 1] (feature plane 3); 0 without reflections.
float reflection_at(uint p) {
    return pass.hasReflection == 0u ? 0.0 : clamp(normals[3u * pass.width * pass.height + p], 0.0, 1.0);
}

// The pixel's consistency weight c_p: 1, less for a mirror.
float consistency_weight(uint p) {
    return 1.0 - (1.0 - pass.reflectionConsistency) * reflection_at(p);
}

// The pair's smoothness weight: the photo's edge weight (blind to a mirror's edges with e < 1), scaled for a mirror.
float pair_weight(uint p, uint q) {
    float r = max(reflection_at(p), reflection_at(q));
    float w = edge_weight(p, q);
    w += (1.0 - w) * (1.0 - pass.reflectionEdges) * r;
    return w * (1.0 - (1.0 - pass.reflectionSmoothness) * r);
}

vec3 normal_at(uint p) {
    uint plane = pass.width * pass.height;
    return vec3(normals[p], normals[plane + p], normals[2u * plane + p]);
}

void main() {
    uint p = gl_GlobalInvocationID.x;
    uint plane = pass.width * pass.height;
    bool inside = p < plane;
    float consistency = 0.0, smoothness = 0.0;
    if (inside) {
        uint x = p % pass.width, y = p / pass.width;
        vec3 n = normal_at(p);
        vec3 gradient = vec3(0.0), gradientFromDepth = vec3(0.0);
        vec3 target = vec3(depth_normals[p], depth_normals[plane + p], depth_normals[2u * plane + p]);
        float validCount = max(loss_terms[LOSS_VALID_NORMALS], 1.0);
        if (target != vec3(0.0)) {
            float c = consistency_weight(p);
            consistency = c * dot(abs(n - target), vec3(1.0));
            vec3 gradConsistency = pass.consistencyWeight * c * sign(n - target) / (3.0 * validCount); // ∂/∂N
            gradient += gradConsistency;
            gradientFromDepth = -pass.depthCoupling * gradConsistency;                                 // δ·∂/∂N_depth
        }
        if (pass.depthCoupling > 0.0) {
            grad_depth_normals[p] = gradientFromDepth.x;
            grad_depth_normals[plane + p] = gradientFromDepth.y;
            grad_depth_normals[2u * plane + p] = gradientFromDepth.z;
        }
        float tvScale = pass.smoothnessWeight / (3.0 * float(plane));
        if (x + 1u < pass.width) {       // pair (p, p + x): this pixel is the first
            float w = pair_weight(p, p + 1u);
            vec3 d = normal_at(p + 1u) - n;
            smoothness += w * dot(abs(d), vec3(1.0));
            gradient -= tvScale * w * sign(d);
        }
        if (x > 0u) {                    // pair (p − x, p): the second
            gradient += tvScale * pair_weight(p - 1u, p) * sign(n - normal_at(p - 1u));
        }
        if (y + 1u < pass.height) {
            float w = pair_weight(p, p + pass.width);
            vec3 d = normal_at(p + pass.width) - n;
            smoothness += w * dot(abs(d), vec3(1.0));
            gradient -= tvScale * w * sign(d);
        }
        if (y > 0u) {
            gradient += tvScale * pair_weight(p - pass.width, p) * sign(n - normal_at(p - pass.width));
        }
        grad_normals[p] = gradient.x;
        grad_normals[plane + p] = gradient.y;
        grad_normals[2u * plane + p] = gradient.z;
    }
    ADD_LOSS_TERM(loss_terms, LOSS_NORMAL_CONSISTENCY, consistency);
    ADD_LOSS_TERM(loss_terms, LOSS_NORMAL_TV, smoothness);
}
