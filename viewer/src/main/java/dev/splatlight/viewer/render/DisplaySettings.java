package dev.splatlight.viewer.render;

import org.joml.Vector3f;
import org.joml.Vector3fc;

/**
 * How a render is turned into a picture.
 *
 * @param exposure    EV: radiance is multiplied by 2^exposure
 * @param aces        ACES filmic tone mapping, or a plain clip
 * @param background  null: the environment; else this linear colour
 * @param blurLevel   radiance-chain level the environment background is read at (0 sharp)
 */
public record DisplaySettings(ViewMode mode, float exposure, boolean aces, Vector3fc background, float blurLevel) {
    public static final DisplaySettings DEFAULT = new DisplaySettings(ViewMode.SHADED, 0, true, null, 0);

    public DisplaySettings {
        background = background == null ? null : new Vector3f(background);
    }
}
