package dev.splatlight.core.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that runs on a real Vulkan device (lavapipe in CI): one {@code Gpu} per class, opened with the
 * validation layer, poisoned buffers and leak tracing, injected as a parameter. A validation message fails the test
 * that caused it; an object left alive fails the class. A missing device fails too: GPU tests never skip silently.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(GpuExtension.class)
@Tag("gpu")
public @interface VulkanTest {
}
