package io.orchestration.monitoring;

import io.orchestration.testing.AuditSweep;
import io.orchestration.testing.ServiceConventionsTest;
import io.quarkus.test.junit.QuarkusTest;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.orchestration.monitoring.support.MonitoringApi.announce;

@QuarkusTest
class MonitoringServiceConventionsTest extends ServiceConventionsTest {

    @Override
    protected Map<String, AuditSweep.Sample> auditSamples() throws Exception {
        String environment = "audit-sweep-" + UUID.randomUUID().toString().substring(0, 8);
        // Nothing answers there: the collection records the node unreachable, which is a collection too.
        announce(environment, Map.of("besuRpc", "http://127.0.0.1:9/"));
        return Map.of("POST /api/monitoring/environments/{name}/collect",
                AuditSweep.Sample.of(call -> call.post("/api/monitoring/environments/{name}/collect", environment)).as("operator"));
    }

    /**
     * Environments arrive from environment-events, replicas heart-beat, and scheduled collections write samples,
     * statuses, series and their events by themselves while the sweep runs.
     */
    @Override
    protected Set<String> tablesChangedInTheBackground() {
        return Set.of("monitored_environment", "monitoring_replica", "service_status", "series", "outbox_event", "sample", "sample_1m", "sample_1h");
    }
}
