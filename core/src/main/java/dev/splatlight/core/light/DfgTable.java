package dev.splatlight.core.light;

import dev.splatlight.core.gpu.ComputeKernel;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.shaders.ShaderProgram;

/**
 * The split-sum DFG table ({@link SplitSum#DFG_SIZE}² pairs (A, B), x = n·v, y = roughness), generated on the GPU by
 * importance-sampling GGX with the height-correlated Smith term — our own table, not nvdiffrec's (design.md §1).
 */
public final class DfgTable implements AutoCloseable {
    /** Hammersley samples per texel: the table's A, B settle to about 1e-4 by 1024. */
    public static final int DEFAULT_SAMPLES = 1024;

    private final GpuBuffer table;

    public DfgTable(Gpu gpu) {
        this(gpu, DEFAULT_SAMPLES);
    }

    public DfgTable(Gpu gpu, int samples) {
        int texels = SplitSum.DFG_SIZE * SplitSum.DFG_SIZE;
        table = GpuBuffer.create(gpu, "DFG table [" + SplitSum.DFG_SIZE + ", " + SplitSum.DFG_SIZE + ", 2] f32", 8L * texels,
                MemoryKind.DEVICE);
        try (ComputeKernel kernel = ComputeKernel.create(gpu, ShaderProgram.DFG_TABLE)) {
            gpu.submitAndWait(commands -> commands.dispatch(kernel.call().buffer("Dfg", table).pushInt(samples),
                    (texels + 63) / 64));
        } catch (RuntimeException e) {
            table.close();
            throw e;
        }
    }

    /** [DFG_SIZE (roughness), DFG_SIZE (n·v), 2] f32. */
    public GpuBuffer buffer() {
        return table;
    }

    @Override
    public void close() {
        table.close();
    }
}
