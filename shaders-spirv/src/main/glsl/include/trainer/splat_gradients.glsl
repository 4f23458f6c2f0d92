// Screen-space gradient of one splat, as rasterize_backward accumulates it and project_backward reads it:
// 10 floats per splat, [N, 10].
#ifndef SPLATLIGHT_SPLAT_GRADIENTS_GLSL
#define SPLATLIGHT_SPLAT_GRADIENTS_GLSL

const uint GRAD_CENTER = 0u;   // ∂L/∂(pixel x, pixel y)
const uint GRAD_CONIC = 2u;    // ∂L/∂(conic xx, xy, yy)
const uint GRAD_OPACITY = 5u;  // ∂L/∂opacity (after the sigmoid)
const uint GRAD_COLOR = 6u;    // ∂L/∂(r, g, b) (after SH, offset and clamp)
const uint GRAD_DEPTH = 9u;    // ∂L/∂camera z, through the blended depth
const uint SPLAT_GRADIENT_FLOATS = 10u;

#endif
