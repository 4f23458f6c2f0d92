#version 460
// One direction of the separable 11-tap Gaussian window of SSIM (σ = 1.5, zero padding outside the image, as
// 3DGS's conv2d with padding 5). The window is symmetric, so this is also the adjoint used by the SSIM backward.
layout(local_size_x = 256) in;

layout(push_constant) uniform Blur {
    uint width;
    uint height;
    uint planes;      // independent [H, W] planes
    uint vertical;    // 0: along x, 1: along y
} pass;

layout(std430, binding = 0) readonly buffer Source { float source[]; };          // [planes, H, W]
layout(std430, binding = 1) writeonly buffer Destination { float destination[]; }; // [planes, H, W]

const int RADIUS = 5;
const float SIGMA = 1.5;

void main() {
    uint i = gl_GlobalInvocationID.x;
    uint plane = pass.width * pass.height;
    if (i >= plane * pass.planes) {
        return;
    }
    uint p = i % plane;
    int x = int(p % pass.width), y = int(p / pass.width);
    uint base = i - p;
    float norm = 0.0;
    for (int k = -RADIUS; k <= RADIUS; ++k) {
        norm += exp(-float(k * k) / (2.0 * SIGMA * SIGMA));
    }
    float sum = 0.0;
    for (int k = -RADIUS; k <= RADIUS; ++k) {
        int sx = pass.vertical == 0u ? x + k : x;
        int sy = pass.vertical == 0u ? y : y + k;
        if (sx >= 0 && sx < int(pass.width) && sy >= 0 && sy < int(pass.height)) {
            sum += exp(-float(k * k) / (2.0 * SIGMA * SIGMA)) * source[base + uint(sy) * pass.width + uint(sx)];
        }
    }
    destination[i] = sum / norm;
}
