package io.orchestration.cost.service;

import io.orchestration.cost.config.CostConfig;
import io.orchestration.cost.domain.CostRecord;
import io.orchestration.cost.domain.CostSource;
import io.orchestration.cost.domain.EnvironmentRef;
import io.orchestration.outbox.PeriodicTask;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * With cost.demo.enabled (local and dev profiles), gives every environment 30 days of demo costs
 * while the database holds no real ones. Environments arrive from Kafka after start, so it checks
 * every few seconds; the first real cost (manual or imported) ends the seeding for good.
 */
@ApplicationScoped
public class DemoSeeder {

    private static final Logger LOG = Logger.getLogger(DemoSeeder.class);
    static final int DAYS = 30;
    private static final int CHUNK = 20;

    private final CostConfig config;
    private final CostService costs;
    private PeriodicTask task;

    public DemoSeeder(CostConfig config, CostService costs) {
        this.config = config;
        this.costs = costs;
    }

    void start(@Observes StartupEvent start, Vertx vertx) {
        if (config.demo().enabled()) {
            task = PeriodicTask.start(vertx, "Demo cost seeding", Duration.ofSeconds(5), this::seedPass);
        }
    }

    void stop(@Observes ShutdownEvent stop) {
        if (task != null) {
            task.stop();
        }
    }

    Uni<Void> seedPass() {
        return Panache.withTransaction(() -> whileNoRealCosts(() -> EnvironmentRef.<EnvironmentRef>find("name not in (select distinct environment"
                        + " from CostRecord where source = ?1 and environment is not null)", CostSource.DEMO).list()))
                .chain(environments -> Multi.createFrom().iterable(chunksOf(environments))
                        .onItem().transformToUniAndConcatenate(chunk -> Panache.withTransaction(() -> whileNoRealCosts(() -> seed(chunk))))
                        .collect().last())
                .replaceWithVoid();
    }

    /** {@code work} under the seeding lock, unless a real cost exists (then nothing, for good). */
    private static <T> Uni<T> whileNoRealCosts(Supplier<Uni<T>> work) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select pg_advisory_xact_lock(hashtext('cost-demo'))").getSingleResult()
                .chain(() -> session.createNativeQuery("select count(*) from cost_record where source <> 'demo'").getSingleResult())
                .chain(real -> ((Number) real).longValue() > 0 ? Uni.createFrom().<T>nullItem() : work.get()));
    }

    /** A few environments per transaction, so seeding a long list never holds the event loop for one huge flush. */
    private static List<List<EnvironmentRef>> chunksOf(List<EnvironmentRef> environments) {
        if (environments == null) {
            return List.of();
        }
        List<List<EnvironmentRef>> chunks = new ArrayList<>();
        for (int i = 0; i < environments.size(); i += CHUNK) {
            chunks.add(environments.subList(i, Math.min(environments.size(), i + CHUNK)));
        }
        return chunks;
    }

    private Uni<Void> seed(List<EnvironmentRef> environments) {
        if (environments.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return Multi.createFrom().iterable(environments)
                .onItem().transformToUniAndConcatenate(env -> CostRecord.persist(DemoCosts.forEnvironment(env, today, DAYS))
                        .invoke(() -> LOG.infof("Seeded %d days of demo costs for %s", DAYS, env.name)))
                .collect().last()
                .chain(() -> costs.costsUpdated(CostSource.DEMO, null, today.minusDays(DAYS - 1L), today, (long) DAYS * 4 * environments.size(),
                        environments.stream().map(env -> env.name).toList()));
    }
}
