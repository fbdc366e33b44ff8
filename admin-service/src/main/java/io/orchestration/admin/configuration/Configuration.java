package io.orchestration.admin.configuration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orchestration.admin.domain.ComponentConfig;
import io.orchestration.admin.domain.ComponentView;
import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.orchestration.common.problem.ProblemException;
import io.orchestration.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The configuration of the platform's services and of the cloud providers: each on or off with its settings, who
 * changed it and when. Every change is an admin event (service-updated / provider-updated on the live feed).
 */
@ApplicationScoped
public class Configuration {

    /** The components there are, each kind with its members and their settings out of the box. */
    static final Map<String, Map<String, String>> DEFAULTS = Map.of(
            "service", Map.of(
                    "besu", "{\"collectionIntervalSeconds\": 15, \"timeoutSeconds\": 5, \"minPeers\": 1, \"maxBlockAgeSeconds\": 60}",
                    "cacti", "{\"collectionIntervalSeconds\": 15, \"timeoutSeconds\": 5}",
                    "firefly", "{\"collectionIntervalSeconds\": 15, \"timeoutSeconds\": 5}",
                    "chainlink-ccip", "{\"collectionIntervalSeconds\": 30, \"timeoutSeconds\": 10, \"maxFeedAgeSeconds\": 3600}"),
            "provider", Map.of(
                    "azure", "{\"billingExport\": \"focus\"}",
                    "aws", "{\"billingExport\": \"focus\"}",
                    "gcp", "{\"billingExport\": \"focus\"}",
                    "ibm", "{\"billingExport\": \"focus\"}",
                    "oci", "{\"billingExport\": \"focus\"}",
                    "onprem", "{\"billingExport\": \"manual\"}"));

    private final Outbox outbox;
    private final ObjectMapper json;

    public Configuration(Outbox outbox, ObjectMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    void seed(@Observes StartupEvent start) throws Throwable {
        VertxContextSupport.subscribeAndAwait(this::addMissingDefaults);
    }

    @WithTransaction
    Uni<Void> addMissingDefaults() {
        return Multi.createFrom().iterable(DEFAULTS.entrySet())
                .onItem().transformToIterable(kind -> kind.getValue().entrySet().stream()
                        .map(member -> Map.entry(kind.getKey(), member)).toList())
                .onItem().transformToUniAndConcatenate(entry -> ComponentConfig.findById(ComponentConfig.idOf(entry.getKey(), entry.getValue().getKey()))
                        .chain(existing -> existing != null ? Uni.createFrom().voidItem()
                                : defaultOf(entry.getKey(), entry.getValue().getKey(), entry.getValue().getValue()).persist().replaceWithVoid()))
                .collect().last().replaceWithVoid();
    }

    @WithSession
    public Uni<List<ComponentView>> list(String kind) {
        return ComponentConfig.<ComponentConfig>list("kind", Sort.ascending("name"), kind)
                .map(found -> found.stream().map(ComponentView::of).toList());
    }

    @WithSession
    public Uni<ComponentView> get(String kind, String name) {
        return ComponentConfig.<ComponentConfig>findById(ComponentConfig.idOf(kind, name))
                .onItem().ifNull().failWith(() -> notFound(kind, name))
                .map(ComponentView::of);
    }

    @WithTransaction
    public Uni<ComponentView> update(String kind, String name, ComponentUpdate update, String actor) {
        ConfigRules.check(kind + " '" + name + "'", update.config());
        return ComponentConfig.<ComponentConfig>findById(ComponentConfig.idOf(kind, name), LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> notFound(kind, name))
                .chain(component -> {
                    component.enabled = update.enabled();
                    component.config = update.config();
                    component.updatedBy = actor;
                    component.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    ComponentView view = ComponentView.of(component);
                    String type = "service".equals(kind) ? EventTypes.ADMIN_SERVICE_UPDATED : EventTypes.ADMIN_PROVIDER_UPDATED;
                    return outbox.publish(Topics.ADMIN, name, type, name, view).replaceWith(view);
                });
    }

    private ComponentConfig defaultOf(String kind, String name, String settings) {
        ComponentConfig component = new ComponentConfig();
        component.id = ComponentConfig.idOf(kind, name);
        component.kind = kind;
        component.name = name;
        component.enabled = true;
        try {
            component.config = (ObjectNode) json.readTree(settings);
        } catch (Exception e) {
            throw new IllegalStateException("Default settings of " + kind + " " + name + " are not JSON", e);
        }
        component.updatedBy = "set-up";
        component.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return component;
    }

    private static ProblemException notFound(String kind, String name) {
        String known = String.join(", ", DEFAULTS.get(kind).keySet().stream().sorted().toList());
        return new ProblemException(404, "not-found", ("service".equals(kind) ? "Service" : "Provider") + " not found",
                "There is no " + kind + " '" + name + "'; the " + kind + "s are: " + known, Map.of("resourceType", kind, "resourceId", name));
    }
}
