package dev.splatlight.trainer.material;

import dev.splatlight.core.light.Srgb;
import dev.splatlight.core.splat.GaussianCloud;
import org.joml.Matrix4d;
import org.joml.Vector3f;
import org.joml.Vector4d;

/**
 * Starting material of each Gaussian, as logits of the activations in include/trainer/material_parameters.glsl:
 * albedo from its SH DC colour (display space, decoded to linear); roughness and metallic from how strongly its
 * geometry-stage colour changes with the view. A diffuse surface looks the same from everywhere; a mirror's colour
 * is the environment it reflects. With view dependence ρ = RMS over the sphere of the SH bands ≥ 1 divided by the
 * mean DC colour, t = smoothstep(0.05, 0.25, ρ) moves metallic from 0.05 to 0.95 and roughness from 0.5 to 0.15.
 * (Measured on mini at 3000 iterations: the diffuse sphere's Gaussians have ρ < 0.05 almost all, the gold cube's
 * spread to 0.6.) Started as diffuse, a mirror's reflections go into its albedo and the light brightens to match,
 * which darkens every other albedo: the decomposition loses its scale. A Gaussian that the geometry stage made a
 * mirror (the geometry stage's reflection strength R, with {@code --reflections}) starts at least as glossy as t = R says,
 * and its albedo moves by R towards {@link #METAL_REFLECTANCE} in its own hue: a mirror's colour is what it reflects,
 * so colour / light level says nothing of its reflectance, and the light the stage then starts from (the mirror light,
 * {@link MirrorLightStart}) assumes that reflectance. (On trio, in two pairs of runs, +0.5 dB albedo, relighting −0.1 dB.)
 */
public final class MaterialInitialisation {
    public static final int PARAMETERS = 5;
    private static final double MIN_ROUGHNESS = 0.04;
    static final double DIFFUSE_ROUGHNESS = 0.5, GLOSSY_ROUGHNESS = 0.15;
    static final double DIFFUSE_METALLIC = 0.05, GLOSSY_METALLIC = 0.95;
    static final double VIEW_DEPENDENCE_LOW = 0.05, VIEW_DEPENDENCE_HIGH = 0.25;
    /** The reflectance a metal starts with: its brightest channel's albedo (polished silver 0.95, gold 1.0, iron 0.56). */
    public static final double METAL_REFLECTANCE = 0.9;

    private MaterialInitialisation() {
    }

    /**
     * [N, 5] logits; {@code fromViewDependence} false starts every Gaussian diffuse; each albedo is the Gaussian's
     * linear colour divided by {@code lightLevel} (the radiance of the starting light, see {@link #lightLevel}).
     */
    public static float[] fromColours(GaussianCloud cloud, boolean fromViewDependence, double lightLevel) {
        int n = cloud.count();
        float[] logits = new float[PARAMETERS * n];
        for (int i = 0; i < n; i++) {
            double t = fromViewDependence ? Math.max(cloud.reflection[i],
                    smoothstep(VIEW_DEPENDENCE_LOW, VIEW_DEPENDENCE_HIGH, viewDependence(cloud, i))) : 0;
            double roughness = DIFFUSE_ROUGHNESS + t * (GLOSSY_ROUGHNESS - DIFFUSE_ROUGHNESS);
            double metallic = DIFFUSE_METALLIC + t * (GLOSSY_METALLIC - DIFFUSE_METALLIC);
            double[] colour = {linearColour(cloud, i, 0), linearColour(cloud, i, 1), linearColour(cloud, i, 2)};
            double brightest = Math.max(colour[0], Math.max(colour[1], colour[2]));
            double mirror = fromViewDependence ? cloud.reflection[i] : 0;
            for (int c = 0; c < 3; c++) {
                double albedo = (1 - mirror) * colour[c] / lightLevel + mirror * METAL_REFLECTANCE * colour[c] / brightest;
                logits[PARAMETERS * i + c] = (float) logit(Math.max(0.01, Math.min(0.99, albedo)));
            }
            logits[PARAMETERS * i + 3] = (float) logit((roughness - MIN_ROUGHNESS) / (1 - MIN_ROUGHNESS));
            logits[PARAMETERS * i + 4] = (float) logit(metallic);
        }
        return logits;
    }

