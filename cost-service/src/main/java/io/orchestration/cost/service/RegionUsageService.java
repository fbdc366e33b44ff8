package io.orchestration.cost.service;

import io.orchestration.cost.domain.EnvironmentRef;
import io.orchestration.cost.domain.RegionUsage;
import io.orchestration.cost.repository.CostFilter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The region usage report: checked against each environment's region policy as it stands now. */
@ApplicationScoped
public class RegionUsageService {

    private final Currencies currencies;

    public RegionUsageService(Currencies currencies) {
        this.currencies = currencies;
    }

    @WithSession
    public Uni<RegionUsage> report(CostFilter range, String currency) {
        return EnvironmentRef.<EnvironmentRef>listAll().chain(environments -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "select coalesce(region, '(none)'), provider, environment, resource_id, currency, sum(amount) from cost_record"
                                + " where usage_date between :from and :to group by 1, 2, 3, 4, 5", Object[].class)
                .setParameter("from", range.from()).setParameter("to", range.to())
                .getResultList()
                .chain(rows -> session.createNativeQuery("select environment, resource_id, region, first_seen from region_violation", Object[].class)
                        .getResultList()
                        .map(seen -> build(range, currency, environments, rows, seen)))));
    }

    private RegionUsage build(CostFilter range, String currency, List<EnvironmentRef> environments, List<Object[]> rows, List<Object[]> seen) {
        Map<String, EnvironmentRef> byName = environments.stream().collect(Collectors.toMap(env -> env.name, Function.identity()));
        Map<String, OffsetDateTime> firstSeen = new HashMap<>();
        seen.forEach(row -> firstSeen.put(row[0] + "\n" + row[1] + "\n" + row[2], timeOf(row[3])));
        Map<String, RegionTally> regions = new TreeMap<>();
        Map<List<String>, BigDecimal> violating = new TreeMap<>(java.util.Comparator.comparing(Object::toString));
        for (Object[] row : rows) {
            String region = (String) row[0];
            String provider = (String) row[1];
            String environment = (String) row[2];
            String resourceId = (String) row[3];
            BigDecimal cost = currencies.convert((BigDecimal) row[5], (String) row[4], currency);
            RegionTally tally = regions.computeIfAbsent(region, name -> new RegionTally());
            tally.providers.add(provider);
            if (environment != null) {
                tally.environments.add(environment);
            }
            if (resourceId != null) {
                tally.resources.add(resourceId);
            }
            tally.cost = tally.cost.add(cost);
            EnvironmentRef env = environment == null ? null : byName.get(environment);
            if (env != null && resourceId != null && !region.equals("(none)") && !env.permits(region)) {
                violating.merge(List.of(environment, resourceId, region, provider), cost, BigDecimal::add);
            }
        }
        List<RegionUsage.Region> regionList = new ArrayList<>();
        regions.forEach((name, tally) -> regionList.add(new RegionUsage.Region(name, List.copyOf(tally.providers),
                List.copyOf(tally.environments), tally.resources.size(), Currencies.money(tally.cost))));
        List<RegionUsage.Violation> violations = new ArrayList<>();
        violating.forEach((key, cost) -> {
            EnvironmentRef env = byName.get(key.get(0));
            violations.add(new RegionUsage.Violation(key.get(0), key.get(1), key.get(2), key.get(3), Currencies.money(cost),
                    env.allowedRegions(), env.deniedRegions(), firstSeen.get(key.get(0) + "\n" + key.get(1) + "\n" + key.get(2))));
        });
        return new RegionUsage(range.from(), range.to(), currency, regionList, violations);
    }

    private static OffsetDateTime timeOf(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time;
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().atOffset(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(value.toString());
    }

    private static final class RegionTally {
        final TreeSet<String> providers = new TreeSet<>();
        final TreeSet<String> environments = new TreeSet<>();
        final TreeSet<String> resources = new TreeSet<>();
        BigDecimal cost = BigDecimal.ZERO;
    }
}
