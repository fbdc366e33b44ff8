package io.orchestration.cost.service;

import io.orchestration.cost.domain.CostRecord;
import io.orchestration.cost.domain.CostSource;
import io.orchestration.cost.domain.EnvironmentRef;
import io.orchestration.cost.domain.Period;
import io.orchestration.cost.domain.ResourceType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Plausible daily costs for one environment: compute, storage, network and database charges with a
 * weekly rhythm and some noise, the same for the same environment every time, labelled demo.
 */
public final class DemoCosts {

    static final String ACTOR = "demo";

    /** Typical daily spend in USD of a blockchain environment, by resource type. */
    private static final Map<ResourceType, Double> BASE = Map.of(
            ResourceType.COMPUTE, 85.0, ResourceType.STORAGE, 22.0, ResourceType.NETWORK, 9.0, ResourceType.DATABASE, 31.0);
    private static final Map<ResourceType, String> CATEGORY = Map.of(
            ResourceType.COMPUTE, "Compute", ResourceType.STORAGE, "Storage", ResourceType.NETWORK, "Networking",
            ResourceType.DATABASE, "Databases");

    private DemoCosts() {
    }

    /** {@code days} days of charges ending at {@code last}. */
    public static List<CostRecord> forEnvironment(EnvironmentRef env, LocalDate last, int days) {
        Random random = new Random(env.name.hashCode());
        double scale = 0.5 + random.nextDouble();
        String region = env.allowedRegions().isEmpty() ? null : env.allowedRegions().get(0);
        String owner = env.clusterContext != null ? env.clusterContext : env.name;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<CostRecord> costs = new ArrayList<>();
        for (LocalDate day = last.minusDays(days - 1L); !day.isAfter(last); day = day.plusDays(1)) {
            boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            for (ResourceType type : List.of(ResourceType.COMPUTE, ResourceType.STORAGE, ResourceType.NETWORK, ResourceType.DATABASE)) {
                double amount = BASE.get(type) * scale * (weekend && type != ResourceType.STORAGE ? 0.8 : 1.0)
                        * (0.9 + 0.2 * random.nextDouble());
                CostRecord cost = new CostRecord();
                cost.environment = env.name;
                cost.provider = env.provider;
                cost.resourceType = type;
                cost.serviceCategory = CATEGORY.get(type);
                cost.resourceId = owner + "/" + type.id();
                cost.region = region;
                cost.period = Period.DAILY;
                cost.usageDate = day;
                cost.chargeStart = day.atStartOfDay().atOffset(ZoneOffset.UTC);
                cost.chargeEnd = cost.chargeStart.plusDays(1);
                cost.amount = BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_EVEN);
                cost.currency = "USD";
                cost.source = CostSource.DEMO;
                cost.createdBy = ACTOR;
                cost.createdAt = now;
                costs.add(cost);
            }
        }
        return costs;
    }
}
