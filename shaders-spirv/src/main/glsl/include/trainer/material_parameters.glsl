// Per-Gaussian material of the material stage (design.md §1.3): 5 pre-activation floats [N, 5] — albedo logits
// (3), roughness logit, metallic logit — activated by sigmoids, roughness = 0.04 + 0.96·σ. The activated values
// are the G-buffer features 3..7 the rasterizer blends (include/light/gbuffer.glsl).
#ifndef SPLATLIGHT_MATERIAL_PARAMETERS_GLSL
#define SPLATLIGHT_MATERIAL_PARAMETERS_GLSL

const uint MATERIAL_PARAMETERS = 5u;
const float MIN_ROUGHNESS = 0.04;

float sigmoid(float x) {
    return 1.0 / (1.0 + exp(-x));
}

// Activated value of parameter k (0..4) and its derivative with respect to the logit.
float material_activate(uint k, float logit, out float derivative) {
    float s = sigmoid(logit);
    float scale = k == 3u ? 1.0 - MIN_ROUGHNESS : 1.0;
    derivative = scale * s * (1.0 - s);
    return (k == 3u ? MIN_ROUGHNESS : 0.0) + scale * s;
}

#endif
