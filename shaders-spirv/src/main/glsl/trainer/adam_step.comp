#version 460
// Adam (Kingma & Ba 2015) with bias correction, as torch.optim.Adam, over one parameter group; non-finite
// gradients count as zero. Rows of
// rowStride floats may use a different learning rate for their first headFloats (SH: DC vs. higher bands), and the
// rest of each row is kept within [tailMin, tailMax] after the step (projected Adam: the geometry stage's reflection
// strength lives in [0, 1]; ±inf elsewhere).
layout(local_size_x = 256) in;

layout(push_constant) uniform AdamStep {
    uint count;           // floats in the group
    uint rowStride;       // floats per Gaussian
    uint headFloats;      // first floats of each row that use headLearningRate
    float headLearningRate;
    float learningRate;
    float beta1;
    float beta2;
    float epsilon;
    float biasCorrection1;  // 1 − β1^t
    float biasCorrection2;  // 1 − β2^t
    float tailMin;
    float tailMax;
} step;

layout(std430, binding = 0) buffer Parameters { float parameters[]; };        // [count]
layout(std430, binding = 1) readonly buffer Gradients { float gradients[]; }; // [count]
layout(std430, binding = 2) buffer FirstMoments { float first_moments[]; };   // [count]
layout(std430, binding = 3) buffer SecondMoments { float second_moments[]; }; // [count]

void main() {
    uint i = gl_GlobalInvocationID.x;
    if (i >= step.count) {
        return;
    }
    float g = gradients[i];
    if (isnan(g) || isinf(g)) {
        g = 0.0; // a non-finite gradient (an overflowed splat) must not poison the parameter and its moments
    }
    float m = step.beta1 * first_moments[i] + (1.0 - step.beta1) * g;
    float v = step.beta2 * second_moments[i] + (1.0 - step.beta2) * g * g;
    first_moments[i] = m;
    second_moments[i] = v;
    bool head = (i % step.rowStride) < step.headFloats;
    float rate = head ? step.headLearningRate : step.learningRate;
    float updated = parameters[i] - rate * (m / step.biasCorrection1) / (sqrt(v / step.biasCorrection2) + step.epsilon);
    parameters[i] = head ? updated : clamp(updated, step.tailMin, step.tailMax);
}
