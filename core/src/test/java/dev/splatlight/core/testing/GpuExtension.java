package dev.splatlight.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.splatlight.core.gpu.Gpu;
import dev.splatlight.core.gpu.GpuOptions;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** JUnit 5 support behind {@link VulkanTest}. */
public final class GpuExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(GpuExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        GpuOptions options = GpuOptions.forTests();
        Gpu gpu = Gpu.open(options);
        if (options.validation() && !gpu.validationEnabled()) {
            gpu.close();
            fail("validation was requested but VK_EXT_debug_utils is missing, so messages cannot be recorded");
        }
        System.out.println("[gpu] " + context.getDisplayName() + " on " + gpu.info().name() + " (" + gpu.info().driverName()
                + ", subgroup " + gpu.info().subgroupSize() + ", workgroup " + gpu.workgroupShape().size()
                + ", validation " + (gpu.validationEnabled() ? "on" : "off") + ")");
        context.getStore(NAMESPACE).put(Gpu.class, gpu);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Gpu gpu = gpu(context);
        List<String> messages = gpu.validationMessages();
        gpu.clearValidationMessages();
        if (!messages.isEmpty()) {
            fail(messages.size() + " validation message(s):\n" + String.join("\n", messages));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Gpu gpu = context.getStore(NAMESPACE).remove(Gpu.class, Gpu.class);
        if (gpu != null) {
            gpu.close(); // throws GpuLeakException when the class leaked GPU objects
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Gpu.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return gpu(context);
    }

    private static Gpu gpu(ExtensionContext context) {
        Gpu gpu = context.getStore(NAMESPACE).get(Gpu.class, Gpu.class);
        if (gpu == null && context.getParent().isPresent()) {
            return gpu(context.getParent().get());
        }
        return gpu;
    }
}
