package dev.splatlight.trainer.reflection;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.splatlight.trainer.loss.MirrorNormalShares;

/**
 * The geometry stage's mirror reflections and what tunes them (train-config.json keeps the flat names it always had).
 *
 * @param on shade mirror reflections in the geometry stage ({@code --reflections}, off by default): per-Gaussian
 *           reflection strength and a learned mirror environment (trainer/mirror_reflection.glsl), trained on
 *           3DGS-DR's schedule ({@link ReflectionSchedule})
 * @param normalWeight how strongly the reflection turns the normals, a factor on its normal gradient
 *                     ({@code --reflection-normal-weight}; {@value #NORMAL_WEIGHT})
 * @param normalSmoothness the normal smoothness a mirror gets, as a share of other surfaces' (above 1: more): each pixel
 *                         pair's weight is scaled by 1 − (1 − this)·R, R the larger blended reflection strength of the
 *                         two ({@code --reflection-normal-smoothness}; 1: everywhere alike, as GS-IR)
 * @param smoothnessEdges  the share of the photo's edge weight that smoothness keeps on a mirror: the pair's edge weight
 *                         w becomes w + (1 − w)(1 − this)·R ({@code --reflection-smoothness-edges}; 1: as GS-IR), since
 *                         the edges a mirror shows are its reflection's, not its shape's
 * @param normalConsistency the share of the depth–normal consistency a mirror keeps: each pixel's weight is scaled by
 *                          1 − (1 − this)·R ({@code --reflection-normal-consistency}; 1: everywhere alike, as GS-IR)
 * @param traceEvery trace each mirror pixel's reflected ray through a snapshot of the Gaussians, taken every this
 *                   many iterations ({@link MirrorSceneTrace}), so that the mirror environment stands only for what
 *                   the ray does not meet ({@code --reflection-trace-every}; {@value #TRACE_EVERY}; 0: off, as 3DGS-DR)
 */
public record ReflectionSettings(@JsonProperty("reflections") boolean on,
                                 @JsonProperty("reflectionNormalWeight") float normalWeight,
                                 @JsonProperty("reflectionNormalSmoothness") float normalSmoothness,
                                 @JsonProperty("reflectionNormalConsistency") float normalConsistency,
                                 @JsonProperty("reflectionSmoothnessEdges") float smoothnessEdges,
                                 @JsonProperty("reflectionTraceEvery") int traceEvery) {
    /**
     * Ten times 3DGS-DR's. The depth-normal losses fit a mirror's normals to its rendered depth, which its reflection,
     * formed inside it, makes wrong (trio's sphere: 40° off per pixel, its splat normals 9°); the reflection's own
     * gradient has to outweigh them (trio, --reflections: sphere normals 8.8–9.1° → 7.6°, albedo 23.0–23.4 → 24.3 dB).
     */
    public static final float NORMAL_WEIGHT = 10.0f;
    /** GS-IR's: mirrors are smoothed like every other surface. */
    public static final float NORMAL_SMOOTHNESS = 1.0f;
    /** GS-IR's: mirrors' normals are pulled towards their depth's like every other surface's. */
    public static final float NORMAL_CONSISTENCY = 1.0f;
    /** GS-IR's: a mirror's smoothness stops at the photo's edges like every other surface's. */
    public static final float SMOOTHNESS_EDGES = 1.0f;
    /**
     * A new snapshot for the mirrors' traced rays every thousand iterations, each view traced once per snapshot. Trio
     * (H200, alone): relighting 27.80–27.86 dB without the trace, 28.19 dB with it (28.11 and 28.16 in two more
     * runs), sphere normals 3.17° → 2.70° where the photo shows the environment; the whole pipeline 190 → 198 s.
     * Every 2000: 27.62 dB, the snapshot too stale.
     */
    public static final int TRACE_EVERY = 1000;
    /** GS-IR's geometry stage: no reflections (the tuning at its defaults, for when they are switched on). */
    public static final ReflectionSettings OFF = new ReflectionSettings(false, NORMAL_WEIGHT, NORMAL_SMOOTHNESS, NORMAL_CONSISTENCY,
            SMOOTHNESS_EDGES, TRACE_EVERY);

    public ReflectionSettings {
        if (!(normalWeight >= 0)) {
            throw new IllegalArgumentException("--reflection-normal-weight must be at least 0, got " + normalWeight);
        }
        if (!(normalSmoothness >= 0 && normalSmoothness <= MirrorNormalShares.MAX_SMOOTHNESS)) {
            throw new IllegalArgumentException("--reflection-normal-smoothness must be in [0, "
                    + MirrorNormalShares.MAX_SMOOTHNESS + "], got " + normalSmoothness);
        }
        if (!(smoothnessEdges >= 0 && smoothnessEdges <= 1)) {
            throw new IllegalArgumentException("--reflection-smoothness-edges must be in [0, 1], got " + smoothnessEdges);
        }
        if (traceEvery < 0) {
            throw new IllegalArgumentException("--reflection-trace-every must be at least 0 (0: off), got " + traceEvery);
        }
        if (!(normalConsistency >= 0 && normalConsistency <= 1)) {
            throw new IllegalArgumentException("--reflection-normal-consistency must be in [0, 1], got " + normalConsistency);
        }
    }

    /** The same tuning with reflections on or off. */
    public ReflectionSettings switchedOn(boolean on) {
        return new ReflectionSettings(on, normalWeight, normalSmoothness, normalConsistency, smoothnessEdges, traceEvery);
    }

    /** Whether the geometry stage traces what its mirrors show of the scene. */
    public boolean traced() {
        return on && traceEvery > 0;
    }

    /** The shares of the normal terms a mirror keeps; null without reflections (no strength to scale them by). */
    public MirrorNormalShares mirrorShares() {
        return on ? new MirrorNormalShares(normalConsistency, normalSmoothness, smoothnessEdges) : null;
    }
}
