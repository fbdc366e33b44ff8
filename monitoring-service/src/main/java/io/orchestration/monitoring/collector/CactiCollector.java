package io.orchestration.monitoring.collector;

import com.fasterxml.jackson.databind.JsonNode;
import io.orchestration.monitoring.domain.Reading;
import io.orchestration.monitoring.domain.ServiceType;
import io.orchestration.monitoring.domain.Target;
import io.orchestration.monitoring.service.TargetCatalog;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A Hyperledger Cacti API server: its health check ({@code /api/v1/api-server/healthcheck}: success
 * and the process's memory) timed for latency, and its Prometheus exporter
 * ({@code /api/v1/api-server/get-prometheus-exporter-metrics}): imported plugins are the connectors;
 * transaction counters come from the connectors' own exporters where a connector publishes them.
 */
@ApplicationScoped
public class CactiCollector implements Collector {

    private static final String HEALTHCHECK = "api/v1/api-server/healthcheck";
    private static final String METRICS = "api/v1/api-server/get-prometheus-exporter-metrics";

    /** Checked against cactus-cmd-api-server 1.0.0: its exporter and health check carry no connection figure. */
    static final String NO_CONNECTION_COUNT = "the Cacti API server does not publish a connection count: its Prometheus exporter"
            + " has only cactus_api_server_total_plugin_imports and its health check only success, createdAt and memoryUsage";

    private final HttpFetcher http;

    public CactiCollector(HttpFetcher http) {
        this.http = http;
    }

    @Override
    public ServiceType type() {
        return ServiceType.CACTI;
    }

    @Override
    public Uni<Reading> collect(Target target) {
        String base = target.endpoint(TargetCatalog.CACTI);
        if (base == null) {
            return Uni.createFrom().item(Reading.notConfigured(target, OffsetDateTime.now(ZoneOffset.UTC), "no cacti endpoint"));
        }
        return Collector.guarded(target, at -> {
            Reading.Builder reading = new Reading.Builder(target, at).unavailable("activeConnections", NO_CONNECTION_COUNT);
            long started = System.nanoTime();
            return http.json(HttpFetcher.join(base, HEALTHCHECK))
                    .invoke(health -> {
                        reading.value("healthCheckLatencyMs", (System.nanoTime() - started) / 1_000_000.0);
                        healthCheck(reading, health);
                    })
                    .chain(() -> http.text(HttpFetcher.join(base, METRICS)))
                    .map(PrometheusText::parse)
                    .invoke(metrics -> exporter(reading, metrics))
                    .map(ignored -> reading.up());
        });
    }

    private static void healthCheck(Reading.Builder reading, JsonNode health) {
        if (!health.isObject() || !health.has("success")) {
            throw new TargetMisbehaves("the health check answered without a success field: " + abbreviate(health.toString()));
        }
        reading.fact("healthCheckSuccess", String.valueOf(health.path("success").asBoolean(false)));
        JsonNode memory = health.path("memoryUsage");
        if (memory.isObject()) {
            reading.value("memoryResidentBytes", memory.path("rss").numberValue());
            reading.value("heapUsedBytes", memory.path("heapUsed").numberValue());
        }
    }

    private static void exporter(Reading.Builder reading, PrometheusText metrics) {
        Double plugins = metrics.sum("cactus_api_server_total_plugin_imports");
        reading.value("connectorCount", plugins == null ? 0 : plugins);
        double total = 0;
        double pending = 0;
        double failed = 0;
        boolean anyTransactions = false;
        for (PrometheusText.Sample sample : metrics.samples()) {
            String name = sample.name();
            if (name.endsWith("_total_tx_count")) {
                total += sample.value();
                anyTransactions = true;
            } else if (name.endsWith("_pending_tx_count")) {
                pending += sample.value();
            } else if (name.endsWith("_failed_tx_count")) {
                failed += sample.value();
            }
        }
        if (anyTransactions) {
            reading.value("transactionsTotal", total).value("transactionsPending", pending).value("transactionsFailed", failed);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }
}
