package dev.splatlight.trainer.material;

import dev.splatlight.core.light.EnvironmentCube;
import dev.splatlight.core.light.io.HdrImageReader;
import java.nio.file.Path;

/**
 * The material stage's starting light from an HDRI ({@code train --light-start}): for research, the light a scene was
 * photographed under, so that materials can be learned under the true light (held fixed with
 * {@code --environment-lr 0}) and a decomposition's errors told apart from its light's.
 */
public final class HdriLightStart {
    /** The darkest radiance a texel starts at: θ is log radiance, and black has no logarithm. */
    private static final float DARKEST = 1e-4f;

    private HdriLightStart() {
    }

    /** θ [6, size, size, 3] (log linear radiance) of the equirect HDRI {@code hdri} resampled onto size² faces. */
    public static float[] logRadiance(Path hdri, int size) {
        float[] rgb = EnvironmentCube.fromEquirect(HdrImageReader.read(hdri), size).rgb();
        float[] theta = new float[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            theta[i] = (float) Math.log(Math.max(rgb[i], DARKEST));
        }
        return theta;
    }
}