    /**
     * The exposure prior. Albedo × light is ambiguous for diffuse surfaces, so the material stage keeps much of the
     * scale it starts with (trio's albedo once ended 2.5–3.6× too dark, but that was the smoothness term acting on
     * albedo rather than log albedo, see material_losses.comp; off by default). Assume, like a camera's metering, that
     * the median surface reflects {@code medianAlbedo} of the light: the level is the median Gaussian's linear colour
     * (mean of channels) over {@code medianAlbedo}. Grey, so the light takes no colour from the objects.
     */
    public static double lightLevel(GaussianCloud cloud, double medianAlbedo) {
        int n = cloud.count();
        if (n == 0) {
            return 1;
        }
        double[] brightness = new double[n];
        for (int i = 0; i < n; i++) {
            brightness[i] = (linearColour(cloud, i, 0) + linearColour(cloud, i, 1) + linearColour(cloud, i, 2)) / 3;
        }
        java.util.Arrays.sort(brightness);
        return brightness[n / 2] / medianAlbedo;
    }

    /**
     * Where the light mostly comes from, as the geometry stage saw it: diffuse surfaces facing the light are the bright
     * ones, so a least-squares fit of brightness ≈ a + b·n over the Gaussians (weighted by opacity, leaving out the
     * view-dependent and mirror ones, whose colour is a reflection) gives b along the light's first moment. Where the
     * fit finds no direction (b ≈ 0), straight up the cube's +Y. The sun lobes start there ({@link SunLobes}).
     */
    public static Vector3f lightDirection(GaussianCloud cloud) {
        Matrix4d normalMatrix = new Matrix4d().zero(); // AᵀWA and AᵀWy of the fit for (a, b)
        Vector4d moments = new Vector4d();
        for (int i = 0; i < cloud.count(); i++) {
            double weight = (1 - cloud.reflection[i]) * cloud.opacity(i);
            if (!(weight > 0) || viewDependence(cloud, i) > VIEW_DEPENDENCE_HIGH) {
                continue;
            }
            double[] x = {1, cloud.normals[3 * i], cloud.normals[3 * i + 1], cloud.normals[3 * i + 2]};
            double y = (linearColour(cloud, i, 0) + linearColour(cloud, i, 1) + linearColour(cloud, i, 2)) / 3;
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    normalMatrix.set(c, r, normalMatrix.get(c, r) + weight * x[r] * x[c]);
                }
            }
            moments.add(weight * y, weight * y * x[1], weight * y * x[2], weight * y * x[3]);
        }
        if (Math.abs(normalMatrix.determinant()) < 1e-12) {
            return new Vector3f(0, 1, 0);
        }
        Vector4d fit = normalMatrix.invert().transform(moments);
        Vector3f b = new Vector3f((float) fit.y, (float) fit.z, (float) fit.w);
        return b.lengthSquared() > 1e-12f ? b.normalize() : new Vector3f(0, 1, 0);
    }

    /** The Gaussian's view-independent colour, decoded from display space (kept off 0 and 1, where sRGB is steep). */
    private static double linearColour(GaussianCloud cloud, int i, int c) {
        double display = cloud.baseColour(i, c);
        return Srgb.decode(Math.max(0.03, Math.min(0.97, display)));
    }

    /** ρ: RMS over directions of the view-dependent SH part (bands 1–3, all channels) over the mean DC colour. */
    static double viewDependence(GaussianCloud cloud, int i) {
        double mean = 0, energy = 0;
        for (int c = 0; c < 3; c++) {
            mean += cloud.baseColour(i, c) / 3;
        }
        for (int k = 3; k < 48; k++) {
            energy += cloud.sh[48 * i + k] * cloud.sh[48 * i + k];
        }
        return Math.sqrt(energy / (3 * 4 * Math.PI)) / Math.max(mean, 0.05); // ∫ Y_k² = 1 over the sphere
    }

    private static double smoothstep(double low, double high, double x) {
        double t = Math.max(0, Math.min(1, (x - low) / (high - low)));
        return t * t * (3 - 2 * t);
    }

    static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
