#version 460
// Normal from the rendered depth (GS-IR): the tangents of trainer/depth_normal_geometry.glsl crossed, normalised,
// rotated to world space. No normal (zero) at the border, where depth < 0.01, or where any depth within ±2 px is below
// 0.01. Oriented towards the camera.
#extension GL_GOOGLE_include_directive : require
#define SPLAT_FRAME_BINDING 0
#define DEPTH_BINDING 1
#include "splat/frame.glsl"
#include "trainer/loss_terms.glsl"
#include "trainer/depth_normal_geometry.glsl"

layout(local_size_x = 256) in;

layout(std430, binding = 2) writeonly buffer DepthNormals { float depth_normals[]; }; // [3, H, W] world, 0 = none
layout(std430, binding = 3) buffer LossTerms { float loss_terms[]; };                 // [LOSS_TERMS]

const float MIN_DEPTH = 0.01;
const int GUARD = 2;

void main() {
    uint p = gl_GlobalInvocationID.x;
    uint plane = frame.width * frame.height;
    bool inside = p < plane;
    int w = int(frame.width), h = int(frame.height);
    int x = int(p % frame.width), y = int(p / frame.width);
    bool valid = inside && x > 0 && x < w - 1 && y > 0 && y < h - 1 && depth[p] >= MIN_DEPTH;
    for (int dy = -GUARD; dy <= GUARD && valid; ++dy) {
        for (int dx = -GUARD; dx <= GUARD; ++dx) {
            int sx = x + dx, sy = y + dy;
            if (sx >= 0 && sx < w && sy >= 0 && sy < h && depth[uint(sy) * frame.width + uint(sx)] < MIN_DEPTH) {
                valid = false;
            }
        }
    }
    vec3 normal = vec3(0.0);
    if (valid) {
        DepthNormalTangents t = depth_normal_tangents(x, y);
        vec3 n = cross(t.ddy, t.ddx);
        float len = length(n);
        if (len > 0.0) {
            normal = transpose(mat3(frame.viewFromWorld)) * (n / len);
        } else {
            valid = false;
        }
    }
    if (inside) {
        depth_normals[p] = normal.x;
        depth_normals[plane + p] = normal.y;
        depth_normals[2u * plane + p] = normal.z;
    }
    ADD_LOSS_TERM(loss_terms, LOSS_VALID_NORMALS, valid ? 1.0 : 0.0);
}
