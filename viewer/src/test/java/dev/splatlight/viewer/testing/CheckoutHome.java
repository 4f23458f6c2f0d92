package dev.splatlight.viewer.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Points {@code splatlight.home} at the checkout root for each test (tests run in viewer/; the launcher sets it), so
 * the bundled sample and HDRIs are found, and restores it afterwards.
 */
public final class CheckoutHome implements BeforeEachCallback, AfterEachCallback {
    private static final String PROPERTY = "splatlight.home";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CheckoutHome.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put(PROPERTY, String.valueOf(System.getProperty(PROPERTY)));
        System.setProperty(PROPERTY, "..");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        String before = context.getStore(NAMESPACE).get(PROPERTY, String.class);
        if (before == null || before.equals("null")) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, before);
        }
    }
}
