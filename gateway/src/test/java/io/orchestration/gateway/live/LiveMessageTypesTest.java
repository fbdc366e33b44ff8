package io.orchestration.gateway.live;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveMessageTypesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "io.orchestration.environment.created, environment-updated",
            "io.orchestration.environment.enabled-changed, environment-updated",
            "io.orchestration.environment.deleted, environment-updated",
            "io.orchestration.deployment.started, deployment-updated",
            "io.orchestration.deployment.log, deployment-log",
            "io.orchestration.monitoring.status-changed, monitoring-updated",
            "io.orchestration.alert.created, alert-created",
            "io.orchestration.alert.acknowledged, alert-updated",
            "io.orchestration.cost.budget-exceeded, cost-updated",
            "io.orchestration.admin.service-updated, service-updated",
            "io.orchestration.admin.provider-updated, provider-updated",
    })
    void eventTypesBecomeTheSeedsMessageTypes(String eventType, String messageType) {
        assertEquals(Optional.of(messageType), LiveMessageTypes.of(eventType));
    }

    @Test
    void auditAndForeignEventsAreNotPushed() {
        assertEquals(Optional.empty(), LiveMessageTypes.of("io.orchestration.audit.recorded"));
        assertEquals(Optional.empty(), LiveMessageTypes.of("com.example.something"));
        assertEquals(Optional.empty(), LiveMessageTypes.of(null));
    }

    @Test
    void onlyConfigurationChangesAreForTheAdminRoom() {
        assertTrue(LiveMessageTypes.adminOnly("service-updated"));
        assertTrue(LiveMessageTypes.adminOnly("provider-updated"));
        assertFalse(LiveMessageTypes.adminOnly("environment-updated"));
    }
}
