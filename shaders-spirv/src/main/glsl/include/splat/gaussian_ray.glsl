// Where a ray meets a 3D Gaussian (rows of dev.splatlight.core.splat.GaussianDensities: μ, Σ⁻¹, opacity, 3σ radius),
// for passes that march rays through the Gaussians instead of splatting them (the occlusion bake, traced
// reflections). The ray o + t·d meets a Gaussian where its density along the ray peaks,
// t* = dᵀΣ⁻¹Δ / dᵀΣ⁻¹d with Δ = μ − o, with α = min(0.99, opacity·exp(−½ m²)), m² = ΔᵀΣ⁻¹Δ − t*·dᵀΣ⁻¹Δ the squared
// Mahalanobis distance there: the 3D counterpart of a splat's 2D footprint, and its cap.
#ifndef SPLATLIGHT_GAUSSIAN_RAY_GLSL
#define SPLATLIGHT_GAUSSIAN_RAY_GLSL

const uint GAUSSIAN_DENSITY_STRIDE = 11u;
const float GAUSSIAN_RAY_MIN_ALPHA = 1.0 / 255.0;  // fainter meetings stop nothing visible
const float GAUSSIAN_RAY_MAX_ALPHA = 0.99;

// Σ⁻¹·v for Σ⁻¹ stored as its diagonal (xx yy zz) and off-diagonal (xy xz yz).
vec3 gaussian_inverse_apply(vec3 diagonal, vec3 off, vec3 v) {
    return vec3(diagonal.x * v.x + off.x * v.y + off.y * v.z,
                off.x * v.x + diagonal.y * v.y + off.z * v.z,
                off.y * v.x + off.z * v.y + diagonal.z * v.z);
}

// α where the ray along `direction` from the point Δ away from the mean meets it, and there t (t*).
// inverseDelta = Σ⁻¹Δ, deltaTerm = ΔᵀΣ⁻¹Δ (shared by every direction from one origin), inverseDirection = Σ⁻¹d.
float gaussian_ray_alpha(float opacity, vec3 inverseDelta, float deltaTerm, vec3 direction, vec3 inverseDirection, out float t) {
    float a = dot(direction, inverseDirection);
    float b = dot(direction, inverseDelta);
    t = b / a;
    return min(GAUSSIAN_RAY_MAX_ALPHA, opacity * exp(-0.5 * max(deltaTerm - b * t, 0.0)));
}

#endif
