#version 460
// The geometry stage's alpha term (--alpha-weight): λα · mean over pixels of |O − α|, O the rendered opacity Σ w and
// α the photo's alpha, so Gaussians where the photos show nothing lose their opacity. Against a black background a
// black Gaussian costs the photometric loss nothing, and one that is lit only under another light (relighting) is
// invisible to every other term. Adds ∂L/∂O to GradOpacity (other terms write it too) and sums |O − α| for logging.
#extension GL_GOOGLE_include_directive : require
#include "trainer/target_image.glsl"
#include "trainer/loss_terms.glsl"

layout(local_size_x = 256) in;

layout(push_constant) uniform AlphaLoss {
    uint pixels;
    float weight;  // λα / (H·W)
} pass;

layout(std430, binding = 0) readonly buffer PixelOpacity { float pixel_opacity[]; };  // [H, W]
layout(std430, binding = 1) readonly buffer Target { uint target[]; };                // [H, W] RGBA8
layout(std430, binding = 2) buffer GradOpacity { float grad_opacity[]; };             // [H, W] +=
layout(std430, binding = 3) buffer LossTerms { float loss_terms[]; };                 // [LOSS_TERMS]

void main() {
    uint p = gl_GlobalInvocationID.x;
    float absolute = 0.0;
    if (p < pass.pixels) {
        float difference = pixel_opacity[p] - unpack_rgba8(target[p]).a;
        absolute = abs(difference);
        grad_opacity[p] += pass.weight * sign(difference);
    }
    ADD_LOSS_TERM(loss_terms, LOSS_ALPHA, absolute);
}
