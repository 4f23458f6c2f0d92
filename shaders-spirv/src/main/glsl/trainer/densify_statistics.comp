#version 460
// Densification statistics after each backward (3DGS): for splats visible in this view, add the norm of the
// gradient of the loss with respect to the projected centre in NDC units, count the view, keep the largest
// screen radius.
#extension GL_GOOGLE_include_directive : require
#define SPLAT_FRAME_BINDING 0
#include "splat/frame.glsl"
#include "splat/projected_splat.glsl"
#include "trainer/splat_gradients.glsl"

layout(local_size_x = 256) in;

layout(std430, binding = 1) readonly buffer Projected { ProjectedSplat projected[]; };    // [N]
layout(std430, binding = 2) readonly buffer SplatGradients { float splat_gradients[]; };  // [N, 10]
layout(std430, binding = 3) buffer Statistics { vec4 statistics[]; };                      // [N] (Σ|∇|, views, max radius, 0)

void main() {
    uint i = gl_GlobalInvocationID.x;
    if (i >= frame.splatCount) {
        return;
    }
    float radius = projected[i].centerDepthRadius.w;
    if (radius <= 0.0) {
        return;
    }
    // pixel = ((ndc + 1)·size − 1) / 2, so ∂L/∂ndc = ∂L/∂pixel · size / 2: the unit of 3DGS's 0.0002 threshold.
    vec2 gradient = vec2(splat_gradients[i * SPLAT_GRADIENT_FLOATS + GRAD_CENTER],
                         splat_gradients[i * SPLAT_GRADIENT_FLOATS + GRAD_CENTER + 1u])
                    * 0.5 * vec2(frame.width, frame.height);
    vec4 s = statistics[i];
    statistics[i] = vec4(s.x + length(gradient), s.y + 1.0, max(s.z, radius), 0.0);
}
