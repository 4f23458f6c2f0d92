package dev.splatlight.trainer.loss;

/**
 * The weights of the geometry stage's normal terms ({@link NormalLosses}) for one iteration: λn of the depth–normal
 * consistency and λtv of the smoothness (GS-IR's 1 and 5); {@code mirror}, the shares of both a mirror keeps, or null
 * where the features carry no reflection strength; {@code depthCoupling} δ, how much of the consistency's gradient also
 * moves the depth (0: none, as GS-IR).
 */
public record NormalLossWeights(float consistency, float smoothness, MirrorNormalShares mirror, float depthCoupling) {
}
