#version 460
// The forward blend ended per pixel by an opaque surface's depth (meshes beside the splats):
// include/splat/rasterize_forward.glsl.
#extension GL_GOOGLE_include_directive : require
#define OCCLUDED
#include "splat/rasterize_forward.glsl"
