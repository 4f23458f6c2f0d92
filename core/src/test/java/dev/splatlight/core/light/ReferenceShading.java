package dev.splatlight.core.light;

import dev.splatlight.core.testing.ReferenceSphericalHarmonics;

/**
 * Plain-Java reference of light/shade_gbuffer.comp and the includes it uses (split_sum, occlusion,
 * irradiance_volume, probe_grid, gbuffer), in double precision.
 */
public final class ReferenceShading {
    private ReferenceShading() {
    }

    /** A pixel's surface, as gbuffer_surface reads it. */
    public record Surface(double[] position, double[] normal, double[] view, double[] albedo, double roughness, double metallic) {
    }

    /** Shaded linear RGB and the occlusion and indirect terms it used (diffuse, then the specular lobe's). */
    public record Shaded(double[] color, double visibility, double indirect, double specularVisibility, double specularIndirect) {
    }

    public static Shaded shade(Surface s, float[] prefiltered, float[] irradianceCube, CubeChain chain, float[] dfg,
                        OcclusionVolume occlusion, IrradianceVolume indirect) {
        return shade(s, prefiltered, irradianceCube, chain, dfg, occlusion, indirect, false, new double[] {1, 1, 1});
    }

    /**
     * A traced reflection as the shading holds it: the hit's coverage h and the radiance H it sends back; the specular
     * light becomes mix(S, H, w), w = h·reflectionWeight(roughness) where h > 1e-4.
     */
    public record HeldReflection(double coverage, double[] radiance) {
        public static final HeldReflection NONE = new HeldReflection(0, new double[3]);

        public double share(double roughness) {
            return coverage > 1e-4 ? coverage * reflectionWeight(roughness) : 0;
        }
    }

    /** reflection_hits.glsl's reflection_weight: 1 up to roughness 0.25, 0 from 0.5, linear between. */
    public static double reflectionWeight(double roughness) {
        return Math.max(0, Math.min(1, (0.5 - roughness) / 0.25));
    }

    /** With the specular lobe occluded too when {@code specularOcclusion}, the indirect term scaled by {@code indirectScale}. */
    public static Shaded shade(Surface s, float[] prefiltered, float[] irradianceCube, CubeChain chain, float[] dfg,
                               OcclusionVolume occlusion, IrradianceVolume indirect, boolean specularOcclusion,
                               double[] indirectScale) {
        return shade(s, prefiltered, irradianceCube, chain, dfg, occlusion, indirect, specularOcclusion, indirectScale,
                HeldReflection.NONE);
    }

    /** As above, with a traced reflection mixed into the specular light. */
    public static Shaded shade(Surface s, float[] prefiltered, float[] irradianceCube, CubeChain chain, float[] dfg,
                               OcclusionVolume occlusion, IrradianceVolume indirect, boolean specularOcclusion,
                               double[] indirectScale, HeldReflection reflection) {
        double[] r = reflect(s.normal(), s.view());
        double[] coefficients = occlusion == null ? null : occlusionCoefficients(s.position(), s.normal(), occlusion);
        double visibility = coefficients == null ? 1 : visibility(coefficients, s.normal());
        double specularVisibility = coefficients == null || !specularOcclusion ? 1 : lobeVisibility(coefficients, r, s.roughness());
        double indirectLight = indirect == null ? 0 : indirect(s.position(), s.normal(), s.normal(), indirect);
        double specularIndirect = indirect == null || specularVisibility >= 1 ? 0 : indirect(s.position(), s.normal(), r, indirect);
        return new Shaded(combine(s, s.normal(), prefiltered, irradianceCube, chain, dfg, visibility, indirectLight,
                specularVisibility, specularIndirect, indirectScale, reflection), visibility, indirectLight, specularVisibility,
                specularIndirect);
    }

