// GGX microfacet distribution (Walter et al. 2007) with α = roughness², the exact height-correlated Smith
// masking–shadowing term (Heitz 2014, Eq. 99), and the low-discrepancy GGX sampling both the DFG table and the
// specular prefilter integrate with. Java twin: the test-side ReferenceEnvironment.
#ifndef SPLATLIGHT_GGX_GLSL
#define SPLATLIGHT_GGX_GLSL

const float PI = 3.14159265358979323846;

// D(h) = α² / (π ((n·h)² (α² − 1) + 1)²)
float ggx_distribution(float n_dot_h, float alpha) {
    float a2 = alpha * alpha;
    float d = n_dot_h * n_dot_h * (a2 - 1.0) + 1.0;
    return a2 / (PI * d * d);
}

// Smith Λ for GGX: (−1 + √(1 + α² tan²θ)) / 2
float ggx_smith_lambda(float cos_theta, float alpha) {
    float c2 = cos_theta * cos_theta;
    float tan2 = max(1.0 - c2, 0.0) / max(c2, 1e-12);
    return 0.5 * (-1.0 + sqrt(1.0 + alpha * alpha * tan2));
}

// Height-correlated G2 = 1 / (1 + Λ(v) + Λ(l))
float ggx_smith_g2(float n_dot_v, float n_dot_l, float alpha) {
    return 1.0 / (1.0 + ggx_smith_lambda(n_dot_v, alpha) + ggx_smith_lambda(n_dot_l, alpha));
}

// Point i of an n-point Hammersley set: (i / n, radical inverse of i in base 2).
vec2 hammersley(uint i, uint n) {
    return vec2((float(i) + 0.5) / float(n), float(bitfieldReverse(i)) * 2.3283064365386963e-10);
}

// Half vector around +Z for sample xi, distributed with pdf(h) = D(h)·(n·h).
vec3 ggx_sample_half_vector(vec2 xi, float alpha) {
    float a2 = alpha * alpha;
    float phi = 2.0 * PI * xi.x;
    float cos_theta = sqrt((1.0 - xi.y) / (1.0 + (a2 - 1.0) * xi.y));
    float sin_theta = sqrt(max(1.0 - cos_theta * cos_theta, 0.0));
    return vec3(sin_theta * cos(phi), sin_theta * sin(phi), cos_theta);
}

// An orthonormal frame with n as its third axis.
mat3 tangent_frame(vec3 n) {
    vec3 up = abs(n.z) < 0.999 ? vec3(0.0, 0.0, 1.0) : vec3(1.0, 0.0, 0.0);
    vec3 tx = normalize(cross(up, n));
    return mat3(tx, cross(n, tx), n);
}

#endif
