#version 460
// Adjoint of light/cube_downsample.comp for one level: each texel of the finer level receives a quarter of its
// parent's gradient (run from the coarsest level to level 1, so gradients flow down to level 0).
#extension GL_GOOGLE_include_directive : require
layout(local_size_x = 64) in;

layout(push_constant) uniform CubeDownsampleBackward {
    uint size;            // face size of the finer level (receiving)
    uint fine_offset;     // its first texel
    uint coarse_offset;   // first texel of the level above it (size / 2)
} pass;

layout(std430, binding = 0) buffer GradChain { float grad_chain[]; };  // [chain texels, 3]

void main() {
    uint texel = gl_GlobalInvocationID.x;
    uint perFace = pass.size * pass.size;
    if (texel >= 6u * perFace) {
        return;
    }
    uint face = texel / perFace, y = (texel % perFace) / pass.size, x = texel % pass.size;
    uint coarseSize = pass.size / 2u;
    uint parent = pass.coarse_offset + (face * coarseSize + y / 2u) * coarseSize + x / 2u;
    uint child = pass.fine_offset + texel;
    for (uint c = 0u; c < 3u; ++c) {
        grad_chain[3u * child + c] += 0.25 * grad_chain[3u * parent + c];
    }
}
