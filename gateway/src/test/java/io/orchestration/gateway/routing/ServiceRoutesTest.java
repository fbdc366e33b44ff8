package io.orchestration.gateway.routing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ServiceRoutesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/api/environments, environment",
            "/api/environments/azure-weu-prod, environment",
            "/api/admin/environments/azure-weu-prod/toggle, environment",
            "/api/admin/environments, environment",
            "/api/environments/azure-weu-prod/deploy, deployment",
            "/api/environments/azure-weu-prod/status, deployment",
            "/api/environments/azure-weu-prod/health-check, deployment",
            "/api/deployments, deployment",
            "/api/deployments/42/logs, deployment",
            "/api/environments/azure-weu-prod/metrics, monitoring",
            "/api/monitoring/dashboard, monitoring",
            "/api/monitoring/chainlink-ccip, monitoring",
            "/api/monitoring/services/besu/rpc-1/status, monitoring",
            "/api/monitoring/environments/azure-weu-prod/collect, monitoring",
            "/api/environments/azure-weu-prod/alerts, alert",
            "/api/alerts, alert",
            "/api/alerts/17/acknowledge, alert",
            "/api/costs, cost",
            "/api/admin/login, admin",
            "/api/admin/services/besu, admin",
            "/api/admin/providers/aws, admin",
            "/api/admin/audit-logs, admin",
    })
    void seedPathsReachTheirOwningService(String path, String service) {
        assertEquals(Optional.of(service), ServiceRoutes.serviceFor(path));
    }

    @ParameterizedTest
    @CsvSource({"/api", "/api/", "/api/unknown", "/api/environmentsX", "/apix/environments"})
    void pathsNoServiceOwnsHaveNoRoute(String path) {
        assertEquals(Optional.empty(), ServiceRoutes.serviceFor(path));
    }
}
