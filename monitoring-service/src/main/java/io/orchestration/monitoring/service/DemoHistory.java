package io.orchestration.monitoring.service;

import io.orchestration.monitoring.config.MonitoringConfig;
import io.orchestration.monitoring.domain.Health;
import io.orchestration.monitoring.domain.MonitoredEnvironment;
import io.orchestration.monitoring.domain.ReadingState;
import io.orchestration.monitoring.domain.ServiceStatus;
import io.orchestration.monitoring.domain.ServiceType;
import io.orchestration.monitoring.domain.Target;
import io.orchestration.monitoring.storage.Rollups;
import io.orchestration.monitoring.storage.SamplePoint;
import io.orchestration.monitoring.storage.SampleStore;
import io.orchestration.monitoring.storage.SeriesKey;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Demo history for a newcomer's first start: when {@code monitoring.demo.seed} is on and the
 * database had no samples at start, each environment that arrives (except the live ones, such as
 * local-devnet) gets 24 h of plausible samples every 5 minutes for each of its services, rolled up,
 * with its series and statuses labelled {@code source: demo}. Live collection afterwards reports
 * what it really finds (demo endpoints are unreachable), under {@code source: live}.
 */
@ApplicationScoped
public class DemoHistory {

    private static final Logger LOG = Logger.getLogger(DemoHistory.class);
    private static final Duration SPAN = Duration.ofHours(24);
    private static final Duration STEP = Duration.ofMinutes(5);

    private final MonitoringConfig.DemoConfig config;
    private final TargetCatalog catalog;
    private final SampleStore samples;
    private final Rollups rollups;
    private final Pool pool;
    private final AtomicBoolean emptyAtStart = new AtomicBoolean();
    private final Set<String> seeded = ConcurrentHashMap.newKeySet();

    public DemoHistory(MonitoringConfig config, TargetCatalog catalog, SampleStore samples, Rollups rollups, Pool pool) {
        this.config = config.demo();
        this.catalog = catalog;
        this.samples = samples;
        this.rollups = rollups;
        this.pool = pool;
    }

    void checkEmptyDatabase(@Observes StartupEvent start) {
        if (config.seed()) {
            Integer series = pool.query("select count(*) from series").execute().await().atMost(Duration.ofSeconds(30))
                    .iterator().next().getInteger(0);
            emptyAtStart.set(series == 0);
            LOG.infof(series == 0 ? "Empty database: seeding 24 h of demo history for each environment as it arrives"
                    : "Database has history: no demo seeding");
        }
    }

    @Scheduled(every = "10s", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> seedArrivedEnvironments() {
        if (!emptyAtStart.get()) {
            return Uni.createFrom().voidItem();
        }
        List<String> live = config.liveEnvironments().orElse(List.of());
        return Panache.withSession(() -> MonitoredEnvironment.<MonitoredEnvironment>listAll())
                .onItem().transformToMulti(environments -> Multi.createFrom().iterable(environments))
                .filter(environment -> !live.contains(environment.name) && seeded.add(environment.name))
                // One environment that fails does not keep the others from their history.
                .onItem().transformToUniAndConcatenate(environment -> seed(environment)
                        .onFailure().invoke(failure -> LOG.warnf("Demo history of %s not seeded: %s", environment.name, failure.getMessage()))
                        .onFailure().recoverWithItem(0))
                .collect().last().replaceWithVoid();
    }

    /** Seeds one environment's history and demo statuses; the number of samples written. */
    public Uni<Integer> seed(MonitoredEnvironment environment) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant start = end.minus(SPAN);
        Random random = new Random(environment.name.hashCode());
        List<SamplePoint> points = new ArrayList<>();
        List<Target> targets = catalog.targetsOf(environment);
        Map<Target, Map<String, Double>> latest = new LinkedHashMap<>();
        for (Target target : targets) {
            Map<String, Double> last = new LinkedHashMap<>();
            int step = 0;
            for (Instant at = start; !at.isAfter(end); at = at.plus(STEP), step++) {
                Map<String, Double> values = plausible(target.type(), step, random);
                for (Map.Entry<String, Double> value : values.entrySet()) {
                    points.add(new SamplePoint(new SeriesKey(environment.name, target.type().id(), target.serviceName(), value.getKey()), at, value.getValue()));
                }
                last = values;
            }
            latest.put(target, last);
        }
        if (points.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return samples.write(points)
                .call(() -> pool.preparedQuery("update series set source = 'demo' where environment = $1").execute(Tuple.of(environment.name)))
                .call(() -> rollups.rollUpMinutes(start, end.plus(STEP)))
                .call(() -> rollups.rollUpHours(start, end.plus(STEP)))
                // A transaction per status: where a live collection stored one first (a race at start), that one stands.
                .call(() -> Multi.createFrom().iterable(latest.entrySet())
                        .onItem().transformToUniAndConcatenate(entry -> Panache.withTransaction(
                                        () -> demoStatus(entry.getKey(), entry.getValue(), end))
                                .onFailure().recoverWithNull())
                        .collect().last())
                .invoke(written -> LOG.infof("Seeded %d demo samples for %s", written, environment.name));
    }

    private static Uni<?> demoStatus(Target target, Map<String, Double> values, Instant at) {
        return ServiceStatus.<ServiceStatus>findById(target.key()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            ServiceStatus status = new ServiceStatus();
            status.targetKey = target.key();
            status.environment = target.environment();
            status.serviceType = target.type();
            status.serviceName = target.serviceName();
            status.state = ReadingState.UP;
            status.health = Health.HEALTHY;
            status.reasons = Map.of("list", List.of());
            status.readings = values;
            status.facts = Map.of("note", "demo data: seeded history, not collected");
            status.source = "demo";
            status.collectedAt = at.atOffset(ZoneOffset.UTC);
            status.healthSince = status.collectedAt;
            return status.persist();
        });
    }

