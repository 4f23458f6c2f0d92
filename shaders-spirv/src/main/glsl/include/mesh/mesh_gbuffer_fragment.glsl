// The mesh G-buffer fragment stage, shared by the opaque pass (mesh_gbuffer.frag, depth tested before shading) and
// the alpha-masked one (mesh_gbuffer_masked.frag, MESH_ALPHA_MASK: cut-out fragments must not reach the depth buffer,
// so its depth test waits for the shader). The nearest surface per pixel: camera depth, world normal (normal-mapped,
// facing the camera on back faces), metallic, linear albedo and roughness.
#ifndef SPLATLIGHT_MESH_GBUFFER_FRAGMENT_GLSL
#define SPLATLIGHT_MESH_GBUFFER_FRAGMENT_GLSL
#include "mesh/mesh_draw.glsl"

layout(binding = 1) uniform sampler2D baseColorTexture;          // sRGB view: reads linear
layout(binding = 2) uniform sampler2D metallicRoughnessTexture;  // glTF: roughness in G, metallic in B
layout(binding = 3) uniform sampler2D normalTexture;             // tangent space, [0, 1] → [−1, 1]

layout(location = 0) in vec3 worldNormal;
layout(location = 1) in vec4 worldTangent;
layout(location = 2) in vec2 texcoord;
layout(location = 3) in float viewDepth;
layout(location = 4) in vec4 vertexColor;

layout(location = 0) out float outDepth;            // camera z
layout(location = 1) out vec4 outNormalMetallic;
layout(location = 2) out vec4 outAlbedoRoughness;

void main() {
    vec4 base = draw.baseColor * vertexColor;
    float metallic = draw.metallic;
    float roughness = draw.roughness;
    if ((draw.textures & MESH_BASE_COLOR_TEXTURE) != 0u) {
        base *= texture(baseColorTexture, texcoord);
    }
#ifdef MESH_ALPHA_MASK
    if (base.a < draw.alphaCutoff) {
        discard;
    }
#endif
    if ((draw.textures & MESH_METALLIC_ROUGHNESS_TEXTURE) != 0u) {
        vec4 mr = texture(metallicRoughnessTexture, texcoord);
        roughness *= mr.g;
        metallic *= mr.b;
    }
    // glTF's counter-clockwise front faces stay counter-clockwise in this unmirrored projection
    float facing = gl_FrontFacing ? 1.0 : -1.0;
    vec3 n = facing * normalize(worldNormal);
    if ((draw.textures & MESH_NORMAL_TEXTURE) != 0u) {
        vec3 t = worldTangent.xyz - n * dot(n, worldTangent.xyz);
        if (dot(t, t) > 1e-12) {
            t = normalize(t);
            vec3 b = cross(n, t) * worldTangent.w * facing;
            vec3 m = texture(normalTexture, texcoord).xyz * 2.0 - 1.0;
            n = normalize(t * m.x + b * m.y + n * m.z);
        }
    }
    outDepth = viewDepth;
    outNormalMetallic = vec4(n, clamp(metallic, 0.0, 1.0));
    outAlbedoRoughness = vec4(clamp(base.rgb, 0.0, 1.0), clamp(roughness, 0.0, 1.0));
}

#endif
