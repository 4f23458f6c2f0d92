// Real spherical harmonics up to degree 3 for view-dependent colour, in the basis and sign convention of the
// reference 3DGS (so its PLY files render the same). Coefficient k of band l sits at index l² + k.
#ifndef SPLATLIGHT_SPHERICAL_HARMONICS_GLSL
#define SPLATLIGHT_SPHERICAL_HARMONICS_GLSL

const float SH_C0 = 0.28209479177387814;   // 1 / (2 √π)
const float SH_C1 = 0.4886025119029199;    // √3 / (2 √π)
const float SH_C2[5] = float[5](1.0925484305920792, -1.0925484305920792, 0.31539156525252005,
                                -1.0925484305920792, 0.5462742152960396);
const float SH_C3[7] = float[7](-0.5900435899266435, 2.890611442640554, -0.4570457994644658, 0.3731763325901154,
                                -0.4570457994644658, 1.445305721320277, -0.5900435899266435);

// The 16 basis values for unit direction d; entries above the degree are 0.
void sh_basis(uint degree, vec3 d, out float basis[16]) {
    for (uint k = 0u; k < 16u; ++k) {
        basis[k] = 0.0;
    }
    basis[0] = SH_C0;
    if (degree < 1u) {
        return;
    }
    float x = d.x, y = d.y, z = d.z;
    basis[1] = -SH_C1 * y;
    basis[2] = SH_C1 * z;
    basis[3] = -SH_C1 * x;
    if (degree < 2u) {
        return;
    }
    float xx = x * x, yy = y * y, zz = z * z;
    basis[4] = SH_C2[0] * x * y;
    basis[5] = SH_C2[1] * y * z;
    basis[6] = SH_C2[2] * (2.0 * zz - xx - yy);
    basis[7] = SH_C2[3] * x * z;
    basis[8] = SH_C2[4] * (xx - yy);
    if (degree < 3u) {
        return;
    }
    basis[9] = SH_C3[0] * y * (3.0 * xx - yy);
    basis[10] = SH_C3[1] * x * y * z;
    basis[11] = SH_C3[2] * y * (4.0 * zz - xx - yy);
    basis[12] = SH_C3[3] * z * (2.0 * zz - 3.0 * xx - 3.0 * yy);
    basis[13] = SH_C3[4] * x * (4.0 * zz - xx - yy);
    basis[14] = SH_C3[5] * z * (xx - yy);
    basis[15] = SH_C3[6] * x * (xx - 3.0 * yy);
}

// ∂basis[k]/∂d for each basis function (d treated as free, unnormalised); entries above the degree are 0.
void sh_basis_gradient(uint degree, vec3 d, out vec3 gradient[16]) {
    for (uint k = 0u; k < 16u; ++k) {
        gradient[k] = vec3(0.0);
    }
    if (degree < 1u) {
        return;
    }
    float x = d.x, y = d.y, z = d.z;
    gradient[1] = vec3(0.0, -SH_C1, 0.0);
    gradient[2] = vec3(0.0, 0.0, SH_C1);
    gradient[3] = vec3(-SH_C1, 0.0, 0.0);
    if (degree < 2u) {
        return;
    }
    float xx = x * x, yy = y * y, zz = z * z;
    gradient[4] = SH_C2[0] * vec3(y, x, 0.0);
    gradient[5] = SH_C2[1] * vec3(0.0, z, y);
    gradient[6] = SH_C2[2] * vec3(-2.0 * x, -2.0 * y, 4.0 * z);
    gradient[7] = SH_C2[3] * vec3(z, 0.0, x);
    gradient[8] = SH_C2[4] * vec3(2.0 * x, -2.0 * y, 0.0);
    if (degree < 3u) {
        return;
    }
    gradient[9] = SH_C3[0] * vec3(6.0 * x * y, 3.0 * xx - 3.0 * yy, 0.0);
    gradient[10] = SH_C3[1] * vec3(y * z, x * z, x * y);
    gradient[11] = SH_C3[2] * vec3(-2.0 * x * y, 4.0 * zz - xx - 3.0 * yy, 8.0 * y * z);
    gradient[12] = SH_C3[3] * vec3(-6.0 * x * z, -6.0 * y * z, 6.0 * zz - 3.0 * xx - 3.0 * yy);
    gradient[13] = SH_C3[4] * vec3(4.0 * zz - 3.0 * xx - yy, -2.0 * x * y, 8.0 * x * z);
    gradient[14] = SH_C3[5] * vec3(2.0 * x * z, -2.0 * y * z, xx - yy);
    gradient[15] = SH_C3[6] * vec3(3.0 * xx - 3.0 * yy, -6.0 * x * y, 0.0);
}

#endif
