// EWA splatting: the screen-space covariance of a Gaussian, Σ' = J W Σ Wᵀ Jᵀ (3DGS Eq. 5; Zwicker et al. 2002),
// with the 3DGS clamp of the Jacobian's point to 1.3× the field of view and a 0.3 px² low-pass dilation.
#ifndef SPLATLIGHT_PROJECTION_GLSL
#define SPLATLIGHT_PROJECTION_GLSL

const float LOW_PASS_DILATION = 0.3; // pixels², added to the 2D covariance's diagonal

// Returns (xx, xy, yy) of the dilated 2D covariance for a camera-space mean and world-space covariance.
vec3 project_covariance(vec3 meanCamera, mat3 covarianceWorld, mat3 cameraFromWorldRotation,
                        float fx, float fy, float tanHalfFovX, float tanHalfFovY) {
    float z = meanCamera.z;
    float limitX = 1.3 * tanHalfFovX;
    float limitY = 1.3 * tanHalfFovY;
    float x = clamp(meanCamera.x / z, -limitX, limitX) * z;
    float y = clamp(meanCamera.y / z, -limitY, limitY) * z;
    // Jacobian of (fx·x/z, fy·y/z): rows (fx/z, 0, −fx·x/z²) and (0, fy/z, −fy·y/z²); the third row is unused.
    mat3 jacobian = mat3(fx / z, 0.0, 0.0,
                         0.0, fy / z, 0.0,
                         -fx * x / (z * z), -fy * y / (z * z), 0.0);
    mat3 t = jacobian * cameraFromWorldRotation;
    mat3 covariance = t * covarianceWorld * transpose(t);
    return vec3(covariance[0][0] + LOW_PASS_DILATION, covariance[0][1], covariance[1][1] + LOW_PASS_DILATION);
}

// Radius in pixels covering 3 standard deviations along the major axis (the 3DGS bound).
float splat_radius(vec3 covariance2d) {
    float determinant = covariance2d.x * covariance2d.z - covariance2d.y * covariance2d.y;
    float mid = 0.5 * (covariance2d.x + covariance2d.z);
    float major = mid + sqrt(max(0.1, mid * mid - determinant));
    return ceil(3.0 * sqrt(major));
}

#endif
