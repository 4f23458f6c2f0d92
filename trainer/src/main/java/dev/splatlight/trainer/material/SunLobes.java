package dev.splatlight.trainer.material;

import dev.splatlight.core.gpu.CommandRecorder;
import dev.splatlight.core.gpu.ComputeKernel;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.shaders.ShaderProgram;
import dev.splatlight.trainer.optim.AdamGroup;
import dev.splatlight.trainer.optim.AdamStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.joml.Vector3f;
import org.joml.Vector3fc;

/**
 * The learned light's sun lobes: K spherical Gaussians added to the cube's level 0 before its mips and prefiltering
 * ({@code include/trainer/sun_lobes.glsl} has the formula). A sun holds a quarter of city.hdr's energy in 0.1 % of
 * its directions; per-texel log radiance under TV spreads it into a glow, which the diffuse surfaces accept but a
 * mirror does not (docs/material-stage.md). A lobe moves its whole energy with one parameter and sharpens without
 * moving energy, so the diffuse shading sets its energy and the mirrors its width and direction. Parameters [K, 8]:
 * direction p (3, unnormalised), sharpness logit s, log energy (RGB), padding. Their gradients come from
 * ∂L/∂level 0, which the light's adjoint chain already produces.
 */
public final class SunLobes implements AutoCloseable {
    /** Floats per lobe (the GLSL's SUN_LOBE_FLOATS). */
    public static final int FLOATS = 8;
    /** λ of the broadest lobe (the GLSL's SUN_LOBE_MIN_SHARPNESS). */
    public static final double MIN_SHARPNESS = 0.5;
    /** A new lobe's sharpness: about 30° wide, so that it overlaps the sun from a rough start. */
    public static final double START_SHARPNESS = 4;
    /** A new lobe's share of the starting light's energy: small, so that it grows only where the photos ask. */
    public static final double START_ENERGY_SHARE = 0.05;

    private final int count;
    private final int size;
    private final ResourceScope resources = new ResourceScope("sun lobes");
    private final AdamGroup parameters; // [max(K, 1), 8]: a buffer exists even without lobes, for the forward's binding
    private final ComputeKernel backward;

