package dev.splatlight.core.light;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.ResourceScope;

/**
 * An environment light on the GPU in the split-sum form: the unfiltered radiance chain (level 0 is the light itself),
 * the GGX-prefiltered chain of the same layout and the diffuse irradiance cube at the smallest level's size.
 * {@link EnvironmentBuilder} fills them; shading kernels read them through include/light/split_sum.glsl.
 */
public final class EnvironmentLight implements AutoCloseable {
    private final CubeChain chain;
    private final ResourceScope resources;
    private final GpuBuffer radiance;
    private final GpuBuffer prefiltered;
    private final GpuBuffer irradiance;

    public EnvironmentLight(Gpu gpu, String name, CubeChain chain) {
        this.chain = chain;
        this.resources = new ResourceScope("environment " + name);
        try {
            String shape = " [" + chain.texels() + ", 3] f32";
            radiance = resources.own(GpuBuffer.create(gpu, name + " radiance chain" + shape, chain.bytes(), MemoryKind.DEVICE));
            prefiltered = resources.own(GpuBuffer.create(gpu, name + " prefiltered chain" + shape, chain.bytes(), MemoryKind.DEVICE));
            int small = chain.smallestSize();
            irradiance = resources.own(GpuBuffer.create(gpu, name + " irradiance [6, " + small + ", " + small + ", 3] f32",
                    72L * small * small, MemoryKind.DEVICE));
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    public CubeChain chain() {
        return chain;
    }

    /** [chain texels, 3] f32: level 0 is the environment's radiance, the rest its 2×2 means. */
    public GpuBuffer radiance() {
        return radiance;
    }

    /** [chain texels, 3] f32: level i prefiltered with {@link SplitSum#levelRoughness}. */
    public GpuBuffer prefiltered() {
        return prefiltered;
    }

    /** [6, smallest, smallest, 3] f32: cosine-weighted irradiance divided by π. */
    public GpuBuffer irradiance() {
        return irradiance;
    }

    @Override
    public void close() {
        resources.close();
    }
}
