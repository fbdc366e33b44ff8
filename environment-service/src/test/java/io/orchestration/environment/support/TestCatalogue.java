package io.orchestration.environment.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Gives every test run its own copy of the shipped catalogue, so tests can change it through the API
 * or by hand without touching config/environments.yaml. The startup sync then makes the test
 * database match that copy, whatever earlier runs left in it. Tests reach the copy through a field
 * {@code @InjectCatalogue CatalogueOnDisk catalogue}.
 */
public class TestCatalogue implements QuarkusTestResourceLifecycleManager {

    static final Path SHIPPED = Path.of("../config/environments.yaml");

    private Path copy;

    @Override
    public Map<String, String> start() {
        try {
            copy = Files.createTempFile("environments-", ".yaml");
            Files.copy(SHIPPED, copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the shipped catalogue " + SHIPPED.toAbsolutePath(), e);
        }
        return Map.of("environment.catalogue.path", copy.toString());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(new CatalogueOnDisk(copy, SHIPPED),
                new TestInjector.AnnotatedAndMatchesType(InjectCatalogue.class, CatalogueOnDisk.class));
    }

    @Override
    public void stop() {
        try {
            Files.deleteIfExists(copy);
            Files.deleteIfExists(Path.of(copy + ".tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
