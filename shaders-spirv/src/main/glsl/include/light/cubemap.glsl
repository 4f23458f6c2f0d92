// Cubemaps stored in plain buffers: faces 0..5 = +X, −X, +Y, −Y, +Z, −Z in Vulkan's cube-face convention, row 0 at
// the top, RGB f32 per texel. A "chain" is several square levels back to back (level i has size base >> i), so one
// buffer holds a whole mip chain and the trainer can scatter gradients into it with the same taps it reads.
// Java twin: dev.splatlight.core.light.CubeChain (layout) and the test-side ReferenceEnvironment (maths).
#ifndef SPLATLIGHT_CUBEMAP_GLSL
#define SPLATLIGHT_CUBEMAP_GLSL

// Direction (not normalised) through face coordinates st ∈ [−1, 1]², s to the right, t down.
vec3 cube_direction(uint face, vec2 st) {
    switch (face) {
        case 0u: return vec3(1.0, -st.y, -st.x);
        case 1u: return vec3(-1.0, -st.y, st.x);
        case 2u: return vec3(st.x, 1.0, st.y);
        case 3u: return vec3(st.x, -1.0, -st.y);
        case 4u: return vec3(st.x, -st.y, 1.0);
        default: return vec3(-st.x, -st.y, -1.0);
    }
}

// Centre direction of texel (x, y) of a face of the given size, normalised.
vec3 cube_texel_direction(uint face, uint x, uint y, uint size) {
    vec2 st = (vec2(x, y) + 0.5) * (2.0 / float(size)) - 1.0;
    return normalize(cube_direction(face, st));
}

// The face a direction hits and where, uv ∈ [0, 1]² (u right, v down); ties go to X, then Y.
uint cube_face_uv(vec3 d, out vec2 uv) {
    vec3 a = abs(d);
    uint face;
    float major;
    vec2 sc;
    if (a.x >= a.y && a.x >= a.z) {
        face = d.x >= 0.0 ? 0u : 1u;
        major = a.x;
        sc = d.x >= 0.0 ? vec2(-d.z, -d.y) : vec2(d.z, -d.y);
    } else if (a.y >= a.z) {
        face = d.y >= 0.0 ? 2u : 3u;
        major = a.y;
        sc = d.y >= 0.0 ? vec2(d.x, d.z) : vec2(d.x, -d.z);
    } else {
        face = d.z >= 0.0 ? 4u : 5u;
        major = a.z;
        sc = d.z >= 0.0 ? vec2(d.x, -d.y) : vec2(-d.x, -d.y);
    }
    uv = 0.5 * (sc / major + 1.0);
    return face;
}

// Exact solid angle of texel (x, y) on a face of the given size: the integral of the projected area element
// dA / (1 + s² + t²)^(3/2) over the texel, via its antiderivative atan(st / √(s² + t² + 1)).
float cube_area_element(float s, float t) {
    return atan(s * t, sqrt(s * s + t * t + 1.0));
}

float cube_texel_solid_angle(uint x, uint y, uint size) {
    float step = 2.0 / float(size);
    float s0 = float(x) * step - 1.0, t0 = float(y) * step - 1.0;
    float s1 = s0 + step, t1 = t0 + step;
    return cube_area_element(s0, t0) - cube_area_element(s0, t1) - cube_area_element(s1, t0) + cube_area_element(s1, t1);
}

// Texels before level `level` of a chain whose level 0 has faces of base_size².
uint cube_level_offset(uint base_size, uint level) {
    uint offset = 0u;
    for (uint i = 0u; i < level; ++i) {
        uint s = base_size >> i;
        offset += 6u * s * s;
    }
    return offset;
}

// Bilinear footprint of a direction on one level: 4 texel indices (into the chain) and weights summing to 1.
// Taps are clamped to the face (no filtering across seams): the trainer scatters gradients through the very same
// taps, so a lookup and its adjoint always agree.
struct CubeTaps {
    uint index[4];
    float weight[4];
};

CubeTaps cube_bilinear_taps(vec3 d, uint size, uint level_offset) {
    vec2 uv;
    uint face = cube_face_uv(d, uv);
    vec2 texel = uv * float(size) - 0.5;
    vec2 base = floor(texel);
    vec2 f = texel - base;
    int last = int(size) - 1;
    int x0 = clamp(int(base.x), 0, last), x1 = clamp(int(base.x) + 1, 0, last);
    int y0 = clamp(int(base.y), 0, last), y1 = clamp(int(base.y) + 1, 0, last);
    uint row0 = level_offset + (face * size + uint(y0)) * size;
    uint row1 = level_offset + (face * size + uint(y1)) * size;
    CubeTaps taps;
    taps.index[0] = row0 + uint(x0);
    taps.index[1] = row0 + uint(x1);
    taps.index[2] = row1 + uint(x0);
    taps.index[3] = row1 + uint(x1);
    taps.weight[0] = (1.0 - f.x) * (1.0 - f.y);
    taps.weight[1] = f.x * (1.0 - f.y);
    taps.weight[2] = (1.0 - f.x) * f.y;
    taps.weight[3] = f.x * f.y;
    return taps;
}

// Trilinear footprint of a chain read at a fractional level: 4 taps on each of the two levels around it.
struct ChainTaps {
    uint index[8];
    float weight[8];
};

ChainTaps chain_trilinear_taps(vec3 d, float lod, uint base_size, uint levels) {
    uint lower = uint(floor(lod));
    uint upper = min(lower + 1u, levels - 1u);
    float f = lod - float(lower);
    CubeTaps a = cube_bilinear_taps(d, base_size >> lower, cube_level_offset(base_size, lower));
    CubeTaps b = cube_bilinear_taps(d, base_size >> upper, cube_level_offset(base_size, upper));
    ChainTaps taps;
    for (uint k = 0u; k < 4u; ++k) {
        taps.index[k] = a.index[k];
        taps.weight[k] = a.weight[k] * (1.0 - f);
        taps.index[k + 4u] = b.index[k];
        taps.weight[k + 4u] = b.weight[k] * f;
    }
    return taps;
}

#endif