    /**
     * shade_gbuffer.comp with traced reflections: the hit surface (the trace's sums {@code hit}: G-buffer channels,
     * coverage, distance along R) shaded as seen from along R, then s shaded with it held.
     */
    public static double[] shadeWithReflection(Surface s, float[] prefiltered, float[] irradianceCube, CubeChain chain, float[] dfg,
                                               OcclusionVolume occlusion, IrradianceVolume indirect, double[] hit) {
        double[] r = reflect(s.normal(), s.view());
        double coverage = hit[8];
        double[] seen = new double[3];
        if (coverage > 1e-4) {
            double[] n = ReferenceEnvironment.normalize(new double[] {hit[0], hit[1], hit[2]});
            double distance = hit[9] / coverage;
            Surface h = new Surface(new double[] {s.position()[0] + r[0] * distance, s.position()[1] + r[1] * distance,
                    s.position()[2] + r[2] * distance}, n, new double[] {-r[0], -r[1], -r[2]},
                    new double[] {hit[3] / coverage, hit[4] / coverage, hit[5] / coverage}, hit[6] / coverage, hit[7] / coverage);
            seen = shade(h, prefiltered, irradianceCube, chain, dfg, occlusion, indirect).color();
        }
        return shade(s, prefiltered, irradianceCube, chain, dfg, occlusion, indirect, false, new double[] {1, 1, 1},
                new HeldReflection(coverage, seen)).color();
    }

    /** The split-sum colour of surface s with normal n, the occlusion and indirect terms given (shade_with_normal). */
    public static double[] combine(Surface s, double[] n, float[] prefiltered, float[] irradianceCube, CubeChain chain, float[] dfg,
                                   double visibility, double indirectLight, double specularVisibility, double specularIndirect,
                                   double[] indirectScale, HeldReflection reflection) {
        double nv = ReferenceEnvironment.dot(n, s.view());
        double[] specular = prefilteredLookup(prefiltered, chain, reflect(n, s.view()), s.roughness());
        double[] irradiance = bilinear(irradianceCube, chain.smallestSize(), 0, n);
        double[] ab = dfgLookup(dfg, nv, s.roughness());
        double[] color = new double[3];
        double share = reflection.share(s.roughness());
        for (int c = 0; c < 3; c++) {
            double f0 = 0.04 * (1 - s.metallic()) + s.albedo()[c] * s.metallic();
            double diffuse = irradiance[c] * visibility + (1 - visibility) * indirectLight * indirectScale[c];
            double specularLight = specular[c] * specularVisibility + (1 - specularVisibility) * specularIndirect * indirectScale[c];
            specularLight += (reflection.radiance()[c] - specularLight) * share;
            color[c] = s.albedo()[c] * (1 - s.metallic()) * diffuse + specularLight * (f0 * ab[0] + ab[1]);
        }
        return color;
    }

    public static double[] reflect(double[] n, double[] v) {
        double nv = ReferenceEnvironment.dot(n, v);
        return new double[] {2 * nv * n[0] - v[0], 2 * nv * n[1] - v[1], 2 * nv * n[2] - v[2]};
    }

    public static double levelForRoughness(double roughness, int levels) {
        double span = levels - 2;
        if (roughness < 0.5) {
            return (Math.max(0.08, Math.min(0.5, roughness)) - 0.08) / 0.42 * span;
        }
        return span + (Math.min(roughness, 1) - 0.5) / 0.5;
    }

    public static double[] prefilteredLookup(float[] prefiltered, CubeChain chain, double[] r, double roughness) {
        double level = Math.max(0, Math.min(chain.levels() - 1, levelForRoughness(roughness, chain.levels())));
        int lower = (int) Math.floor(level);
        int upper = Math.min(lower + 1, chain.levels() - 1);
        double f = level - lower;
        double[] a = bilinear(prefiltered, chain.size(lower), chain.levelOffset(lower), r);
        double[] b = bilinear(prefiltered, chain.size(upper), chain.levelOffset(upper), r);
        return new double[] {a[0] * (1 - f) + b[0] * f, a[1] * (1 - f) + b[1] * f, a[2] * (1 - f) + b[2] * f};
    }

