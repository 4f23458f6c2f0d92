package dev.splatlight.trainer.model;

import dev.splatlight.trainer.optim.ExponentialSchedule;

/**
 * Per-group learning rates of the geometry stage (3DGS; normals as GS-IR; the reflection strength, kept in [0, 1],
 * where the stage shades reflections). Positions decay exponentially and scale with the scene extent.
 */
public record LearningRates(ExponentialSchedule positions, float shDc, float shRest, float opacity, float scaling,
                            float rotation, float normal, float reflection) {

    public static LearningRates gaussianSplatting(float sceneExtent, int iterations) {
        return new LearningRates(new ExponentialSchedule(1.6e-4 * sceneExtent, 1.6e-6 * sceneExtent, iterations),
                2.5e-3f, 2.5e-3f / 20f, 0.05f, 5e-3f, 1e-3f, 1e-3f, 5e-3f);
    }

    /** These rates for the colours alone (SH); the position rate is passed apart. */
    public LearningRates coloursOnly() {
        return new LearningRates(positions, shDc, shRest, 0f, 0f, 0f, 0f, 0f);
    }

    /** These rates with opacities held (ReflectionSchedule's hold after raising them). */
    public LearningRates withoutOpacity() {
        return new LearningRates(positions, shDc, shRest, 0f, scaling, rotation, normal, reflection);
    }
}
