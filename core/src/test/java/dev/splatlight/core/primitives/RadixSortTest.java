package dev.splatlight.core.primitives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuBuffer;
import dev.splatlight.core.testing.Buffers;
import dev.splatlight.core.testing.VulkanTest;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@VulkanTest
class RadixSortTest {
    private final long seed = System.nanoTime();

    private static void sortAndCompare(Gpu gpu, int[] keys, int keyBits, String what) {
        int n = keys.length;
        int[] values = IntStream.range(0, n).toArray(); // input positions: equal keys must keep their order
        int[][] expected = ReferencePrimitives.radixSort(keys, values, keyBits);
        try (RadixSort sort = new RadixSort(gpu, Math.max(n, 1));
             GpuBuffer keyBuffer = Buffers.ints(gpu, "keys", keys);
             GpuBuffer valueBuffer = Buffers.ints(gpu, "values", values)) {
            gpu.submitAndWait(commands -> sort.record(commands, keyBuffer, valueBuffer, n, keyBits));
            assertArrayEquals(expected[0], Buffers.readInts(keyBuffer, n), what + ": keys, n=" + n);
            assertArrayEquals(expected[1], Buffers.readInts(valueBuffer, n), what + ": values (stability), n=" + n);
        }
    }

    private static int[] keys(int n, IntUnaryOperator keyOfIndex) {
        return IntStream.range(0, n).map(keyOfIndex).toArray();
    }

    @Test
    void sortsRandomFullWidthKeysAtAwkwardSizes(Gpu gpu) {
        Random random = new Random(seed);
        int block = gpu.workgroupShape().blockSize();
        for (int n : new int[] {0, 1, 2, 3, 1000, block - 1, block, block + 1, 512 * 16 + 123, 100_003}) {
            sortAndCompare(gpu, keys(n, i -> random.nextInt()), 32, "random keys, seed " + seed);
        }
    }

    @Test
    void sortsSeveralMillionKeys(Gpu gpu) {
        Random random = new Random(seed);
        sortAndCompare(gpu, keys(2_000_003, i -> random.nextInt()), 32, "2M random keys, seed " + seed);
    }

    @Test
    void keepsInputOrderOfEqualKeys(Gpu gpu) {
        Random random = new Random(seed);
        sortAndCompare(gpu, keys(50_000, i -> random.nextInt(16)), 32, "16 distinct keys, seed " + seed);
        sortAndCompare(gpu, keys(20_000, i -> 42), 32, "one key");
    }

    @Test
    void sortsAlreadySortedAndReversedInput(Gpu gpu) {
        sortAndCompare(gpu, keys(70_001, i -> i * 3), 32, "ascending");
        sortAndCompare(gpu, keys(70_001, i -> -i), 32, "descending unsigned");
    }

    @Test
    void sortsNarrowKeysInFewerPasses(Gpu gpu) {
        Random random = new Random(seed);
        // 12 bits: two passes; 20 bits: three passes (the odd count ends in the scratch buffers and is copied back).
        sortAndCompare(gpu, keys(30_000, i -> random.nextInt(1 << 12)), 12, "12-bit keys, seed " + seed);
        sortAndCompare(gpu, keys(30_001, i -> random.nextInt(1 << 20)), 20, "20-bit keys, seed " + seed);
    }

    /** The count comes from a buffer a GPU pass wrote; the sort is sized for its capacity (blocks past it idle). */
    @Test
    void sortsTheCountAGpuPassWrote(Gpu gpu) {
        Random random = new Random(seed);
        int capacity = 40_000;
        for (int keyBits : new int[] {32, 20}) { // 20 bits: an odd number of passes ends with the copy back
            for (int m : new int[] {0, 1, 25_001, capacity}) {
                int[] keys = keys(capacity, i -> random.nextInt() >>> (32 - keyBits));
                int[] values = IntStream.range(0, capacity).toArray();
                int[][] expected = ReferencePrimitives.radixSort(java.util.Arrays.copyOf(keys, m),
                        java.util.Arrays.copyOf(values, m), keyBits);
                try (RadixSort sort = new RadixSort(gpu, capacity);
                     GpuBuffer keyBuffer = Buffers.ints(gpu, "keys", keys);
                     GpuBuffer valueBuffer = Buffers.ints(gpu, "values", values);
                     GpuBuffer count = Buffers.ints(gpu, "count", new int[] {0})) {
                    gpu.submitAndWait(commands -> {
                        commands.fill(count, m); // stands for the GPU pass that produces the count
                        commands.barrier();
                        sort.recordCounted(commands, keyBuffer, valueBuffer, count, keyBits);
                    });
                    String what = m + " of " + capacity + " " + keyBits + "-bit keys, seed " + seed;
                    assertArrayEquals(expected[0], Buffers.readInts(keyBuffer, m), what);
                    assertArrayEquals(expected[1], Buffers.readInts(valueBuffer, m), what + ": values (stability)");
                }
            }
        }
    }

    @Test
    void copyBackFromScratchKeepsElementsPastTheSortedRange(Gpu gpu) {
        int[] keys = {5, 3, 9, 1, 7, 100, 200, 300};
        try (RadixSort sort = new RadixSort(gpu, 8);
             GpuBuffer keyBuffer = Buffers.ints(gpu, "keys", keys);
             GpuBuffer valueBuffer = Buffers.ints(gpu, "values", keys)) {
            gpu.submitAndWait(commands -> sort.record(commands, keyBuffer, valueBuffer, 5, 24)); // 3 passes
            assertArrayEquals(new int[] {1, 3, 5, 7, 9, 100, 200, 300}, Buffers.readInts(keyBuffer, 8));
            assertArrayEquals(new int[] {1, 3, 5, 7, 9, 100, 200, 300}, Buffers.readInts(valueBuffer, 8));
        }
    }

    @Test
    void refusesMoreKeysThanItsCapacity(Gpu gpu) {
        try (RadixSort sort = new RadixSort(gpu, 10);
             GpuBuffer keys = Buffers.ints(gpu, "keys", new int[20]);
             GpuBuffer values = Buffers.ints(gpu, "values", new int[20])) {
            assertThrows(IllegalArgumentException.class,
                    () -> gpu.submitAndWait(commands -> sort.record(commands, keys, values, 20, 32)));
        }
    }
}
