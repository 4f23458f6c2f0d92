package dev.splatlight.trainer.loss;

/**
 * How much of the geometry stage's two normal terms a mirror keeps (with {@code --reflections}; each scales its term
 * by 1 − (1 − share)·R, R the blended reflection strength): {@code consistency}, the pull towards the rendered depth's
 * normals ({@code --reflection-normal-consistency}), which a mirror's depth misleads since its reflection forms inside
 * it; {@code smoothness}, the edge-aware smoothness ({@code --reflection-normal-smoothness}), which leans normals
 * towards the cameras.
 */
public record MirrorNormalShares(float consistency, float smoothness) {
    /** Both terms in full, as GS-IR: what a surface without reflection gets. */
    public static final MirrorNormalShares ALL = new MirrorNormalShares(1, 1);

    public MirrorNormalShares {
        if (!(consistency >= 0 && consistency <= 1) || !(smoothness >= 0 && smoothness <= 1)) {
            throw new IllegalArgumentException("a mirror's share of a normal term is 0..1, got consistency " + consistency
                    + ", smoothness " + smoothness);
        }
    }
}
