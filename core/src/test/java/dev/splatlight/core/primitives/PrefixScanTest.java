package dev.splatlight.core.primitives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.gpu.MemoryKind;
import dev.splatlight.core.testing.Buffers;
import dev.splatlight.core.testing.VulkanTest;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@VulkanTest
class PrefixScanTest {
    private final long seed = System.nanoTime();

    /** Sizes around the block boundaries of this device, up to three levels of recursion. */
    private static int[] awkwardSizes(Gpu gpu) {
        int block = gpu.workgroupShape().blockSize();
        return new int[] {0, 1, 2, 7, block - 1, block, block + 1, 512 * 16 + 123, block * block + 5, 2_000_003};
    }

    @Test
    void scanMatchesReferenceAtAwkwardSizes(Gpu gpu) {
        Random random = new Random(seed);
        for (int n : awkwardSizes(gpu)) {
            int[] values = IntStream.range(0, n).map(i -> random.nextInt(1000)).toArray();
            try (PrefixScan scan = new PrefixScan(gpu, n);
                 GpuBuffer input = Buffers.ints(gpu, "scan input", values);
                 GpuBuffer output = GpuBuffer.create(gpu, "scan output", n * 4L, MemoryKind.DEVICE)) {
                gpu.submitAndWait(commands -> scan.record(commands, input, output, n));
                assertArrayEquals(ReferencePrimitives.exclusivePrefixScan(values), Buffers.readInts(output, n),
                        "exclusive scan of " + n + " values, seed " + seed);
            }
        }
    }

    @Test
    void scanInPlaceWrapsAroundOnOverflow(Gpu gpu) {
        Random random = new Random(seed);
        int n = 3 * gpu.workgroupShape().blockSize() + 17;
        int[] values = IntStream.range(0, n).map(i -> random.nextInt()).toArray(); // sums overflow 32 bits
        try (PrefixScan scan = new PrefixScan(gpu, n); GpuBuffer data = Buffers.ints(gpu, "scan data", values)) {
            gpu.submitAndWait(commands -> scan.record(commands, data, data, n));
            assertArrayEquals(ReferencePrimitives.exclusivePrefixScan(values), Buffers.readInts(data, n), "seed " + seed);
        }
    }

    @Test
    void scanOfFewerElementsThanCapacityLeavesTheRestAlone(Gpu gpu) {
        int n = 1000;
        int[] values = IntStream.range(0, n + 5).map(i -> 1).toArray();
        try (PrefixScan scan = new PrefixScan(gpu, 100_000); GpuBuffer data = Buffers.ints(gpu, "scan data", values)) {
            gpu.submitAndWait(commands -> scan.record(commands, data, data, n));
            int[] result = Buffers.readInts(data, n + 5);
            for (int i = 0; i < n; i++) {
                values[i] = i;
            }
            assertArrayEquals(values, result);
        }
    }
}
