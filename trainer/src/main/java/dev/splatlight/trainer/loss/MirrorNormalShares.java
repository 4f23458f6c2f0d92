package dev.splatlight.trainer.loss;

/**
 * How much of the geometry stage's two normal terms a mirror gets (with {@code --reflections}; each scales its term
 * by 1 − (1 − share)·R, R the blended reflection strength): {@code consistency}, the pull towards the rendered depth's
 * normals ({@code --reflection-normal-consistency}, 0..1), which a mirror's depth misleads since its reflection forms
 * inside it; {@code smoothness}, the edge-aware smoothness ({@code --reflection-normal-smoothness}, 0..
 * {@value #MAX_SMOOTHNESS}: below 1 less, above 1 more than other surfaces), which leans normals towards the cameras
 * but holds a mirror's shape together; {@code edges}, how much of the photo's edge weight that smoothness keeps on a
 * mirror ({@code --reflection-smoothness-edges}, 0..1: the edge weight w becomes w + (1 − w)(1 − edges)·R), since the
 * edges a mirror shows are its reflection's, not its shape's.
 */
public record MirrorNormalShares(float consistency, float smoothness, float edges) {
    public static final float MAX_SMOOTHNESS = 10;
    /** Both terms in full, as GS-IR: what a surface without reflection gets. */
    public static final MirrorNormalShares ALL = new MirrorNormalShares(1, 1, 1);

    public MirrorNormalShares {
        if (!(consistency >= 0 && consistency <= 1) || !(smoothness >= 0 && smoothness <= MAX_SMOOTHNESS)
                || !(edges >= 0 && edges <= 1)) {
            throw new IllegalArgumentException("a mirror's share of a normal term is 0..1 (its smoothness 0.."
                    + MAX_SMOOTHNESS + "), got consistency " + consistency + ", smoothness " + smoothness + ", edges " + edges);
        }
    }
}
