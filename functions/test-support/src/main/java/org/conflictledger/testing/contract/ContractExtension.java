package org.conflictledger.testing.contract;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Installs {@link ContractFilter} before every test class of a module that has test-support on
 * its test class path, without any test naming it: JUnit loads it through META-INF/services, as
 * {@code junit.jupiter.extensions.autodetection.enabled=true} in quarkus-junit's own
 * junit-platform.properties allows (a second such file would shadow Quarkus' class orderer). {@code @QuarkusTest} classes run in Quarkus' own class loader, with their own copy of
 * REST Assured: the filter is installed through the test class's loader, so it lands in the copy
 * the test uses.
 */
public final class ContractExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        Class<?> filter = Class.forName(ContractFilter.class.getName(), true, loader);
        filter.getMethod("install").invoke(null);
        if (loader != ContractExtension.class.getClassLoader()) {
            ContractFilter.install();
        }
    }
}
