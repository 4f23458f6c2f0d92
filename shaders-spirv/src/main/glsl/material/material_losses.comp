#version 460
// The material stage's per-pixel losses (design.md §1.3, GS-IR stage 2) and their gradients:
//   photometric  mean over pixels and channels of |min(P, 1)·O + bg·(1 − O) − photo|, P = sRGB(shaded) with --gamma;
//                where the photo clipped (a channel and alpha at 255) 1 + clipMargin stands for both 1s
//   smoothness   λtv · mean over pixel pairs and the 5 material channels of w·|s(q) − s(p)|, m = G-buffer / O, over
//                covered pairs, w the photo's edge weight; s = log(max(m, 0.01)) for albedo, m for roughness and
//                metallic
//   prior        λprior · Σ over covered pixels of (1 − roughness) + metallic, divided by the pixel count
// Writes ∂L/∂shaded ([3, H, W], for shade_gbuffer_backward) and ∂L/∂(G-buffer sums) of these terms ([8, H, W];
// the shading backward adds its own part). Gathered per pixel, no atomics.
#extension GL_GOOGLE_include_directive : require
#include "common/srgb.glsl"
#include "light/gbuffer.glsl"
#include "trainer/target_image.glsl"
#include "trainer/loss_terms.glsl"
layout(local_size_x = 256) in;

layout(push_constant) uniform MaterialLosses {
    uint width;
    uint height;
    uint gamma;             // 1: compare sRGB(shaded) with the photo; 0: shaded as it is
    float smoothnessWeight; // λtv
    float priorWeight;      // λprior
    float backgroundR;
    float backgroundG;
    float backgroundB;
    float clipMargin;       // a clipped photo channel asks for at least 1 + this (0: at least 1)
} pass;

layout(std430, binding = 0) readonly buffer Shaded { float shaded[]; };              // [3, H, W] linear
layout(std430, binding = 1) readonly buffer Features { float features[]; };          // [8, H, W] Σ w·f
layout(std430, binding = 2) readonly buffer PixelOpacity { float pixel_opacity[]; }; // [H, W]
layout(std430, binding = 3) readonly buffer Target { uint target[]; };               // [H, W] RGBA8
layout(std430, binding = 4) writeonly buffer GradShaded { float grad_shaded[]; };    // [3, H, W]
layout(std430, binding = 5) writeonly buffer GradFeatures { float grad_features[]; }; // [8, H, W]
layout(std430, binding = 6) buffer LossTerms { float loss_terms[]; };                // [LOSS_TERMS]

uint plane() {
    return pass.width * pass.height;
}

bool covered(uint p) {
    return pixel_opacity[p] > GBUFFER_MIN_COVERAGE;
}

float material(uint channel, uint p) {
    return features[channel * plane() + p] / pixel_opacity[p];
}

float edge_weight(uint p, uint q) {
    return target_edge_weight(target[p], target[q], vec3(pass.backgroundR, pass.backgroundG, pass.backgroundB));
}

const float ALBEDO_LOG_FLOOR = 0.01;

// The value channel k (0..4: albedo RGB, roughness, metallic) is smoothed in, and its derivative by m. Albedo is
// smoothed in log space: TV of albedo itself is smaller for a darker albedo, so under the albedo × light ambiguity
// it pushed every albedo down and the light up (trio: albedo ~3× too dark); TV of log albedo is scale-invariant.
float smoothed(uint k, uint p, out float derivative) {
    float m = material(GBUFFER_ALBEDO + k, p);
    if (k >= 3u) {
        derivative = 1.0;
        return m;
    }
    derivative = m > ALBEDO_LOG_FLOOR ? 1.0 / m : 0.0;
    return log(max(m, ALBEDO_LOG_FLOOR));
}

// Adds the smoothness terms of pair (p, q) this pixel p takes part in: its value (when p is the pair's first) and
// ∂/∂m(p) for each material channel.
void smoothness_pair(uint p, uint q, bool first, inout float value, inout float gradient[5]) {
    if (!covered(q)) {
        return;
    }
    float w = edge_weight(min(p, q), max(p, q));
    float scale = pass.smoothnessWeight / (5.0 * float(plane()));
    for (uint k = 0u; k < 5u; ++k) {
        float derivative, unused;
        float d = smoothed(k, p, derivative) - smoothed(k, q, unused);
        gradient[k] += scale * w * sign(d) * derivative;
        value += first ? w * abs(d) : 0.0;
    }
}

void main() {
    uint p = gl_GlobalInvocationID.x;
    float l1 = 0.0, squared = 0.0, smoothness = 0.0;
    if (p < plane()) {
        float opacity = pixel_opacity[p];
        vec3 background = vec3(pass.backgroundR, pass.backgroundG, pass.backgroundB);
        vec3 photo = target_color(target[p], background);
        vec4 photoRgba = unpack_rgba8(target[p]);
        float photometricScale = 1.0 / (3.0 * float(plane()));
        for (uint c = 0u; c < 3u; ++c) {
            float linear = shaded[c * plane() + p];
            float display = pass.gamma != 0u ? srgb_encode(linear) : linear;
            float derivative = pass.gamma != 0u ? srgb_encode_derivative(linear) : 1.0;
            // Photos clip at 1: a prediction above 1 matches a clipped pixel, and is only pulled down where the
            // photo is darker (otherwise a reflected sun of radiance 30,000 would dominate the loss). A channel the
            // photo clipped may ask for a margin more, its truth being anywhere above.
            bool clipped = photoRgba[c] == 1.0 && photoRgba.a == 1.0;
            float ceiling = clipped ? 1.0 + pass.clipMargin : 1.0;
            float goal = clipped ? ceiling : photo[c];
            float diff = min(display, ceiling) * opacity + background[c] * (1.0 - opacity) - goal;
            bool clippedMatch = display > ceiling && diff <= 0.0;
            l1 += abs(diff);
            squared += diff * diff;
            grad_shaded[c * plane() + p] = clippedMatch ? 0.0 : photometricScale * sign(diff) * opacity * derivative;
        }
        float gradient[5] = float[5](0.0, 0.0, 0.0, 0.0, 0.0);
        if (covered(p)) {
            uint x = p % pass.width, y = p / pass.width;
            if (x + 1u < pass.width) smoothness_pair(p, p + 1u, true, smoothness, gradient);
            if (x > 0u) smoothness_pair(p, p - 1u, false, smoothness, gradient);
            if (y + 1u < pass.height) smoothness_pair(p, p + pass.width, true, smoothness, gradient);
            if (y > 0u) smoothness_pair(p, p - pass.width, false, smoothness, gradient);
            float priorScale = pass.priorWeight / float(plane());
            gradient[3] -= priorScale;   // (1 − roughness)
            gradient[4] += priorScale;   // metallic
            for (uint k = 0u; k < 5u; ++k) {
                gradient[k] /= opacity;  // m = sum / O
            }
        }
        for (uint c = 0u; c < GBUFFER_ALBEDO; ++c) {
            grad_features[c * plane() + p] = 0.0;
        }
        for (uint k = 0u; k < 5u; ++k) {
            grad_features[(GBUFFER_ALBEDO + k) * plane() + p] = gradient[k];
        }
    }
    ADD_LOSS_TERM(loss_terms, LOSS_L1, l1);
    ADD_LOSS_TERM(loss_terms, LOSS_SQUARED_ERROR, squared);
    ADD_LOSS_TERM(loss_terms, LOSS_MATERIAL_TV, smoothness);
}
