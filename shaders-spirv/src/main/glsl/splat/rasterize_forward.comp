#version 460
// Front-to-back alpha blending of each tile's splats: include/splat/rasterize_forward.glsl.
#extension GL_GOOGLE_include_directive : require
#include "splat/rasterize_forward.glsl"