    /** @param lobes [K, 8]; @param moments [2, K·8] or null; @param size the cube's level-0 face size */
    public SunLobes(Gpu gpu, float[] lobes, float[] moments, int size) {
        if (lobes.length % FLOATS != 0) {
            throw new IllegalArgumentException(lobes.length + " floats are not whole sun lobes of " + FLOATS);
        }
        this.count = lobes.length / FLOATS;
        this.size = size;
        try {
            parameters = resources.own(new AdamGroup(gpu, "sun lobes [K, 8]", count == 0 ? new float[FLOATS] : lobes,
                    count == 0 ? null : moments));
            backward = resources.own(ComputeKernel.create(gpu, ShaderProgram.SUN_LOBES_BACKWARD));
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /** λ_max: the sharpest lobe is a level-0 texel wide at a face's centre (angular σ = 2/size). */
    public static double maxSharpness(int size) {
        return 0.25 * size * (double) size;
    }

    public int count() {
        return count;
    }

    /** The parameters the forward pass reads. */
    public GpuBuffer buffer() {
        return parameters.values;
    }

    public void recordZeroGradients(CommandRecorder commands) {
        commands.fill(parameters.gradients, 0);
    }

    /** ∂L/∂parameters from ∂L/∂radiance of level 0 ({@code gradChain} starts with level 0). */
    public void recordBackward(CommandRecorder commands, GpuBuffer gradChain) {
        if (count > 0) {
            commands.dispatch(backward.call().buffer("GradChain", gradChain).buffer("SunLobes", parameters.values)
                    .buffer("GradSunLobes", parameters.gradients).pushInts(size, count).pushFloat((float) maxSharpness(size)),
                    (6 * size * size + 255) / 256);
        }
    }

    public void recordAdam(CommandRecorder commands, AdamStep adam, float learningRate, int t) {
        if (count > 0) {
            parameters.recordAdam(commands, adam, FLOATS, learningRate, t);
        }
    }

    /** [K, 8] (waits for the GPU). */
    public float[] download() {
        return count == 0 ? new float[0] : parameters.downloadValues();
    }

    /** ∂L/∂parameters of the last backward pass, [K, 8] (waits for the GPU). */
    public float[] downloadGradient() {
        return count == 0 ? new float[0] : parameters.gradients.readFloats(FLOATS * count);
    }

    /** Adam's moments [2, K·8] (waits for the GPU). */
    public float[] downloadMoments() {
        return count == 0 ? new float[0] : parameters.downloadMoments();
    }

    /**
     * K new lobes: the first towards {@code main} (where the light comes from, {@link MaterialInitialisation#lightDirection}),
     * the others spread over the sphere (a Fibonacci lattice), each {@link #START_SHARPNESS} sharp with
     * {@link #START_ENERGY_SHARE} of {@code energy}, the starting light's integral over the sphere per channel.
     */
    public static float[] initial(int count, Vector3fc main, double[] energy, int size) {
        float[] lobes = new float[FLOATS * count];
        double sigma = (START_SHARPNESS - MIN_SHARPNESS) / (maxSharpness(size) - MIN_SHARPNESS);
        float logit = (float) MaterialInitialisation.logit(sigma);
        for (int k = 0; k < count; k++) {
            Vector3f direction = k == 0 ? new Vector3f(main).normalize() : fibonacci(k - 1, count - 1);
            int o = FLOATS * k;
            lobes[o] = direction.x;
            lobes[o + 1] = direction.y;
            lobes[o + 2] = direction.z;
            lobes[o + 3] = logit;
            for (int c = 0; c < 3; c++) {
                lobes[o + 4 + c] = (float) Math.log(START_ENERGY_SHARE * energy[c]);
            }
        }
        return lobes;
    }

    private static Vector3f fibonacci(int i, int n) {
        double y = 1 - 2 * (i + 0.5) / n;
        double r = Math.sqrt(Math.max(0, 1 - y * y));
        double phi = i * Math.PI * (3 - Math.sqrt(5));
        return new Vector3f((float) (r * Math.cos(phi)), (float) y, (float) (r * Math.sin(phi)));
    }

    /** Sharpness λ of a lobe's logit s. */
    public static double sharpness(float logit, int size) {
        return MIN_SHARPNESS + (maxSharpness(size) - MIN_SHARPNESS) / (1 + Math.exp(-logit));
    }

    /**
     * What each lobe became, for train-summary.json: unit direction, sharpness λ, angular width (1/√λ, degrees),
     * energy per channel (the integral over the sphere) and peak radiance.
     */
    public static List<Map<String, Object>> describe(float[] lobes, int size) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int o = 0; o + FLOATS <= lobes.length; o += FLOATS) {
            Vector3f direction = new Vector3f(lobes[o], lobes[o + 1], lobes[o + 2]).normalize();
            double lambda = sharpness(lobes[o + 3], size);
            double normaliser = lambda / (2 * Math.PI * -Math.expm1(-2 * lambda));
            double[] energy = new double[3], peak = new double[3];
            for (int c = 0; c < 3; c++) {
                energy[c] = Math.exp(lobes[o + 4 + c]);
                peak[c] = energy[c] * normaliser;
            }
            Map<String, Object> lobe = new LinkedHashMap<>();
            lobe.put("direction", new double[] {direction.x, direction.y, direction.z});
            lobe.put("sharpness", lambda);
            lobe.put("width_deg", Math.toDegrees(1 / Math.sqrt(lambda)));
            lobe.put("energy", energy);
            lobe.put("peak_radiance", peak);
            list.add(lobe);
        }
        return list;
    }

    @Override
    public void close() {
        resources.close();
    }
}
