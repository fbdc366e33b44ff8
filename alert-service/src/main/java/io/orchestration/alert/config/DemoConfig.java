package io.orchestration.alert.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "alert.demo")
public interface DemoConfig {

    /** Seed labelled demo alerts (source: demo) for about 30 % of the environments, while the database holds no real alert. */
    @WithDefault("false")
    boolean seed();
}
