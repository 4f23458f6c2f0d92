#version 460
// ∂L/∂logits from ∂L/∂features (columns 3..7 of [N, 8]) through the activations of material_parameters.glsl.
#extension GL_GOOGLE_include_directive : require
#include "trainer/material_parameters.glsl"
layout(local_size_x = 256) in;

layout(push_constant) uniform MaterialActivateBackward {
    uint count;  // Gaussians
} pass;

layout(std430, binding = 0) readonly buffer MaterialLogits { float logits[]; };            // [N, 5]
layout(std430, binding = 1) readonly buffer FeatureGradients { float feature_gradients[]; }; // [N, 8]
layout(std430, binding = 2) writeonly buffer LogitGradients { float logit_gradients[]; };  // [N, 5]

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
}
