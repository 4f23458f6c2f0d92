package dev.splatlight.trainer.material;

import dev.splatlight.core.light.ReferenceEnvironment;

/**
 * Plain double-precision sun lobes, written from the formula (include/trainer/sun_lobes.glsl's comment), not from the
 * kernels: L(ω) = E·λ/(2π(1 − e^{−2λ}))·exp(λ(μ·ω − 1)), μ = p/|p|, λ = λ_min + (λ_max − λ_min)·σ(s), E = exp e.
 */
final class ReferenceSunLobes {
    private ReferenceSunLobes() {
    }

    /** Radiance of lobes [K, 8] in unit direction ω on a cube of level-0 face size {@code size}, channel c. */
    static double radiance(double[] lobes, double[] omega, int size, int c) {
        double maxSharpness = size * (double) size / 4;
        double sum = 0;
        for (int o = 0; o + 8 <= lobes.length; o += 8) {
            double length = Math.sqrt(lobes[o] * lobes[o] + lobes[o + 1] * lobes[o + 1] + lobes[o + 2] * lobes[o + 2]);
            double cos = (lobes[o] * omega[0] + lobes[o + 1] * omega[1] + lobes[o + 2] * omega[2]) / length;
            double lambda = 0.5 + (maxSharpness - 0.5) / (1 + Math.exp(-lobes[o + 3]));
            double energy = Math.exp(lobes[o + 4 + c]);
            sum += energy * lambda / (2 * Math.PI * (1 - Math.exp(-2 * lambda))) * Math.exp(lambda * (cos - 1));
        }
        return sum;
    }

    /** Level 0 [6, size, size, 3] of exp θ plus the lobes, at texel centres. */
    static double[] level0(float[] theta, double[] lobes, int size) {
        double[] radiance = new double[theta.length];
        for (int face = 0; face < 6; face++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double[] omega = ReferenceEnvironment.texelDirection(face, x, y, size);
                    int t = (face * size + y) * size + x;
                    for (int c = 0; c < 3; c++) {
                        radiance[3 * t + c] = Math.exp(theta[3 * t + c]) + radiance(lobes, omega, size, c);
                    }
                }
            }
        }
        return radiance;
    }
}
