#version 460
// Normal from the rendered depth (GS-IR): back-project the pixel and its four neighbours, take in x and in y the
// neighbour whose depth differs least, cross the two tangents, normalise, rotate to world space. No normal (zero)
// at the border, where depth < 0.01, or where any depth within ±2 px is below 0.01. Oriented towards the camera.
#extension GL_GOOGLE_include_directive : require
#define SPLAT_FRAME_BINDING 0
#include "splat/frame.glsl"
#include "trainer/loss_terms.glsl"

layout(local_size_x = 256) in;

layout(std430, binding = 1) readonly buffer Depth { float depth[]; };                 // [H, W] camera z
layout(std430, binding = 2) writeonly buffer DepthNormals { float depth_normals[]; }; // [3, H, W] world, 0 = none
layout(std430, binding = 3) buffer LossTerms { float loss_terms[]; };                 // [LOSS_TERMS]

const float MIN_DEPTH = 0.01;
const int GUARD = 2;

vec3 camera_point(int x, int y) {
    float z = depth[uint(y) * frame.width + uint(x)];
    return z * vec3((float(x) + 0.5 - frame.cx) / frame.fx, (float(y) + 0.5 - frame.cy) / frame.fy, 1.0);
}

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
        float d = depth[p];
        vec3 center = camera_point(x, y);
        bool useRight = abs(depth[p + 1u] - d) < abs(depth[p - 1u] - d);
        bool useDown = abs(depth[p + frame.width] - d) < abs(depth[p - frame.width] - d);
        vec3 ddx = useRight ? camera_point(x + 1, y) - center : center - camera_point(x - 1, y);
        vec3 ddy = useDown ? camera_point(x, y + 1) - center : center - camera_point(x, y - 1);
        vec3 n = cross(ddy, ddx); // camera +y is down, so y × x points back at the camera
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
