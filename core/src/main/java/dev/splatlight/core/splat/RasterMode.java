package dev.splatlight.core.splat;

/** How the rasterizer's pipelines are specialised. */
public enum RasterMode {
    /** The 3DGS rasterizer: 1/255 alpha cutoff, splats cover the tiles of their 3σ square. */
    STANDARD,
    /**
     * For finite-difference tests of the backward pass only: no alpha cutoff and every splat covers every tile, so
     * the image is a smooth function of the parameters (slow; never for real scenes).
     */
    SMOOTH_FOR_GRADIENT_TESTS;

    /** Specialization constant 7 of the splat kernels (include/splat/smooth_test_mode.glsl). */
    public int smoothTestModeConstant() {
        return this == SMOOTH_FOR_GRADIENT_TESTS ? 1 : 0;
    }
}
