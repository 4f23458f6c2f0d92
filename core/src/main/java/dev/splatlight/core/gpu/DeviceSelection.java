package dev.splatlight.core.gpu;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which Vulkan device to use: by default the most capable usable one (discrete, then integrated, virtual, CPU);
 * otherwise the one named by {@code --gpu} or the {@value #ENVIRONMENT_VARIABLE} variable, as an index or as a
 * case-insensitive part of the device name.
 */
public record DeviceSelection(Optional<String> request) {
    public static final String ENVIRONMENT_VARIABLE = "SPLATLIGHT_GPU";

    public static DeviceSelection automatic() {
        return new DeviceSelection(Optional.empty());
    }

    /** The command-line option if given, else the environment variable, else automatic. */
    public static DeviceSelection fromOptionOrEnvironment(String option) {
        if (option != null && !option.isBlank()) {
            return new DeviceSelection(Optional.of(option.strip()));
        }
        String environment = System.getenv(ENVIRONMENT_VARIABLE);
        return environment == null || environment.isBlank()
                ? automatic() : new DeviceSelection(Optional.of(environment.strip()));
    }

    /** Picks a device, or throws {@link GpuUnavailableException} with a one-line reason. */
    public DeviceInfo choose(List<DeviceInfo> devices) {
        if (devices.isEmpty()) {
            throw new GpuUnavailableException("no Vulkan device found: the Vulkan loader reports no physical device "
                    + "(install a GPU driver, or mesa-vulkan-drivers for the lavapipe CPU driver)");
        }
        if (request.isEmpty()) {
            return devices.stream().filter(DeviceInfo::usable)
                    .min(Comparator.comparingInt((DeviceInfo d) -> d.type().ordinal()).thenComparingInt(DeviceInfo::index))
                    .orElseThrow(() -> new GpuUnavailableException("no usable Vulkan device: " + describeAll(devices)));
        }
        DeviceInfo chosen = find(devices, request.get());
        if (!chosen.usable()) {
            throw new GpuUnavailableException("Vulkan device '" + chosen.name() + "' cannot run Splatlight: "
                    + String.join("; ", chosen.missing()));
        }
        return chosen;
    }

    private static DeviceInfo find(List<DeviceInfo> devices, String wanted) {
        if (wanted.chars().allMatch(Character::isDigit)) {
            int index = Integer.parseInt(wanted);
            return devices.stream().filter(d -> d.index() == index).findFirst().orElseThrow(() ->
                    new GpuUnavailableException("no Vulkan device with index " + index + " (have: " + names(devices) + ")"));
        }
        String needle = wanted.toLowerCase(Locale.ROOT);
        List<DeviceInfo> matches = devices.stream()
                .filter(d -> d.name().toLowerCase(Locale.ROOT).contains(needle)).collect(Collectors.toList());
        if (matches.isEmpty()) {
            throw new GpuUnavailableException("no Vulkan device named like '" + wanted + "' (have: " + names(devices) + ")");
        }
        return matches.get(0);
    }

    private static String names(List<DeviceInfo> devices) {
        return devices.stream().map(d -> d.index() + ": " + d.name()).collect(Collectors.joining(", "));
    }

    private static String describeAll(List<DeviceInfo> devices) {
        return devices.stream().map(d -> d.name() + " (" + String.join("; ", d.missing()) + ")")
                .collect(Collectors.joining(", "));
    }
}
