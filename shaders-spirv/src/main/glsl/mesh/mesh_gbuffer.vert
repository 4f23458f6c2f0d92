#version 460
// Mesh vertices into the camera: world normal and tangent frame, UV and camera depth for the G-buffer fragment stage.
#extension GL_GOOGLE_include_directive : require
#include "mesh/mesh_draw.glsl"

layout(location = 0) in vec3 position;
layout(location = 1) in vec3 normal;
layout(location = 2) in vec2 uv;
layout(location = 3) in vec4 tangent;   // w: bitangent = w · normal × tangent
layout(location = 4) in vec4 color;     // linear; multiplies the base colour (glTF's COLOR_0)

layout(location = 0) out vec3 worldNormal;
layout(location = 1) out vec4 worldTangent;
layout(location = 2) out vec2 texcoord;
layout(location = 3) out float viewDepth;
layout(location = 4) out vec4 vertexColor;

void main() {
    vec4 world = draw.worldFromMesh * vec4(position, 1.0);
    vec3 view = (frame.viewFromWorld * world).xyz;
    mat3 directions = mat3(draw.worldFromMesh);
    worldNormal = directions * normal;
    worldTangent = vec4(directions * tangent.xyz, tangent.w);
    texcoord = uv;
    viewDepth = view.z;
    vertexColor = color;
    gl_Position = mesh_clip_position(view);
}
