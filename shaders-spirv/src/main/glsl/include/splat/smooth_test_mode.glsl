// Test-only specialization that makes the forward pass differentiable everywhere, for finite-difference tests of
// the backward pass (the idea of brush's smooth cutoff): no 1/255 alpha cutoff, and every splat covers every tile.
#ifndef SPLATLIGHT_SMOOTH_TEST_MODE_GLSL
#define SPLATLIGHT_SMOOTH_TEST_MODE_GLSL

layout(constant_id = 7) const bool SMOOTH_TEST_MODE = false;

#endif
