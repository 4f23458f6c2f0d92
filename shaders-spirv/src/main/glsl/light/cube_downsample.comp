#version 460
// One level of an environment chain from the level above: each texel is the plain mean of its 2×2 parents
// (design.md §2).
#extension GL_GOOGLE_include_directive : require
layout(local_size_x = 64) in;

layout(push_constant) uniform CubeDownsample {
    uint size;            // face size of the level written
    uint source_offset;   // first texel of the level read (size 2·size)
    uint target_offset;   // first texel of the level written
} pass;

layout(std430, binding = 0) buffer Chain { float chain[]; };  // [texels of all levels, 3] f32

vec3 chain_texel(uint index) {
    return vec3(chain[3u * index], chain[3u * index + 1u], chain[3u * index + 2u]);
}

void main() {
    uint texel = gl_GlobalInvocationID.x;
    uint perFace = pass.size * pass.size;
    if (texel >= 6u * perFace) {
        return;
    }
    uint face = texel / perFace;
    uint y = (texel % perFace) / pass.size;
    uint x = texel % pass.size;
    uint sourceSize = 2u * pass.size;
    uint top = pass.source_offset + (face * sourceSize + 2u * y) * sourceSize + 2u * x;
    vec3 mean = 0.25 * (chain_texel(top) + chain_texel(top + 1u) + chain_texel(top + sourceSize)
                        + chain_texel(top + sourceSize + 1u));
    uint out_ = pass.target_offset + texel;
    chain[3u * out_] = mean.r;
    chain[3u * out_ + 1u] = mean.g;
    chain[3u * out_ + 2u] = mean.b;
}
