package dev.splatlight.trainer.optim;

/**
 * Adam's hyper-parameters; 3DGS's values: β1 0.9, β2 0.999, ε 1e-15.
 */
public record AdamParameters(float beta1, float beta2, float epsilon) {
    public static final AdamParameters GAUSSIAN_SPLATTING = new AdamParameters(0.9f, 0.999f, 1e-15f);
}
