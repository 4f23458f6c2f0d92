// A Gaussian after projection: what tile binning and blending read. std430, 48 bytes.
#ifndef SPLATLIGHT_PROJECTED_SPLAT_GLSL
#define SPLATLIGHT_PROJECTED_SPLAT_GLSL

#include "splat/smooth_test_mode.glsl"

const uint TILE_SIZE = 16u; // pixels per tile side; the blend kernel's workgroup is TILE_SIZE × TILE_SIZE

// Blending thresholds (3DGS), shared by the forward and backward blend.
const float MIN_ALPHA = 1.0 / 255.0;      // contributions below this are skipped
const float MAX_ALPHA = 0.99;             // keeps T > 0 for the backward pass's division
const float MIN_TRANSMITTANCE = 1e-4;     // a pixel stops once T would fall below this

// Opacity of a splat at a pixel offset (centre − pixel); negative when the splat does not contribute.
float splat_alpha(vec4 conicOpacity, vec2 offset, out float gaussian) {
    float power = -0.5 * (conicOpacity.x * offset.x * offset.x + conicOpacity.z * offset.y * offset.y)
            - conicOpacity.y * offset.x * offset.y;
    gaussian = exp(power);
    float alpha = min(MAX_ALPHA, conicOpacity.w * gaussian);
    // Written so that NaN fails the test: !(x >= y) is true for NaN.
    if (!(power <= 0.0) || !(alpha >= (SMOOTH_TEST_MODE ? 0.0 : MIN_ALPHA))) {
        return -1.0;
    }
    return alpha;
}

struct ProjectedSplat {
    vec4 centerDepthRadius;  // pixel x, pixel y, camera z, radius in pixels (0: culled)
    vec4 conicOpacity;       // inverse 2D covariance (xx, xy, yy), opacity after the sigmoid
    vec4 color;              // rgb after SH evaluation, +0.5 and clamping; w: bit c set when channel c was clamped
};

#endif
