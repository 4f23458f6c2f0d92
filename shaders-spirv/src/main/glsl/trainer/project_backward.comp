#version 460
// Backward of project_forward: chains each splat's screen-space gradient (rasterize_backward) to its parameters:
// conic → 2D covariance (inverse), → Jacobian and 3D covariance (Σ' = T Σ Tᵀ, T = J W), → scale and rotation
// (Σ = M Mᵀ, M = R S), → mean (projection, depth, and the SH view direction), → SH coefficients, → opacity logit.
#extension GL_GOOGLE_include_directive : require
#define SPLAT_FRAME_BINDING 0
#include "splat/frame.glsl"
#include "splat/projected_splat.glsl"
#include "splat/spherical_harmonics.glsl"
#include "splat/covariance.glsl"
#include "splat/projection.glsl"
#include "trainer/splat_gradients.glsl"

layout(local_size_x = 256) in;

layout(std430, binding = 1) readonly buffer Means { float means[]; };                      // [N, 3]
layout(std430, binding = 2) readonly buffer LogScales { float log_scales[]; };             // [N, 3]
layout(std430, binding = 3) readonly buffer Rotations { vec4 rotations[]; };               // [N]
layout(std430, binding = 4) readonly buffer OpacityLogits { float opacity_logits[]; };     // [N]
layout(std430, binding = 5) readonly buffer ShCoefficients { float sh[]; };                // [N, 16, 3]
layout(std430, binding = 6) readonly buffer Projected { ProjectedSplat projected[]; };     // [N]
layout(std430, binding = 7) readonly buffer SplatGradients { float splat_gradients[]; };   // [N, 10]
layout(std430, binding = 8) writeonly buffer GradMeans { float grad_means[]; };            // [N, 3]
layout(std430, binding = 9) writeonly buffer GradLogScales { float grad_log_scales[]; };   // [N, 3]
layout(std430, binding = 10) writeonly buffer GradRotations { vec4 grad_rotations[]; };    // [N]
layout(std430, binding = 11) writeonly buffer GradOpacityLogits { float grad_opacity_logits[]; }; // [N]
layout(std430, binding = 12) writeonly buffer GradSh { float grad_sh[]; };                 // [N, 16, 3]

void write_zero(uint i) {
    for (uint a = 0u; a < 3u; ++a) {
        grad_means[3u * i + a] = 0.0;
        grad_log_scales[3u * i + a] = 0.0;
    }
    grad_rotations[i] = vec4(0.0);
    grad_opacity_logits[i] = 0.0;
    for (uint k = 0u; k < 48u; ++k) {
        grad_sh[48u * i + k] = 0.0;
    }
}

float gradient(uint i, uint at) {
    return splat_gradients[i * SPLAT_GRADIENT_FLOATS + at];
}

// ∂L/∂(a, b, c) of the dilated 2D covariance from ∂L/∂(A, B, C) of its inverse (A, B, C) = (c, −b, a) / det.
vec3 conic_vjp(vec3 cov, vec3 dConic) {
    float a = cov.x, b = cov.y, c = cov.z;
    float det = a * c - b * b;
    float inv2 = 1.0 / (det * det);
    return inv2 * vec3(
        -c * c * dConic.x + b * c * dConic.y - b * b * dConic.z,
        2.0 * b * c * dConic.x - (a * c + b * b) * dConic.y + 2.0 * a * b * dConic.z,
        -b * b * dConic.x + a * b * dConic.y - a * a * dConic.z);
}

