package dev.splatlight.core.gpu;

/**
 * How to open the GPU.
 *
 * @param validation enable VK_LAYER_KHRONOS_validation and record its messages (fails when the layer is missing)
 * @param poisonNewBuffers fill every new device buffer with {@link GpuBuffer#POISON} so that code relying on
 *        zero-initialised memory fails in tests
 * @param traceLeaks remember where each GPU object was created, for the leak report at shutdown
 */
public record GpuOptions(DeviceSelection selection, boolean validation, boolean poisonNewBuffers, boolean traceLeaks) {

    /** What programs use: the chosen device, no validation unless SPLATLIGHT_VALIDATION=1. */
    public static GpuOptions forProgram(DeviceSelection selection) {
        boolean validation = "1".equals(System.getenv("SPLATLIGHT_VALIDATION"));
        return new GpuOptions(selection, validation, false, validation);
    }

    /** What tests use: validation (unless -Dsplatlight.validation=off), poisoned buffers, traced leaks. */
    public static GpuOptions forTests() {
        boolean validation = !"off".equals(System.getProperty("splatlight.validation", "on"));
        return new GpuOptions(DeviceSelection.fromOptionOrEnvironment(null), validation, true, true);
    }
}
