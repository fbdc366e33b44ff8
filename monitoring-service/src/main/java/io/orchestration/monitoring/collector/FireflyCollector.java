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
 * A Hyperledger FireFly node through its REST API: {@code /api/v1/status} (node registered, the
 * plugins it runs, among them its database), {@code /api/v1/namespaces}, and in the default
 * namespace the contract APIs, the transaction total and the pending and failed operations, each
 * from a filtered query with {@code count=true}, which answers {total, count, items}.
 */
@ApplicationScoped
public class FireflyCollector implements Collector {

    /** Checked against FireFly's metrics registry (internal/metrics/prometheus.go) and its REST API reference. */
    static final String NO_DATABASE_CONNECTIONS = "FireFly does not publish its database connections: its metrics registry has the Go"
            + " runtime, process and ff_* application collectors but no database pool statistics, and /api/v1/status reports"
            + " only which database plugin runs";

    private final HttpFetcher http;

    public FireflyCollector(HttpFetcher http) {
        this.http = http;
    }

    @Override
    public ServiceType type() {
        return ServiceType.FIREFLY;
    }

    @Override
    public Uni<Reading> collect(Target target) {
        String base = target.endpoint(TargetCatalog.FIREFLY);
        if (base == null) {
            return Uni.createFrom().item(Reading.notConfigured(target, OffsetDateTime.now(ZoneOffset.UTC), "no firefly endpoint"));
        }
        return Collector.guarded(target, at -> {
            Reading.Builder reading = new Reading.Builder(target, at).unavailable("databaseConnections", NO_DATABASE_CONNECTIONS);
            return http.json(HttpFetcher.join(base, "api/v1/status"))
                    .invoke(status -> status(reading, status))
                    .chain(status -> http.json(HttpFetcher.join(base, "api/v1/namespaces"))
                            .invoke(namespaces -> {
                                if (!namespaces.isArray()) {
                                    throw new TargetMisbehaves("/api/v1/namespaces did not answer a list");
                                }
                                reading.value("namespaceCount", namespaces.size());
                            })
                            .chain(() -> {
                                String namespace = HttpFetcher.join(base, "api/v1/namespaces/" + defaultNamespace(status));
                                return Uni.combine().all().unis(
                                                total(namespace + "/apis?limit=1&count=true").invoke(count -> reading.value("activeApis", count)),
                                                total(namespace + "/transactions?limit=1&count=true").invoke(count -> reading.value("transactionsTotal", count)),
                                                total(namespace + "/operations?status=Pending&limit=1&count=true").invoke(count -> reading.value("operationsPending", count)),
                                                total(namespace + "/operations?status=Failed&limit=1&count=true").invoke(count -> reading.value("operationsFailed", count)))
                                        .discardItems();
                            }))
                    .map(ignored -> reading.up());
        });
    }

    private static void status(Reading.Builder reading, JsonNode status) {
        JsonNode node = status.path("node");
        if (!node.isObject()) {
            throw new TargetMisbehaves("/api/v1/status answered without a node");
        }
        reading.fact("nodeName", node.path("name").asText(null));
        reading.fact("nodeRegistered", String.valueOf(node.path("registered").asBoolean(false)));
        reading.fact("organization", status.path("org").path("name").asText(null));
        JsonNode database = status.path("plugins").path("database");
        if (database.isArray()) {
            reading.value("databasePlugins", database.size());
            if (!database.isEmpty()) {
                reading.fact("database", database.get(0).path("pluginType").asText(database.get(0).path("name").asText(null)));
            }
        }
    }

    private static String defaultNamespace(JsonNode status) {
        String namespace = status.path("namespace").path("name").asText("");
        return namespace.isBlank() ? status.path("defaults").path("namespace").asText("default") : namespace;
    }

    private Uni<Long> total(String url) {
        return http.json(url).map(answer -> {
            JsonNode total = answer.path("total");
            if (!total.isNumber()) {
                throw new TargetMisbehaves(url + " answered without a total");
            }
            return total.asLong();
        });
    }
}
