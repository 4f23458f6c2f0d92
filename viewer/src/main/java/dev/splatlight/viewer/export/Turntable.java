package dev.splatlight.viewer.export;

import dev.splatlight.viewer.camera.OrbitCamera;
import dev.splatlight.viewer.render.DisplaySettings;

/**
 * One relit turntable: {@code frames} frames of one full turn (the frame after the last would be the first again, so
 * the video loops without a jump), seen from {@code start} or from orbits of it.
 *
 * @param hdriRotationDegrees the HDRI's turn about +Z at frame 0 (the light mode adds to it)
 */
public record Turntable(OrbitCamera start, int width, int height, int frames, int fps, TurntableMotion motion,
                        float hdriRotationDegrees, DisplaySettings display) {
    public static final int MAX_FPS = 240;

    public Turntable {
        if (frames < 1 || fps < 1 || fps > MAX_FPS) {
            throw new IllegalArgumentException("a turntable needs at least 1 frame and 1.." + MAX_FPS + " frames per second, got "
                    + frames + " frames at " + fps + " fps");
        }
        if (width < 2 || height < 2) {
            throw new IllegalArgumentException("frame size " + width + "x" + height + " is too small");
        }
    }

    /** The camera of frame {@code frame}. */
    public OrbitCamera camera(int frame) {
        return motion == TurntableMotion.CAMERA ? start.orbit(turn(frame), 0) : start;
    }

    /** The HDRI's turn about +Z at frame {@code frame}, degrees. */
    public float hdriRotation(int frame) {
        return motion == TurntableMotion.LIGHT ? hdriRotationDegrees + turn(frame) : hdriRotationDegrees;
    }

    private float turn(int frame) {
        return 360f * frame / frames;
    }

    public double durationSeconds() {
        return frames / (double) fps;
    }
}
