package io.orchestration.deployment.analysis;

import io.orchestration.deployment.config.DeploymentConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/** The service's own application.properties bound to {@link DeploymentConfig}, without starting Quarkus. */
final class ShippedConfig {

    private ShippedConfig() {
    }

    static DeploymentConfig.CanaryConfig canary() {
        try {
            return new SmallRyeConfigBuilder()
                    .withSources(new PropertiesConfigSource(ShippedConfig.class.getClassLoader().getResource("application.properties"), 250))
                    .withConverter(Duration.class, 200, new DurationConverter())
                    .withMapping(DeploymentConfig.class)
                    .build()
                    .getConfigMapping(DeploymentConfig.class)
                    .canary();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
