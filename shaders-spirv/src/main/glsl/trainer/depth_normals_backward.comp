#version 460
// ∂L/∂(rendered depth) through the normals of the depth (trainer/depth_normals.comp), given ∂L/∂(depth normal) per
// pixel in world space: world = Rᵀ n/|n|, n = ddy × ddx, the tangents differences of back-projected points z·ray.
// Gathered per pixel q from the (up to five) pixels whose normal read its depth, so no atomics; adds to GradDepth.
#extension GL_GOOGLE_include_directive : require
#define SPLAT_FRAME_BINDING 0
#define DEPTH_BINDING 1
#include "splat/frame.glsl"
#include "trainer/depth_normal_geometry.glsl"

layout(local_size_x = 256) in;

layout(std430, binding = 2) readonly buffer DepthNormals { float depth_normals[]; };      // [3, H, W], 0 = none
layout(std430, binding = 3) readonly buffer GradDepthNormals { float grad_normals[]; };   // [3, H, W] world
layout(std430, binding = 4) buffer GradDepth { float grad_depth[]; };                     // [H, W], added to

// ∂L/∂ddx and ∂L/∂ddy of pixel (x, y)'s normal, and its tangents; false where it has no normal.
bool tangent_gradients(int x, int y, out DepthNormalTangents t, out vec3 gradDdx, out vec3 gradDdy) {
    gradDdx = vec3(0.0);
    gradDdy = vec3(0.0);
    if (x < 0 || y < 0 || x >= int(frame.width) || y >= int(frame.height)) {
        return false;
    }
    uint p = uint(y) * frame.width + uint(x), plane = frame.width * frame.height;
    if (vec3(depth_normals[p], depth_normals[plane + p], depth_normals[2u * plane + p]) == vec3(0.0)) {
        return false;
    }
    t = depth_normal_tangents(x, y);
    vec3 n = cross(t.ddy, t.ddx);
    float len = length(n);
    vec3 unit = n / len;
    vec3 gradUnit = mat3(frame.viewFromWorld) * vec3(grad_normals[p], grad_normals[plane + p], grad_normals[2u * plane + p]);
    vec3 gradN = (gradUnit - unit * dot(unit, gradUnit)) / len;
    gradDdy = cross(t.ddx, gradN);  // g·(a × b) = a·(b × g) = b·(g × a)
    gradDdx = cross(gradN, t.ddy);
    return true;
}

void main() {
    uint q = gl_GlobalInvocationID.x;
    if (q >= frame.width * frame.height) {
        return;
    }
    int x = int(q % frame.width), y = int(q / frame.width);
    vec3 gradPoint = vec3(0.0);
    DepthNormalTangents t;
    vec3 gx, gy;
    if (tangent_gradients(x, y, t, gx, gy)) {          // its own normal: P(q) is the tangents' base
        gradPoint += (t.right ? -gx : gx) + (t.down ? -gy : gy);
    }
    if (tangent_gradients(x - 1, y, t, gx, gy) && t.right) {  // q is its left neighbour's P(x + 1)
        gradPoint += gx;
    }
    if (tangent_gradients(x + 1, y, t, gx, gy) && !t.right) { // q is its right neighbour's P(x − 1)
        gradPoint -= gx;
    }
    if (tangent_gradients(x, y - 1, t, gx, gy) && t.down) {
        gradPoint += gy;
    }
    if (tangent_gradients(x, y + 1, t, gx, gy) && !t.down) {
        gradPoint -= gy;
    }
    grad_depth[q] += dot(gradPoint, depth_normal_ray(x, y));
}
