package io.orchestration.alert.demo;

import io.orchestration.alert.config.DemoConfig;
import io.orchestration.alert.domain.Alert;
import io.orchestration.alert.domain.Severity;
import io.orchestration.alert.domain.Signal;
import io.orchestration.alert.repository.AlertRepository;
import io.orchestration.alert.service.Alerts;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Sample alerts so a newcomer's portal shows something on first start: when demo seeding is on and the
 * database holds no real alert, each newly announced environment that is chosen (about 30 % of them, by
 * name) gets a few alerts of mixed severity, some acknowledged. All of them say source "demo".
 */
@ApplicationScoped
public class DemoAlerts {

    public static final String SOURCE = "demo";
    static final String ACKNOWLEDGED_BY = "demo-operator";

    private record Sample(String name, Severity severity, String message, Map<String, String> labels, boolean acknowledged) {
    }

    private static final List<Sample> SAMPLES = List.of(
            new Sample("besu-peers-low", Severity.WARNING, "besu-rpc-0 has 1 peer; at least 2 are expected",
                    Map.of("serviceType", "besu", "serviceName", "besu-rpc-0"), false),
            new Sample("block-production-stalled", Severity.ERROR, "No new block for 45 s on the validators",
                    Map.of("serviceType", "besu", "serviceName", "besu-validator"), false),
            new Sample("ccip-messages-pending", Severity.WARNING, "12 CCIP messages pending on the OnRamp for more than 10 minutes",
                    Map.of("serviceType", "chainlink-ccip", "serviceName", "ccip-lane-sepolia"), true),
            new Sample("firefly-tx-failures", Severity.INFO, "3 FireFly transactions failed in the last hour",
                    Map.of("serviceType", "firefly", "serviceName", "firefly-core"), true),
            new Sample("budget-threshold-crossed", Severity.INFO, "80 % of the monthly budget spent", Map.of("budgetId", "demo-monthly"), false));

    private final DemoConfig config;
    private final AlertRepository repository;
    private final Alerts alerts;

    public DemoAlerts(DemoConfig config, AlertRepository repository, Alerts alerts) {
        this.config = config;
        this.repository = repository;
        this.alerts = alerts;
    }

    /** About 30 % of names, always the same ones. */
    public static boolean chosen(String environment) {
        return Math.floorMod(environment.hashCode(), 10) < 3;
    }

    /** In the caller's transaction. */
    public Uni<Void> seedIfChosen(String environment) {
        if (!config.seed() || !chosen(environment)) {
            return Uni.createFrom().voidItem();
        }
        return repository.count("source <> ?1", SOURCE).chain(real -> real > 0
                ? Uni.createFrom().voidItem()
                : repository.count("environment", environment).chain(existing -> existing > 0
                        ? Uni.createFrom().voidItem()
                        : seed(environment)));
    }

    private Uni<Void> seed(String environment) {
        // Two or three samples per environment, a different mix for each.
        int first = Math.floorMod(environment.hashCode() / 10, SAMPLES.size());
        int count = 2 + Math.floorMod(environment.hashCode() / 100, 2);
        List<Sample> picked = IntStream.range(0, count).mapToObj(i -> SAMPLES.get((first + i) % SAMPLES.size())).toList();
        return Multi.createFrom().iterable(picked)
                .onItem().transformToUniAndConcatenate(sample -> alerts.raise(
                                new Signal(environment, SOURCE, sample.name(), sample.severity(), sample.message(), sample.labels()))
                        .chain(raised -> sample.acknowledged()
                                ? repository.findById(raised.alert().id()).chain((Alert alert) -> alerts.acknowledge(alert, ACKNOWLEDGED_BY))
                                : Uni.createFrom().item(raised.alert())))
                .collect().last()
                .replaceWithVoid();
    }
}
