package io.orchestration.cost.service;

import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.orchestration.cost.config.CostConfig;
import io.orchestration.cost.domain.Budget;
import io.orchestration.cost.domain.EnvironmentRef;
import io.orchestration.cost.repository.CostFilter;
import io.orchestration.cost.repository.CostRepository;
import io.orchestration.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * After costs change for some days: budgets crossing a threshold, anomalous days and resources in
 * forbidden regions. Each finding is a row inserted once, and only a new row publishes an event, so
 * re-imports and re-evaluations never repeat one. Runs in the caller's transaction.
 */
@ApplicationScoped
public class CostWatch {

    /** The anomaly scope of unallocated spend. */
    static final String UNALLOCATED = "";

    private final CostRepository costs;
    private final Currencies currencies;
    private final Outbox outbox;
    private final CostConfig.AnomalyConfig anomaly;

    public CostWatch(CostRepository costs, Currencies currencies, Outbox outbox, CostConfig config) {
        this.costs = costs;
        this.currencies = currencies;
        this.outbox = outbox;
        this.anomaly = config.anomaly();
    }

    /** Evaluates everything that can change when costs of {@code first}..{@code last} change. */
    public Uni<Void> costsChanged(LocalDate first, LocalDate last) {
        return budgets(first, last)
                .chain(() -> anomalies(first, last))
                .chain(() -> regionViolations(first, last));
    }

    Uni<Void> budgets(LocalDate first, LocalDate last) {
        return Budget.<Budget>listAll().chain(budgets -> Multi.createFrom().iterable(budgets)
                .onItem().transformToUniAndConcatenate(budget -> budgetPeriods(budget, first, last))
                .collect().last().replaceWithVoid());
    }

    /** Every period of {@code budget} that overlaps the changed days. */
    public Uni<Void> budgetPeriods(Budget budget, LocalDate first, LocalDate last) {
        List<LocalDate> starts = new ArrayList<>();
        for (LocalDate start = budget.periodStartOf(first); !start.isAfter(last); start = budget.periodEndOf(start).plusDays(1)) {
            starts.add(start);
        }
        return Multi.createFrom().iterable(starts)
                .onItem().transformToUniAndConcatenate(start -> budgetPeriod(budget, start))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> budgetPeriod(Budget budget, LocalDate start) {
        CostFilter scope = new CostFilter(budget.environment, budget.provider, null, start, budget.periodEndOf(start));
        return costs.sumBy("provider", scope).chain(sums -> {
            BigDecimal spent = sums.stream().map(sum -> currencies.convert(sum.amount(), sum.currency(), budget.currency))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            List<BigDecimal> crossed = budget.thresholds().stream()
                    .filter(threshold -> spent.compareTo(budget.amount.multiply(threshold)) >= 0)
                    .toList();
            return Multi.createFrom().iterable(crossed)
                    .onItem().transformToUniAndConcatenate(threshold -> firstTime(
                            "insert into budget_crossing (budget_id, period_start, threshold, amount, crossed_at)"
                                    + " values (:a, :b, :c, :d, now()) on conflict do nothing",
                            budget.id, start, threshold, spent)
                            .chain(first -> first ? publishCrossing(budget, start, threshold, spent) : Uni.createFrom().voidItem()))
                    .collect().last().replaceWithVoid();
        });
    }

    private Uni<Void> publishCrossing(Budget budget, LocalDate start, BigDecimal threshold, BigDecimal spent) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("environment", budget.environment);
        data.put("provider", budget.provider);
        data.put("budgetId", budget.id);
        data.put("budgetName", budget.name);
        data.put("threshold", threshold);
        data.put("amount", Currencies.money(spent));
        data.put("limit", budget.amount.stripTrailingZeros());
        data.put("currency", budget.currency);
        data.put("period", budget.period.id());
        data.put("periodStart", start);
        String key = budget.environment != null ? budget.environment : budget.provider;
        return outbox.publish(Topics.COST, key, EventTypes.COST_BUDGET_THRESHOLD_CROSSED, budget.id.toString(), data).replaceWithVoid();
    }

