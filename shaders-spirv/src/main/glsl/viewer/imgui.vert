#version 460
// Dear ImGui's draw lists: screen-space triangles (pixels → clip space by scale and translate), colour and UV per vertex.
layout(location = 0) in vec2 position;  // pixels
layout(location = 1) in vec2 uv;
layout(location = 2) in vec4 color;     // R8G8B8A8 unorm

layout(push_constant) uniform ImGuiTransform {
    vec2 scale;      // 2 / display size
    vec2 translate;  // −1 − display position · scale
} transform;

layout(location = 0) out vec2 frag_uv;
layout(location = 1) out vec4 frag_color;

void main() {
    frag_uv = uv;
    frag_color = color;
    gl_Position = vec4(position * transform.scale + transform.translate, 0.0, 1.0);
}
