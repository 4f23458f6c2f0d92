// 3D covariance of a Gaussian from its scale and rotation: Σ = R S Sᵀ Rᵀ (3DGS Eq. 6).
#ifndef SPLATLIGHT_COVARIANCE_GLSL
#define SPLATLIGHT_COVARIANCE_GLSL

// Rotation matrix of a quaternion q = (w, x, y, z); q need not be normalised.
mat3 quaternion_to_rotation(vec4 q) {
    q = q / max(length(q), 1e-12);
    float w = q.x, x = q.y, y = q.z, z = q.w;
    // Columns of R (GLSL matrices are column-major).
    return mat3(
        1.0 - 2.0 * (y * y + z * z), 2.0 * (x * y + w * z), 2.0 * (x * z - w * y),
        2.0 * (x * y - w * z), 1.0 - 2.0 * (x * x + z * z), 2.0 * (y * z + w * x),
        2.0 * (x * z + w * y), 2.0 * (y * z - w * x), 1.0 - 2.0 * (x * x + y * y));
}

mat3 covariance_3d(vec3 scale, vec4 rotation) {
    mat3 m = quaternion_to_rotation(rotation) * mat3(scale.x, 0.0, 0.0, 0.0, scale.y, 0.0, 0.0, 0.0, scale.z);
    return m * transpose(m);
}

// Gradient of L with respect to the (unnormalised) quaternion q, given ∂L/∂R for R = quaternion_to_rotation(q).
vec4 quaternion_to_rotation_vjp(vec4 q, mat3 dR) {
    float norm = max(length(q), 1e-12);
    vec4 n = q / norm;
    float w = n.x, x = n.y, y = n.z, z = n.w;
    // dR[col][row]; r(i, j) below is ∂L/∂R_ij (row i, column j).
#define r(i, j) dR[j][i]
    vec4 dn = 2.0 * vec4(
        -z * r(0, 1) + y * r(0, 2) + z * r(1, 0) - x * r(1, 2) - y * r(2, 0) + x * r(2, 1),
        y * r(0, 1) + z * r(0, 2) + y * r(1, 0) - 2.0 * x * r(1, 1) - w * r(1, 2) + z * r(2, 0) + w * r(2, 1) - 2.0 * x * r(2, 2),
        -2.0 * y * r(0, 0) + x * r(0, 1) + w * r(0, 2) + x * r(1, 0) + z * r(1, 2) - w * r(2, 0) + z * r(2, 1) - 2.0 * y * r(2, 2),
        -2.0 * z * r(0, 0) - w * r(0, 1) + x * r(0, 2) + w * r(1, 0) - 2.0 * z * r(1, 1) + y * r(1, 2) + x * r(2, 0) + y * r(2, 1));
#undef r
    return (dn - n * dot(n, dn)) / norm; // through the normalisation
}

#endif
