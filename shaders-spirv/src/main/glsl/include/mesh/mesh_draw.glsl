// What the mesh G-buffer pass shares between its stages: the camera (the splat rasterizer's pinhole model, +x right,
// +y down, +z forward) and each draw's transform and metallic–roughness material (glTF 2.0 factors and textures).
#ifndef SPLATLIGHT_MESH_DRAW_GLSL
#define SPLATLIGHT_MESH_DRAW_GLSL

layout(std140, binding = 0) uniform MeshFrame {
    mat4 viewFromWorld;
    vec4 intrinsics;   // fx, fy, cx, cy in pixels
    vec2 size;         // width, height in pixels
    float nearPlane;   // camera z below which nothing is drawn
} frame;

const uint MESH_BASE_COLOR_TEXTURE = 1u;
const uint MESH_METALLIC_ROUGHNESS_TEXTURE = 2u;
const uint MESH_NORMAL_TEXTURE = 4u;

layout(push_constant) uniform MeshDraw {
    mat4 worldFromMesh;  // translation, rotation, uniform scale: it turns normals as it turns directions
    vec4 baseColor;      // linear RGBA factor
    float metallic;
    float roughness;
    uint textures;       // MESH_*_TEXTURE bits: which of the bound textures the material has
    float alphaCutoff;   // glTF alpha MASK: fragments whose base-colour alpha is below this are cut out (0: opaque)
} draw;

// Clip position of a camera-space point: pixel u = fx·x/z + cx maps to x_ndc = 2u/width − 1 (the viewport spans the
// image), so pixel centres match the splat rasterizer's; depth = near/z (reversed, 1 at the near plane, → 0 far).
vec4 mesh_clip_position(vec3 view) {
    vec2 pixelTimesZ = frame.intrinsics.xy * view.xy + frame.intrinsics.zw * view.z;
    return vec4(2.0 * pixelTimesZ / frame.size - view.z, frame.nearPlane, view.z);
}

#endif
