package dev.splatlight.core.gpu;

import java.util.Map;
import java.util.TreeMap;

/** Values for a pipeline's specialization constants, by constant_id; all are 32-bit. Immutable. */
public final class SpecializationConstants {
    private static final SpecializationConstants NONE = new SpecializationConstants(new TreeMap<>());
    private final TreeMap<Integer, Integer> values;

    private SpecializationConstants(TreeMap<Integer, Integer> values) {
        this.values = values;
    }

    public static SpecializationConstants none() {
        return NONE;
    }

    public static SpecializationConstants of(int constantId, int value) {
        return NONE.with(constantId, value);
    }

    public SpecializationConstants with(int constantId, int value) {
        TreeMap<Integer, Integer> copy = new TreeMap<>(values);
        copy.put(constantId, value);
        return new SpecializationConstants(copy);
    }

    public SpecializationConstants withFloat(int constantId, float value) {
        return with(constantId, Float.floatToRawIntBits(value));
    }

    public Map<Integer, Integer> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    public Integer get(int constantId) {
        return values.get(constantId);
    }
}
