package dev.splatlight.core.light;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.ResourceScope;

/** An {@link OcclusionVolume} on the GPU, as include/light/occlusion.glsl reads it: a dense slot per grid cell and the probes' coefficients. */
public final class OcclusionBuffers implements AutoCloseable {
    private final OcclusionVolume volume;
    private final ResourceScope buffers = new ResourceScope("occlusion volume");
    private final GpuBuffer slots;
    private final GpuBuffer coefficients;

    public OcclusionBuffers(Gpu gpu, OcclusionVolume volume) {
        this.volume = volume;
        try {
            int r = volume.resolution();
            slots = buffers.own(GpuBuffer.withInts(gpu, "occlusion slots [" + r + "³] i32", volume.slotsByCell()));
            coefficients = buffers.own(GpuBuffer.withFloats(gpu, "occlusion SH [" + volume.probes() + ", 16] f32",
                    volume.coefficients()));
        } catch (RuntimeException e) {
            buffers.close();
            throw e;
        }
    }

    public OcclusionVolume volume() {
        return volume;
    }

    /** [res³] i32: slot of each grid cell's probe, −1 where none was baked. */
    public GpuBuffer slots() {
        return slots;
    }

    /** [P, 16] f32. */
    public GpuBuffer coefficients() {
        return coefficients;
    }

    @Override
    public void close() {
        buffers.close();
    }
}
