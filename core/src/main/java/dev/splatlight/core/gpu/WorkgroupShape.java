package dev.splatlight.core.gpu;

/**
 * The workgroup shape every primitive kernel is specialised with (specialization constants 0, 1, 2 of
 * {@code include/common/workgroup.glsl}). The size is a fixed number of subgroups, so it is 64 on lavapipe (subgroups
 * of 8) and 256 on NVIDIA (subgroups of 32); shared arrays are sized for the smallest subgroup the device may use.
 *
 * @param size invocations per workgroup (constant_id 0, local_size_x)
 * @param maxSubgroups the most subgroups one workgroup can have (constant_id 1)
 * @param itemsPerInvocation elements each invocation handles per block (constant_id 2)
 */
public record WorkgroupShape(int size, int maxSubgroups, int itemsPerInvocation) {
    public static final int SUBGROUPS_PER_WORKGROUP = 8;
    public static final int ITEMS_PER_INVOCATION = 16;
    public static final int MAX_WORKGROUP_SIZE = 1024;

    public static WorkgroupShape forDevice(DeviceInfo device) {
        int size = Math.min(MAX_WORKGROUP_SIZE, SUBGROUPS_PER_WORKGROUP * device.maxSubgroupSize());
        return new WorkgroupShape(size, Math.max(1, size / device.minSubgroupSize()), ITEMS_PER_INVOCATION);
    }

    /** Elements one workgroup handles. */
    public int blockSize() {
        return size * itemsPerInvocation;
    }

    /** Workgroups needed to cover {@code count} elements in blocks. */
    public int blocksFor(long count) {
        return (int) ((count + blockSize() - 1) / blockSize());
    }

    public SpecializationConstants specialization() {
        return SpecializationConstants.of(0, size).with(1, maxSubgroups).with(2, itemsPerInvocation);
    }
}
