#version 460
// The split-sum DFG table (design.md §2; Karis 2013): for n·v = (i + 0.5)/SIZE and roughness = (j + 0.5)/SIZE,
// A = ∫ (1 − Fc)·G_vis, B = ∫ Fc·G_vis with Fc = (1 − v·h)^5 and G_vis = G2·(v·h)/((n·h)(n·v)), estimated with
// `sample_count` Hammersley half vectors drawn with pdf D(h)(n·h), α = roughness², height-correlated Smith G2.
#extension GL_GOOGLE_include_directive : require
#include "light/split_sum.glsl"
layout(local_size_x = 64) in;

layout(push_constant) uniform DfgTable {
    uint sample_count;
} pass;

layout(std430, binding = 0) writeonly buffer Dfg { vec2 dfg[]; };  // [SIZE (roughness), SIZE (n·v)] (A, B)

void main() {
    uint texel = gl_GlobalInvocationID.x;
    if (texel >= SPLIT_SUM_DFG_SIZE * SPLIT_SUM_DFG_SIZE) {
        return;
    }
    float n_dot_v = max((float(texel % SPLIT_SUM_DFG_SIZE) + 0.5) / float(SPLIT_SUM_DFG_SIZE), SPLIT_SUM_MIN_N_DOT_V);
    float roughness = (float(texel / SPLIT_SUM_DFG_SIZE) + 0.5) / float(SPLIT_SUM_DFG_SIZE);
    float alpha = roughness * roughness;
    vec3 v = vec3(sqrt(1.0 - n_dot_v * n_dot_v), 0.0, n_dot_v);
    vec2 sum = vec2(0.0);
    for (uint i = 0u; i < pass.sample_count; ++i) {
        vec3 h = ggx_sample_half_vector(hammersley(i, pass.sample_count), alpha);
        float v_dot_h = dot(v, h);
        vec3 l = 2.0 * v_dot_h * h - v;
        if (l.z <= 0.0) {
            continue;
        }
        float g_vis = ggx_smith_g2(n_dot_v, l.z, alpha) * v_dot_h / (h.z * n_dot_v);
        float fc = pow(1.0 - v_dot_h, 5.0);
        sum += vec2(1.0 - fc, fc) * g_vis;
    }
    dfg[texel] = sum / float(pass.sample_count);
}
