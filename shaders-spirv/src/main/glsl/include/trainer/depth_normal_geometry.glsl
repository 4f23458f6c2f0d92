// How a pixel's normal is made from the rendered depth (GS-IR), shared by trainer/depth_normals.comp (forward) and
// trainer/depth_normals_backward.comp (its adjoint): back-project the pixel and its four neighbours (camera z times
// the pixel's ray), take in x and in y the neighbour whose depth differs least, and cross the two tangents. Programs
// include splat/frame.glsl and define DEPTH_BINDING, the rendered depth's binding, first.
#ifndef SPLATLIGHT_DEPTH_NORMAL_GEOMETRY_GLSL
#define SPLATLIGHT_DEPTH_NORMAL_GEOMETRY_GLSL

layout(std430, binding = DEPTH_BINDING) readonly buffer Depth { float depth[]; };  // [H, W] camera z

float depth_at(int x, int y) {
    return depth[uint(y) * frame.width + uint(x)];
}

// The camera-space point at depth 1 through pixel (x, y)'s centre: ∂(back-projected point)/∂z.
vec3 depth_normal_ray(int x, int y) {
    return vec3((float(x) + 0.5 - frame.cx) / frame.fx, (float(y) + 0.5 - frame.cy) / frame.fy, 1.0);
}

vec3 depth_normal_point(int x, int y) {
    return depth_at(x, y) * depth_normal_ray(x, y);
}

// The two tangents at an interior pixel and which neighbours they use; the unnormalised camera-space normal is
// cross(ddy, ddx) (camera +y is down, so y × x points back at the camera).
struct DepthNormalTangents {
    vec3 ddx;
    vec3 ddy;
    bool right;  // ddx = P(x + 1) − P(x), else P(x) − P(x − 1)
    bool down;   // ddy = P(y + 1) − P(y), else P(y) − P(y − 1)
};

DepthNormalTangents depth_normal_tangents(int x, int y) {
    float d = depth_at(x, y);
    vec3 centre = depth_normal_point(x, y);
    DepthNormalTangents t;
    t.right = abs(depth_at(x + 1, y) - d) < abs(depth_at(x - 1, y) - d);
    t.down = abs(depth_at(x, y + 1) - d) < abs(depth_at(x, y - 1) - d);
    t.ddx = t.right ? depth_normal_point(x + 1, y) - centre : centre - depth_normal_point(x - 1, y);
    t.ddy = t.down ? depth_normal_point(x, y + 1) - centre : centre - depth_normal_point(x, y - 1);
    return t;
}

#endif
