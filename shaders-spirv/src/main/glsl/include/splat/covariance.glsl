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

#endif
