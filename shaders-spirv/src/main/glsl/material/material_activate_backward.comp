#version 460
// ∂L/∂logits from ∂L/∂features (columns 3..7 of [N, 8]) through the activations of material_parameters.glsl; when
// the stage learns normals, ∂L/∂(normal parameters) from columns 0..2 plus the anchor λ·mean_i(1 − n_i·n0_i),
// through n = p / |p|: ∂L/∂p = (I − n nᵀ)·∂L/∂n / |p|.
#extension GL_GOOGLE_include_directive : require
#include "trainer/material_parameters.glsl"
layout(local_size_x = 256) in;

layout(push_constant) uniform MaterialActivateBackward {
    uint count;          // Gaussians
    uint learnNormals;
    float anchorScale;   // λ / N
} pass;

layout(std430, binding = 0) readonly buffer MaterialLogits { float logits[]; };            // [N, 5]
layout(std430, binding = 1) readonly buffer FeatureGradients { float feature_gradients[]; }; // [N, 8]
layout(std430, binding = 2) writeonly buffer LogitGradients { float logit_gradients[]; };  // [N, 5]
layout(std430, binding = 3) readonly buffer Normals { float normals[]; };                  // [N, 3] unnormalised
layout(std430, binding = 4) readonly buffer AnchorNormals { float anchor_normals[]; };     // [N, 3] n0
layout(std430, binding = 5) writeonly buffer NormalGradients { float normal_gradients[]; }; // [N, 3]

void main() {
    uint i = gl_GlobalInvocationID.x;
    if (i >= pass.count) {
        return;
    }
    for (uint k = 0u; k < MATERIAL_PARAMETERS; ++k) {
        float derivative;
        material_activate(k, logits[MATERIAL_PARAMETERS * i + k], derivative);
        logit_gradients[MATERIAL_PARAMETERS * i + k] = derivative * feature_gradients[8u * i + 3u + k];
    }
    if (pass.learnNormals != 0u) {
        vec3 p = vec3(normals[3u * i], normals[3u * i + 1u], normals[3u * i + 2u]);
        float length2 = dot(p, p);
        vec3 gradient = vec3(0.0);
        if (length2 > 1e-20) {
            float norm = sqrt(length2);
            vec3 n = p / norm;
            vec3 anchor = vec3(anchor_normals[3u * i], anchor_normals[3u * i + 1u], anchor_normals[3u * i + 2u]);
            vec3 dn = vec3(feature_gradients[8u * i], feature_gradients[8u * i + 1u], feature_gradients[8u * i + 2u])
                    - pass.anchorScale * anchor;
            gradient = (dn - n * dot(n, dn)) / norm;
        }
        normal_gradients[3u * i] = gradient.x;
        normal_gradients[3u * i + 1u] = gradient.y;
        normal_gradients[3u * i + 2u] = gradient.z;
    }
}