    /** Bilinear lookup of one cube level (size, first texel) in an RGB buffer, clamped to the face. */
    public static double[] bilinear(float[] rgb, int size, int offset, double[] d) {
        double[] fuv = ReferenceEnvironment.faceUv(d);
        int face = (int) fuv[0];
        double tx = fuv[1] * size - 0.5, ty = fuv[2] * size - 0.5;
        int bx = (int) Math.floor(tx), by = (int) Math.floor(ty);
        double fx = tx - bx, fy = ty - by;
        double[] out = new double[3];
        for (int k = 0; k < 4; k++) {
            int x = Math.max(0, Math.min(size - 1, bx + (k & 1))), y = Math.max(0, Math.min(size - 1, by + (k >> 1)));
            double w = ((k & 1) == 1 ? fx : 1 - fx) * ((k >> 1) == 1 ? fy : 1 - fy);
            int texel = offset + (face * size + y) * size + x;
            for (int c = 0; c < 3; c++) {
                out[c] += w * rgb[3 * texel + c];
            }
        }
        return out;
    }

    public static double[] dfgLookup(float[] dfg, double nDotV, double roughness) {
        int size = SplitSum.DFG_SIZE;
        double u = Math.max(1e-4, Math.min(1, nDotV)) * size - 0.5, v = Math.max(0, Math.min(1, roughness)) * size - 0.5;
        int bx = (int) Math.floor(u), by = (int) Math.floor(v);
        double fx = u - bx, fy = v - by;
        double[] out = new double[2];
        for (int k = 0; k < 4; k++) {
            int x = Math.max(0, Math.min(size - 1, bx + (k & 1))), y = Math.max(0, Math.min(size - 1, by + (k >> 1)));
            double w = ((k & 1) == 1 ? fx : 1 - fx) * ((k >> 1) == 1 ? fy : 1 - fy);
            out[0] += w * dfg[2 * (y * size + x)];
            out[1] += w * dfg[2 * (y * size + x) + 1];
        }
        return out;
    }

    /** {cells[8], weights[8]} of probe_grid_corners. */
    public static double[][] corners(double[] p, double[] n, int resolution, double bound, double normalOffset) {
        double spacing = 2 * bound / (resolution - 1);
        double[][] out = new double[2][8];
        int[] base = new int[3];
        double[] f = new double[3];
        for (int k = 0; k < 3; k++) {
            double g = Math.max(0, Math.min(resolution - 1, (p[k] + n[k] * normalOffset * spacing + bound) / spacing));
            base[k] = Math.min((int) Math.floor(g), resolution - 2);
            f[k] = g - base[k];
        }
        for (int corner = 0; corner < 8; corner++) {
            int[] o = {corner >> 2, (corner >> 1) & 1, corner & 1};
            double weight = 1, facing = 0;
            for (int k = 0; k < 3; k++) {
                weight *= o[k] == 1 ? f[k] : 1 - f[k];
                facing += (-bound + spacing * (base[k] + o[k]) - p[k]) * n[k];
            }
            out[0][corner] = ((base[0] + o[0]) * resolution + base[1] + o[1]) * resolution + base[2] + o[2];
            out[1][corner] = facing > 0 ? weight : 0;
        }
        return out;
    }

    static final double INSIDE_FRACTION = 0.15; // occlusion.glsl's OCCLUSION_INSIDE_FRACTION

    public static double occlusion(double[] p, double[] n, OcclusionVolume volume) {
        double[] coefficients = occlusionCoefficients(p, n, volume);
        return coefficients == null ? 1 : visibility(coefficients, n);
    }

