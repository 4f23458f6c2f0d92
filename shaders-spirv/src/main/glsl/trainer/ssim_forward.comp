#version 460
// SSIM, step 2: per pixel and channel, s = (2μxμy + C1)(2σxy + C2) / ((μx² + μy² + C1)(σx² + σy² + C2)) from the
// window-averaged moments, its sum (for the loss), and g·∂s/∂(μx, E[x²], E[xy]) with g = ∂L/∂s, which the
// backward blurs once more and combines (photometric_backward.comp). Wang et al. 2004; 3DGS's constants.
#extension GL_GOOGLE_include_directive : require
#include "trainer/loss_terms.glsl"

layout(local_size_x = 256) in;

layout(push_constant) uniform Ssim {
    uint width;
    uint height;
    float lossWeight;   // g = ∂L/∂s for every pixel and channel: −λ / (3·H·W)
} pass;

layout(std430, binding = 0) readonly buffer Averages { float averages[]; };   // [15, H, W] blurred moments
layout(std430, binding = 1) writeonly buffer Partials { float partials[]; };  // [9, H, W]: per channel g·∂s/∂(μx, Exx, Exy)
layout(std430, binding = 2) buffer LossTerms { float loss_terms[]; };         // [LOSS_TERMS]

const float C1 = 0.01 * 0.01;
const float C2 = 0.03 * 0.03;

void main() {
    uint p = gl_GlobalInvocationID.x;
    uint plane = pass.width * pass.height;
    bool inside = p < plane;
    float ssimSum = 0.0;
    if (inside) {
        for (uint c = 0u; c < 3u; ++c) {
            uint base = 5u * c * plane + p;
            float mx = averages[base], my = averages[base + plane];
            float exx = averages[base + 2u * plane], eyy = averages[base + 3u * plane], exy = averages[base + 4u * plane];
            float a = 2.0 * mx * my + C1;
            float b = 2.0 * (exy - mx * my) + C2;
            float cc = mx * mx + my * my + C1;
            float d = (exx - mx * mx) + (eyy - my * my) + C2;
            float s = a * b / (cc * d);
            ssimSum += s;
            float g = pass.lossWeight * s;
            uint out0 = 3u * c * plane + p;
            partials[out0] = g * (2.0 * my / a - 2.0 * my / b - 2.0 * mx / cc + 2.0 * mx / d);
            partials[out0 + plane] = g * (-1.0 / d);
            partials[out0 + 2u * plane] = g * (2.0 / b);
        }
    }
    ADD_LOSS_TERM(loss_terms, LOSS_SSIM, ssimSum);
}