    /** Values of a healthy service of this type at the {@code step}-th five minutes of the day. */
    static Map<String, Double> plausible(ServiceType type, int step, Random random) {
        Map<String, Double> values = new LinkedHashMap<>();
        double daily = Math.sin(step / 288.0 * 2 * Math.PI);
        switch (type) {
            case BESU -> {
                values.put("blockNumber", 4_200_000.0 + step * 60.0);
                values.put("peerCount", (double) (4 + random.nextInt(3)));
                values.put("gasPriceWei", Math.round(1.0e9 * (1.2 + 0.3 * daily + 0.1 * random.nextDouble())) * 1.0);
                values.put("pendingTransactions", (double) random.nextInt(12));
                values.put("blocksBehind", 0.0);
                values.put("cpuCores", 0.35 + 0.2 * daily + 0.1 * random.nextDouble());
                values.put("memoryResidentBytes", 2.1e9 + 1.0e8 * random.nextDouble());
                values.put("diskUsedBytes", 5.1e10 + step * 2.0e6);
            }
            case CACTI -> {
                values.put("connectorCount", 2.0);
                values.put("transactionsTotal", 12_000.0 + step * 14.0);
                values.put("healthCheckLatencyMs", 3 + 4 * random.nextDouble());
                values.put("memoryResidentBytes", 1.8e8 + 2.0e7 * random.nextDouble());
            }
            case FIREFLY -> {
                values.put("namespaceCount", 2.0);
                values.put("activeApis", 3.0);
                values.put("transactionsTotal", 8_000.0 + step * 9.0);
                values.put("operationsPending", (double) random.nextInt(4));
                values.put("operationsFailed", 0.0);
            }
            case CHAINLINK_CCIP -> {
                values.put("supportedChains", 3.0);
                values.put("messagesSent", 1_500.0 + step * 2.0);
                values.put("messagesExecuted", 1_480.0 + step * 2.0);
                values.put("messagesFailed", 3.0);
                values.put("messagesPending", (double) random.nextInt(6));
                values.put("tokenTransfers", 600.0 + step);
                values.put("feeTokenBalance", 250 + step * 0.2);
            }
            case CLUSTER -> {
                values.put("nodes", 3.0);
                values.put("nodesReady", 3.0);
                values.put("pods", 18.0);
                values.put("podsReady", 18.0);
                values.put("podsNotReady", 0.0);
                values.put("uptimeSeconds", 1_900_000.0 + step * 300.0);
                values.put("cpuUtilisation", 0.4 + 0.1 * daily + 0.05 * random.nextDouble());
                values.put("memoryUtilisation", 0.58 + 0.04 * random.nextDouble());
            }
            default -> {
            }
        }
        return values;
    }
}