    /** The probes' SH blended as occlusion_coefficients does, or null where no probe is usable. */
    public static double[] occlusionCoefficients(double[] p, double[] n, OcclusionVolume volume) {
        double[][] corners = corners(p, n, volume.resolution(), volume.bound(), 1);
        double[] coefficients = new double[16];
        double weights = 0;
        for (int c = 0; c < 8; c++) {
            int slot = volume.slotOf((int) corners[0][c]);
            if (slot < 0 || corners[1][c] <= 0
                    || volume.coefficients()[16 * slot] < INSIDE_FRACTION * 2 * Math.sqrt(Math.PI)) { // inside the geometry
                continue;
            }
            for (int k = 0; k < 16; k++) {
                coefficients[k] += corners[1][c] * volume.coefficients()[16 * slot + k];
            }
            weights += corners[1][c];
        }
        if (weights <= 0) {
            return null;
        }
        for (int k = 0; k < 16; k++) {
            coefficients[k] /= weights;
        }
        return coefficients;
    }

    /** occlusion_lobe_visibility: Σ c_k·Y_k(r)·exp(−l(l+1)·roughness⁴) over the degree-3 SH, clamped to [0, 1]. */
    public static double lobeVisibility(double[] coefficients, double[] r, double roughness) {
        return Math.max(0, Math.min(1, lobeSum(coefficients, r, roughness)));
    }

    private static double lobeSum(double[] coefficients, double[] r, double roughness) {
        double[] basis = ReferenceSphericalHarmonics.basis(3, r[0], r[1], r[2]);
        double sum = 0;
        for (int k = 0; k < 16; k++) {
            int l = k == 0 ? 0 : k < 4 ? 1 : k < 9 ? 2 : 3;
            sum += coefficients[k] * basis[k] * Math.exp(-l * (l + 1) * Math.pow(roughness, 4));
        }
        return sum;
    }

    /** Cosine-weighted hemisphere average around n of clamp(Σ c_k Y_k, 0, 1), 64 Hammersley directions (occlusion.glsl). */
    public static double visibility(double[] coefficients, double[] n) {
        double[] up = Math.abs(n[2]) < 0.999 ? new double[] {0, 0, 1} : new double[] {1, 0, 0};
        double[] tx = ReferenceEnvironment.normalize(ReferenceEnvironment.cross(up, n));
        double[] ty = ReferenceEnvironment.cross(n, tx);
        int samples = 64;
        double sum = 0;
        for (int i = 0; i < samples; i++) {
            double[] xi = ReferenceEnvironment.hammersley(i, samples);
            double r = Math.sqrt(xi[0]), phi = 2 * Math.PI * xi[1], z = Math.sqrt(Math.max(1 - xi[0], 0));
            double lx = r * Math.cos(phi), ly = r * Math.sin(phi);
            double[] d = {tx[0] * lx + ty[0] * ly + n[0] * z, tx[1] * lx + ty[1] * ly + n[1] * z, tx[2] * lx + ty[2] * ly + n[2] * z};
            double[] basis = ReferenceSphericalHarmonics.basis(3, d[0], d[1], d[2]);
            double v = 0;
            for (int k = 0; k < 16; k++) {
                v += coefficients[k] * basis[k];
            }
            sum += Math.max(0, Math.min(1, v));
        }
        return sum / samples;
    }

    /** The volume's SH toward d from the probes in front of (p, n), clamped at 0 (irradiance_volume_toward). */
    public static double indirect(double[] p, double[] n, double[] d, IrradianceVolume volume) {
        double[][] corners = corners(p, n, volume.resolution(), volume.bound(), 0);
        double weights = 0;
        for (int c = 0; c < 8; c++) {
            weights += corners[1][c];
        }
        if (weights <= 0) {
            return 0;
        }
        double[] basis = ReferenceSphericalHarmonics.basis(2, d[0], d[1], d[2]);
        double sum = 0;
        for (int c = 0; c < 8; c++) {
            for (int k = 0; k < 9; k++) {
                sum += corners[1][c] / weights * basis[k] * volume.coefficients()[9 * (int) corners[0][c] + k];
            }
        }
        return Math.max(0, sum); // light is never negative
    }
}
