package dev.splatlight.core.primitives;

import java.util.Arrays;
import java.util.Comparator;

/** Plain-Java references for the GPU primitives, same names, obviously correct. */
final class ReferencePrimitives {
    private ReferencePrimitives() {
    }

    /** Exclusive prefix sum with 32-bit wrap-around. */
    static int[] exclusivePrefixScan(int[] values) {
        int[] out = new int[values.length];
        int running = 0;
        for (int i = 0; i < values.length; i++) {
            out[i] = running;
            running += values[i];
        }
        return out;
    }

    /** Stable sort of pairs by unsigned key (keys below 2^keyBits, as RadixSort requires); returns {keys, values}. */
    static int[][] radixSort(int[] keys, int[] values, int keyBits) {
        long mask = keyBits == 32 ? 0xFFFFFFFFL : (1L << keyBits) - 1;
        Integer[] order = new Integer[keys.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong(i -> Integer.toUnsignedLong(keys[i]) & mask)); // stable (merge sort)
        int[] sortedKeys = new int[keys.length];
        int[] sortedValues = new int[keys.length];
        for (int i = 0; i < order.length; i++) {
            sortedKeys[i] = keys[order[i]];
            sortedValues[i] = values[order[i]];
        }
        return new int[][] {sortedKeys, sortedValues};
    }
}
