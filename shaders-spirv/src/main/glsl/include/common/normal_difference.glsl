// Central differences of a function of a unit normal, as the trainer's shading and reflection backwards take them.
// Such a function is read through bilinear lookups, so its exact derivative is piecewise constant and jumps at every
// texel edge; a difference over NORMAL_DIFFERENCE_STEP radians along two tangents averages it over about a degree.
// Java twin: the test-side ReferenceEnvironment (NORMAL_DIFFERENCE_STEP, tangentFrame, turned).
#ifndef SPLATLIGHT_NORMAL_DIFFERENCE_GLSL
#define SPLATLIGHT_NORMAL_DIFFERENCE_GLSL

const float NORMAL_DIFFERENCE_STEP = 0.02;

// Two unit tangents of the unit normal n, orthogonal to it and to each other.
void normal_tangents(vec3 n, out vec3 t1, out vec3 t2) {
    vec3 helper = abs(n.x) < 0.9 ? vec3(1.0, 0.0, 0.0) : vec3(0.0, 1.0, 0.0);
    t1 = normalize(cross(n, helper));
    t2 = cross(n, t1);
}

// n turned towards the tangent t by `steps` differences (±1 for the two sides of a central difference).
vec3 normal_turned(vec3 n, vec3 t, float steps) {
    return normalize(n + steps * NORMAL_DIFFERENCE_STEP * t);
}

#endif
