package dev.splatlight.trainer.bake;

import dev.splatlight.core.gpu.ComputeKernel;
import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.gpu.ResourceScope;
import dev.splatlight.core.light.OcclusionVolume;
import dev.splatlight.core.splat.GaussianCloud;
import dev.splatlight.shaders.ShaderProgram;
import java.util.BitSet;

/**
 * GS-IR's bake on the GPU (bake/bake_occlusion.comp, docs/bake.md): the probes of the 8 grid points around every
 * Gaussian centre, each ray-marching the Gaussians within the threshold in 384 directions, then a few passes of
 * 6-neighbour dilation on the host.
 */
public final class OcclusionBaker implements AutoCloseable {
    /** Probes per dispatch: bounded work per submission (no driver timeouts) and progress between them. */
    private static final int PROBES_PER_DISPATCH = 8192;

    private final Gpu gpu;
    private final ComputeKernel kernel;

    public OcclusionBaker(Gpu gpu) {
        this.gpu = gpu;
        this.kernel = ComputeKernel.create(gpu, ShaderProgram.BAKE_OCCLUSION);
    }

    /** Hears how many of the probes are baked. */
    public interface Progress {
        void probes(int done, int total);
    }

    /** Bakes the volume of {@code cloud}. */
    public OcclusionVolume bake(GaussianCloud cloud, BakeSettings settings, Progress progress) {
        int[] cells = probeCells(cloud, settings);
        Occluders occluders = Occluders.of(cloud, settings);
        float[] coefficients = new float[OcclusionVolume.COEFFICIENTS * cells.length];
        if (cells.length > 0) {
            run(cells, occluders, settings, coefficients, progress);
        }
        OcclusionVolume baked = new OcclusionVolume(settings.resolution(), settings.bound(), settings.threshold(), cells, coefficients);
        return ProbeDilation.dilate(baked, settings.dilation());
    }

    private void run(int[] cells, Occluders occluders, BakeSettings settings, float[] coefficients, Progress progress) {
        try (ResourceScope scope = new ResourceScope("bake")) {
            GpuBuffer probeCells = scope.own(GpuBuffer.withInts(gpu, "probe cells [P] u32", cells));
            GpuBuffer packed = scope.own(GpuBuffer.withFloats(gpu, "occluders [G, 11] f32", occluders.packed()));
            GpuBuffer starts = scope.own(GpuBuffer.withInts(gpu, "occluder cell starts [cells + 1] u32", occluders.cellStarts()));
            GpuBuffer order = scope.own(GpuBuffer.withInts(gpu, "occluders by cell [G] u32", occluders.order()));
            GpuBuffer out = scope.own(GpuBuffer.create(gpu, "probe SH [P, 16] f32", 64L * cells.length, MemoryKind.DEVICE));
            for (int first = 0; first < cells.length; first += PROBES_PER_DISPATCH) {
                int batch = Math.min(PROBES_PER_DISPATCH, cells.length - first);
                int start = first;
                gpu.submitAndWait(commands -> commands.dispatch(kernel.call().buffer("ProbeCells", probeCells)
                        .buffer("Occluders", packed).buffer("CellStarts", starts).buffer("CellOccluders", order)
                        .buffer("ProbeCoefficients", out)
                        .pushInts(start, settings.resolution()).pushFloat(settings.bound()).pushFloat(settings.threshold())
                        .pushInt(occluders.cellsPerAxis()).pushFloat(occluders.cellOrigin()).pushFloat(occluders.cellSize())
                        .pushFloat(occluders.searchRadius()).pushInt(occluders.largeCount()).pushFloat(settings.near()), batch));
                progress.probes(first + batch, cells.length);
            }
            System.arraycopy(out.readFloats(coefficients.length), 0, coefficients, 0, coefficients.length);
        }
    }

    /**
     * Probes baked around each Gaussian centre beyond its own cell's 8 corners, per axis and side. A surface point
     * reads the 8 probes around p + n·spacing, up to two spacings in front of it (include/light/probe_grid.glsl):
     * with only the corners of the surface Gaussians' cells baked, most of those were dilated copies, averaged with
     * probes inside the object that see nothing, and trio's diffuse surfaces came out half occluded.
     */
    static final int MARGIN = 1;

    /** Grid indices of the probes within {@link #MARGIN} cells of each Gaussian centre's cell, increasing. */
    static int[] probeCells(GaussianCloud cloud, BakeSettings settings) {
        int r = settings.resolution();
        float spacing = settings.spacing();
        BitSet marked = new BitSet(r * r * r);
        for (int i = 0; i < cloud.count(); i++) {
            int[] base = new int[3];
            boolean inside = true;
            for (int k = 0; k < 3; k++) {
                float g = (cloud.means[3 * i + k] + settings.bound()) / spacing;
                inside &= g >= 0 && g <= r - 1;
                base[k] = Math.min((int) Math.floor(g), r - 2);
            }
            if (!inside) {
                continue;
            }
            for (int x = Math.max(0, base[0] - MARGIN); x <= Math.min(r - 1, base[0] + 1 + MARGIN); x++) {
                for (int y = Math.max(0, base[1] - MARGIN); y <= Math.min(r - 1, base[1] + 1 + MARGIN); y++) {
                    for (int z = Math.max(0, base[2] - MARGIN); z <= Math.min(r - 1, base[2] + 1 + MARGIN); z++) {
                        marked.set((x * r + y) * r + z);
                    }
                }
            }
        }
        return marked.stream().toArray();
    }

    @Override
    public void close() {
        kernel.close();
    }
}