    Uni<Void> anomalies(LocalDate first, LocalDate last) {
        CostFilter window = new CostFilter(null, null, null, first.minusDays(anomaly.trailingDays()), last);
        String base = currencies.base();
        return costs.sumByDay("environment", window).chain(sums -> {
            Map<String, TreeMap<LocalDate, BigDecimal>> daily = new TreeMap<>();
            sums.forEach(sum -> daily.computeIfAbsent(sum.key() == null ? UNALLOCATED : sum.key(), scope -> new TreeMap<>())
                    .merge(sum.day(), currencies.convert(sum.amount(), sum.currency(), base), BigDecimal::add));
            List<Uni<Void>> findings = new ArrayList<>();
            daily.forEach((scope, days) -> days.subMap(first, true, last, true).forEach((day, amount) -> {
                List<BigDecimal> history = new ArrayList<>(days.subMap(day.minusDays(anomaly.trailingDays()), true, day, false).values());
                Norm norm = Norm.of(history);
                if (history.size() >= anomaly.minHistoryDays() && norm.isAnomalous(amount.doubleValue(), anomaly.factor(), anomaly.minIncrease())) {
                    findings.add(anomaly(scope, day, amount, norm, base));
                }
            }));
            return Multi.createFrom().iterable(findings).onItem().transformToUniAndConcatenate(Function.identity())
                    .collect().last().replaceWithVoid();
        });
    }

    private Uni<Void> anomaly(String scope, LocalDate day, BigDecimal amount, Norm norm, String currency) {
        BigDecimal expected = BigDecimal.valueOf(norm.mean());
        return firstTime("insert into cost_anomaly (environment, day, amount, expected, detected_at) values (:a, :b, :c, :d, now())"
                + " on conflict do nothing", scope, day, amount, expected).chain(first -> {
            if (!first) {
                return Uni.createFrom().voidItem();
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("environment", scope.isEmpty() ? null : scope);
            data.put("date", day);
            data.put("amount", Currencies.money(amount));
            data.put("expected", Currencies.money(expected));
            data.put("deviation", amount.subtract(expected).divide(expected, MathContext.DECIMAL64).setScale(4, java.math.RoundingMode.HALF_EVEN));
            data.put("currency", currency);
            data.put("stddev", Currencies.money(BigDecimal.valueOf(norm.stddev())));
            return outbox.publish(Topics.COST, scope.isEmpty() ? "unallocated" : scope, EventTypes.COST_ANOMALY_DETECTED,
                    scope.isEmpty() ? "unallocated" : scope, data).replaceWithVoid();
        });
    }

    Uni<Void> regionViolations(LocalDate first, LocalDate last) {
        return EnvironmentRef.<EnvironmentRef>listAll().chain(environments -> {
            Map<String, EnvironmentRef> byName = environments.stream().collect(Collectors.toMap(env -> env.name, Function.identity()));
            return Panache.getSession().chain(session -> session.createNativeQuery(
                            "select distinct environment, resource_id, region, provider from cost_record"
                                    + " where environment is not null and resource_id is not null and region is not null"
                                    + " and usage_date between :first and :last", Object[].class)
                    .setParameter("first", first).setParameter("last", last)
                    .getResultList())
                    .chain(rows -> flagViolations(rows, byName));
        });
    }

    /**
     * An environment's region policy changed: every cost row it has is checked again. Resources now outside the
     * policy are flagged (an event for each one not flagged before); flags the policy no longer supports are
     * dropped, so the resource is a new violation, with its own event, should the policy forbid it again.
     */
    public Uni<Void> regionPolicyChanged(EnvironmentRef env) {
        if (env.allowedRegions().isEmpty() && env.deniedRegions().isEmpty()) {
            return environmentRemoved(env.name);
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                                "select resource_id, region from region_violation where environment = :env", Object[].class)
                        .setParameter("env", env.name)
                        .getResultList()
                        .chain(flagged -> Multi.createFrom().iterable(flagged)
                                .filter(row -> env.permits((String) row[1]))
                                .onItem().transformToUniAndConcatenate(row -> session.createNativeQuery(
                                                "delete from region_violation where environment = :env and resource_id = :resource and region = :region")
                                        .setParameter("env", env.name).setParameter("resource", row[0]).setParameter("region", row[1])
                                        .executeUpdate())
                                .collect().last())
                        .chain(() -> session.createNativeQuery(
                                        "select distinct environment, resource_id, region, provider from cost_record"
                                                + " where environment = :env and resource_id is not null and region is not null", Object[].class)
                                .setParameter("env", env.name)
                                .getResultList()))
                .chain(rows -> flagViolations(rows, Map.of(env.name, env)));
    }

