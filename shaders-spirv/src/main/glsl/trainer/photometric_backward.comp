#version 460
// ∂L/∂render for L = (1 − λ)·mean|x − y| + λ·(1 − mean SSIM): the L1 sign term plus the SSIM chain
// ∂L/∂x = G ⋆ (g ∂s/∂μx) + 2x · G ⋆ (g ∂s/∂Exx) + y · G ⋆ (g ∂s/∂Exy), the blurred partials coming in.
// Also sums |x − y| and (x − y)² for logging and PSNR.
#extension GL_GOOGLE_include_directive : require
#include "trainer/target_image.glsl"
#include "trainer/loss_terms.glsl"

layout(local_size_x = 256) in;

layout(push_constant) uniform Photometric {
    uint width;
    uint height;
    float backgroundR;
    float backgroundG;
    float backgroundB;
    float l1Weight;     // (1 − λ) / (3·H·W)
} pass;

layout(std430, binding = 0) readonly buffer Render { float render[]; };                  // [3, H, W]
layout(std430, binding = 1) readonly buffer Target { uint target[]; };                   // [H, W] RGBA8
layout(std430, binding = 2) readonly buffer BlurredPartials { float blurred_partials[]; }; // [9, H, W]
layout(std430, binding = 3) writeonly buffer GradColor { float grad_color[]; };          // [3, H, W]
layout(std430, binding = 4) buffer LossTerms { float loss_terms[]; };                    // [LOSS_TERMS]

void main() {
    uint p = gl_GlobalInvocationID.x;
    uint plane = pass.width * pass.height;
    bool inside = p < plane;
    float absolute = 0.0, squared = 0.0;
    if (inside) {
        vec3 y = target_color(target[p], vec3(pass.backgroundR, pass.backgroundG, pass.backgroundB));
        for (uint c = 0u; c < 3u; ++c) {
            float x = render[c * plane + p];
            float difference = x - y[c];
            absolute += abs(difference);
            squared += difference * difference;
            uint b = 3u * c * plane + p;
            float ssimGradient = blurred_partials[b] + 2.0 * x * blurred_partials[b + plane] + y[c] * blurred_partials[b + 2u * plane];
            grad_color[c * plane + p] = pass.l1Weight * sign(difference) + ssimGradient;
        }
    }
    ADD_LOSS_TERM(loss_terms, LOSS_L1, absolute);
    ADD_LOSS_TERM(loss_terms, LOSS_SQUARED_ERROR, squared);
}
