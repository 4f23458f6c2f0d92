#version 460
// The nearest alpha-masked mesh surface per pixel into the mesh G-buffer (glTF alphaMode MASK): fragments below the
// material's cutoff are discarded before they write depth (include/mesh/mesh_gbuffer_fragment.glsl).
#extension GL_GOOGLE_include_directive : require
#define MESH_ALPHA_MASK
#include "mesh/mesh_gbuffer_fragment.glsl"