    /** An environment is gone, or its policy now allows every region: none of its flags stands. */
    public Uni<Void> environmentRemoved(String name) {
        return Panache.getSession().chain(session -> session.createNativeQuery("delete from region_violation where environment = :env")
                .setParameter("env", name).executeUpdate()).replaceWithVoid();
    }

    /** Flags each (environment, resource, region, provider) row its environment's policy forbids. */
    private Uni<Void> flagViolations(List<Object[]> rows, Map<String, EnvironmentRef> byName) {
        Set<List<String>> violations = new LinkedHashSet<>();
        for (Object[] row : rows) {
            EnvironmentRef env = byName.get((String) row[0]);
            if (env != null && !env.permits((String) row[2])) {
                violations.add(List.of((String) row[0], (String) row[1], (String) row[2], (String) row[3]));
            }
        }
        return Multi.createFrom().iterable(violations)
                .onItem().transformToUniAndConcatenate(v -> regionViolation(byName.get(v.get(0)), v.get(1), v.get(2), v.get(3)))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> regionViolation(EnvironmentRef env, String resourceId, String region, String provider) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return firstTime("insert into region_violation (environment, resource_id, region, provider, first_seen)"
                + " values (:a, :b, :c, :d, now()) on conflict do nothing", env.name, resourceId, region, provider).chain(first -> {
            if (!first) {
                return Uni.createFrom().voidItem();
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("environment", env.name);
            data.put("resourceId", resourceId);
            data.put("region", region);
            data.put("provider", provider);
            data.put("allowed", env.allowedRegions());
            data.put("denied", env.deniedRegions());
            data.put("firstSeen", now);
            return outbox.publish(Topics.COST, env.name, EventTypes.COST_REGION_VIOLATION, resourceId, data).replaceWithVoid();
        });
    }

    /** Runs an insert ... on conflict do nothing with parameters a, b, c, d; true when it inserted the row. */
    private static Uni<Boolean> firstTime(String insert, Object a, Object b, Object c, Object d) {
        return Panache.getSession().chain(session -> session.createNativeQuery(insert)
                        .setParameter("a", a).setParameter("b", b).setParameter("c", c).setParameter("d", d)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** Mean and standard deviation of trailing daily totals. */
    record Norm(double mean, double stddev) {

        static Norm of(List<BigDecimal> days) {
            if (days.isEmpty()) {
                return new Norm(0, 0);
            }
            double mean = days.stream().mapToDouble(BigDecimal::doubleValue).average().orElse(0);
            double variance = days.stream().mapToDouble(d -> Math.pow(d.doubleValue() - mean, 2)).sum() / days.size();
            return new Norm(mean, Math.sqrt(variance));
        }

        boolean isAnomalous(double amount, double factor, double minIncrease) {
            return mean > 0 && amount > mean + factor * stddev && amount > mean * (1 + minIncrease);
        }
    }
}