void main() {
    uint i = gl_GlobalInvocationID.x;
    if (i >= frame.splatCount) {
        return;
    }
    ProjectedSplat p = projected[i];
    if (p.centerDepthRadius.w <= 0.0) {
        write_zero(i);
        return;
    }
    vec3 mean = vec3(means[3u * i], means[3u * i + 1u], means[3u * i + 2u]);
    mat3 view = mat3(frame.viewFromWorld);
    vec3 t = (frame.viewFromWorld * vec4(mean, 1.0)).xyz;
    vec3 scale = exp(vec3(log_scales[3u * i], log_scales[3u * i + 1u], log_scales[3u * i + 2u]));
    vec4 q = rotations[i];
    mat3 rotation = quaternion_to_rotation(q);
    mat3 m = rotation * mat3(scale.x, 0.0, 0.0, 0.0, scale.y, 0.0, 0.0, 0.0, scale.z);
    mat3 sigma = m * transpose(m);

    // Jacobian at the (clamped) point, as in the forward pass.
    float z = t.z;
    float limitX = 1.3 * frame.tanHalfFovX, limitY = 1.3 * frame.tanHalfFovY;
    bool clampedX = abs(t.x / z) > limitX, clampedY = abs(t.y / z) > limitY;
    float x = clamp(t.x / z, -limitX, limitX) * z;
    float y = clamp(t.y / z, -limitY, limitY) * z;
    mat3 jacobian = mat3(frame.fx / z, 0.0, 0.0, 0.0, frame.fy / z, 0.0,
                         -frame.fx * x / (z * z), -frame.fy * y / (z * z), 0.0);
    mat3 tm = jacobian * view;
    mat3 cov2 = tm * sigma * transpose(tm);
    vec3 cov = vec3(cov2[0][0] + LOW_PASS_DILATION, cov2[0][1], cov2[1][1] + LOW_PASS_DILATION);

    // conic → 2D covariance → T and Σ, with V the symmetric gradient of the 2×2 block.
    vec3 dCov = conic_vjp(cov, vec3(gradient(i, GRAD_CONIC), gradient(i, GRAD_CONIC + 1u), gradient(i, GRAD_CONIC + 2u)));
    mat3 v = mat3(dCov.x, 0.5 * dCov.y, 0.0, 0.5 * dCov.y, dCov.z, 0.0, 0.0, 0.0, 0.0);
    mat3 dT = 2.0 * v * tm * sigma;
    mat3 dSigma = transpose(tm) * v * tm;
    mat3 dJ = dT * transpose(view);

    // Camera-space mean: through J, the pixel centre, and the depth.
    vec3 dt = vec3(0.0);
    float z2 = z * z, z3 = z2 * z;
    dt.x += clampedX ? 0.0 : dJ[2][0] * (-frame.fx / z2);
    dt.y += clampedY ? 0.0 : dJ[2][1] * (-frame.fy / z2);
    // With the point clamped, x = limit·z, so J02 = −fx·limit/z and ∂J02/∂z = fx·x/z³ (not 2·fx·x/z³).
    dt.z += dJ[0][0] * (-frame.fx / z2) + dJ[1][1] * (-frame.fy / z2)
            + dJ[2][0] * (clampedX ? 1.0 : 2.0) * frame.fx * x / z3 + dJ[2][1] * (clampedY ? 1.0 : 2.0) * frame.fy * y / z3;
    vec2 dCenter = vec2(gradient(i, GRAD_CENTER), gradient(i, GRAD_CENTER + 1u));
    dt.x += dCenter.x * frame.fx / z;
    dt.y += dCenter.y * frame.fy / z;
    dt.z += -(dCenter.x * frame.fx * t.x + dCenter.y * frame.fy * t.y) / z2 + gradient(i, GRAD_DEPTH);
    vec3 dMean = transpose(view) * dt;

    // Σ = M Mᵀ, M = R S.
    mat3 dM = 2.0 * dSigma * m;
    mat3 rtdM = transpose(rotation) * dM;
    vec3 dScale = vec3(rtdM[0][0], rtdM[1][1], rtdM[2][2]);
    mat3 dRotation = dM * mat3(scale.x, 0.0, 0.0, 0.0, scale.y, 0.0, 0.0, 0.0, scale.z);
    vec4 dq = quaternion_to_rotation_vjp(q, dRotation);

    // Colour: clamped channels pass no gradient; SH coefficients, then the view direction.
    uint clamped = floatBitsToUint(p.color.w);
    vec3 dColor = vec3(gradient(i, GRAD_COLOR), gradient(i, GRAD_COLOR + 1u), gradient(i, GRAD_COLOR + 2u));
    dColor *= vec3((clamped & 1u) == 0u ? 1.0 : 0.0, (clamped & 2u) == 0u ? 1.0 : 0.0, (clamped & 4u) == 0u ? 1.0 : 0.0);
    vec3 toSplat = mean - frame.cameraPosition;
    vec3 direction = normalize(toSplat);
    float basis[16];
    vec3 dBasis[16];
    sh_basis(frame.shDegree, direction, basis);
    sh_basis_gradient(frame.shDegree, direction, dBasis);
    uint coefficients = (frame.shDegree + 1u) * (frame.shDegree + 1u);
    vec3 dDirection = vec3(0.0);
    for (uint k = 0u; k < 16u; ++k) {
        uint at = (i * 16u + k) * 3u;
        bool used = k < coefficients;
        grad_sh[at] = used ? basis[k] * dColor.r : 0.0;
        grad_sh[at + 1u] = used ? basis[k] * dColor.g : 0.0;
        grad_sh[at + 2u] = used ? basis[k] * dColor.b : 0.0;
        if (used) {
            dDirection += dBasis[k] * dot(vec3(sh[at], sh[at + 1u], sh[at + 2u]), dColor);
        }
    }
    dMean += (dDirection - direction * dot(direction, dDirection)) / length(toSplat);

    float opacity = p.conicOpacity.w;
    for (uint a = 0u; a < 3u; ++a) {
        grad_means[3u * i + a] = dMean[a];
        grad_log_scales[3u * i + a] = dScale[a] * scale[a];
    }
    grad_rotations[i] = dq;
    grad_opacity_logits[i] = gradient(i, GRAD_OPACITY) * opacity * (1.0 - opacity);
}
