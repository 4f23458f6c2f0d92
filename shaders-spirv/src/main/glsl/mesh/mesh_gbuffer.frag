#version 460
// The nearest opaque mesh surface per pixel into the mesh G-buffer, depth tested before shading
// (include/mesh/mesh_gbuffer_fragment.glsl).
#extension GL_GOOGLE_include_directive : require
layout(early_fragment_tests) in;
#include "mesh/mesh_gbuffer_fragment.glsl"
