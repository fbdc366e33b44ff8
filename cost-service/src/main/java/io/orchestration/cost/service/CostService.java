package io.orchestration.cost.service;

import io.orchestration.common.api.ResultPage;
import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.orchestration.common.problem.ProblemException;
import io.orchestration.cost.domain.CostForecast;
import io.orchestration.cost.domain.CostInput;
import io.orchestration.cost.domain.CostRecord;
import io.orchestration.cost.domain.CostSource;
import io.orchestration.cost.domain.CostSummary;
import io.orchestration.cost.domain.CostTrend;
import io.orchestration.cost.domain.CostView;
import io.orchestration.cost.domain.EnvironmentRef;
import io.orchestration.cost.domain.Period;
import io.orchestration.cost.domain.Providers;
import io.orchestration.cost.domain.ResourceType;
import io.orchestration.cost.repository.CostFilter;
import io.orchestration.cost.repository.CostRepository;
import io.orchestration.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Costs entered by hand, and every read of costs: lists, summaries, trends and the month-end forecast. */
@ApplicationScoped
public class CostService {

    private final CostRepository costs;
    private final Currencies currencies;
    private final CostWatch watch;
    private final Outbox outbox;

    public CostService(CostRepository costs, Currencies currencies, CostWatch watch, Outbox outbox) {
        this.costs = costs;
        this.currencies = currencies;
        this.watch = watch;
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<CostView> record(CostInput input, String actor) {
        String currency = input.currency() == null ? currencies.base() : input.currency();
        if (!currencies.isKnown(currency)) {
            throw new ProblemException.InvalidInput(currencies.unknown("Currency", currency));
        }
        Uni<EnvironmentRef> environment = input.environment() == null || input.environment().isBlank()
                ? Uni.createFrom().nullItem()
                : EnvironmentRef.<EnvironmentRef>findById(input.environment()).onItem().ifNull().failWith(() ->
                        new ProblemException.InvalidInput("Environment '" + input.environment() + "' is not known to the portal"));
        return environment.chain(env -> {
            Period period = input.period() == null ? Period.DAILY : input.period();
            CostRecord cost = new CostRecord();
            cost.environment = env == null ? null : env.name;
            cost.provider = Providers.idOf(input.provider());
            cost.resourceType = input.resourceType();
            cost.serviceCategory = input.serviceCategory();
            cost.resourceId = input.resourceId();
            cost.region = input.region();
            cost.period = period;
            cost.usageDate = input.date();
            cost.chargeStart = input.date().atStartOfDay().atOffset(ZoneOffset.UTC);
            cost.chargeEnd = period == Period.DAILY ? cost.chargeStart.plusDays(1)
                    : period == Period.WEEKLY ? cost.chargeStart.plusWeeks(1) : cost.chargeStart.plusMonths(1);
            cost.amount = input.amount();
            cost.currency = currency;
            cost.source = CostSource.MANUAL;
            cost.createdBy = actor;
            cost.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
            return costs.persist(cost)
                    .call(() -> costsUpdated(CostSource.MANUAL, null, input.date(), input.date(), 1,
                            cost.environment == null ? List.of() : List.of(cost.environment)))
                    .call(() -> watch.costsChanged(input.date(), input.date()))
                    .map(CostView::of);
        });
    }

    /** The event every cost change sends (the gateway shows it as cost-updated). */
    public Uni<Void> costsUpdated(CostSource source, UUID importId, LocalDate first, LocalDate last, long rows,
                                  List<String> environments) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("source", source.id());
        data.put("importId", importId);
        data.put("firstDay", first);
        data.put("lastDay", last);
        data.put("rows", rows);
        data.put("environments", environments);
        String subject = importId == null ? source.id() : importId.toString();
        return outbox.publish(Topics.COST, environments.size() == 1 ? environments.get(0) : "costs", EventTypes.COST_UPDATED,
                subject, data).replaceWithVoid();
    }

    @WithSession
    public Uni<ResultPage<CostView>> list(CostFilter filter, int page, int size) {
        return costs.findMatching(filter, page, size)
                .chain(found -> costs.countMatching(filter)
                        .map(total -> new ResultPage<>(found.stream().map(CostView::of).toList(), page, size, total)));
    }

    @WithSession
    public Uni<CostSummary> summary(CostFilter filter, String currency) {
        Map<String, Map<String, BigDecimal>> breakdowns = new LinkedHashMap<>();
        List<String> dimensions = List.of("provider", "environment", "resource_type", "service_category");
        Uni<Void> all = Uni.createFrom().voidItem();
        for (String dimension : dimensions) {
            all = all.chain(() -> costs.sumBy(dimension, filter)
                    .invoke(sums -> breakdowns.put(dimension, inCurrency(sums, currency, dimension.equals("environment")
                            ? CostSummary.UNALLOCATED : "(none)")))
                    .replaceWithVoid());
        }
        return all.map(done -> {
            BigDecimal total = breakdowns.get("provider").values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            return new CostSummary(filter.from(), filter.to(), currency, Currencies.money(total),
                    rounded(breakdowns.get("provider")), rounded(breakdowns.get("environment")),
                    rounded(breakdowns.get("resource_type")), rounded(breakdowns.get("service_category")));
        });
    }

    @WithSession
    public Uni<CostTrend> trend(CostFilter filter, String currency) {
        return daily(filter, currency).map(byDay -> {
            List<CostTrend.Point> series = new ArrayList<>();
            BigDecimal total = BigDecimal.ZERO;
            for (LocalDate day = filter.from(); !day.isAfter(filter.to()); day = day.plusDays(1)) {
                BigDecimal amount = byDay.getOrDefault(day, BigDecimal.ZERO);
                total = total.add(amount);
                series.add(new CostTrend.Point(day, Currencies.money(amount)));
            }
            return new CostTrend(filter.from(), filter.to(), series.size(), currency, Currencies.money(total), series);
        });
    }

    /** Month to date plus the trailing daily average (up to 7 days of this month) for each remaining day. */
    @WithSession
    public Uni<CostForecast> forecast(CostFilter scope, LocalDate asOf, String currency) {
        YearMonth month = YearMonth.from(asOf);
        return daily(scope.between(month.atDay(1), asOf), currency).map(byDay -> {
            BigDecimal monthToDate = byDay.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            int rateDays = Math.min(7, asOf.getDayOfMonth());
            BigDecimal trailing = byDay.tailMap(asOf.minusDays(rateDays - 1L)).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal rate = trailing.divide(BigDecimal.valueOf(rateDays), MathContext.DECIMAL64);
            int remaining = month.lengthOfMonth() - asOf.getDayOfMonth();
            BigDecimal forecast = monthToDate.add(rate.multiply(BigDecimal.valueOf(remaining)));
            return new CostForecast(month.toString(), asOf, currency, Currencies.money(monthToDate), Currencies.money(rate),
                    rateDays, remaining, Currencies.money(forecast));
        });
    }

    private Uni<TreeMap<LocalDate, BigDecimal>> daily(CostFilter filter, String currency) {
        return costs.sumByDay(null, filter).map(sums -> {
            TreeMap<LocalDate, BigDecimal> byDay = new TreeMap<>();
            sums.forEach(sum -> byDay.merge(sum.day(), currencies.convert(sum.amount(), sum.currency(), currency), BigDecimal::add));
            return byDay;
        });
    }

    private Map<String, BigDecimal> inCurrency(List<CostRepository.Sum> sums, String currency, String noKey) {
        Map<String, BigDecimal> converted = new TreeMap<>();
        sums.forEach(sum -> converted.merge(sum.key() == null ? noKey : sum.key(),
                currencies.convert(sum.amount(), sum.currency(), currency), BigDecimal::add));
        return converted;
    }

    private static Map<String, BigDecimal> rounded(Map<String, BigDecimal> amounts) {
        Map<String, BigDecimal> result = new LinkedHashMap<>();
        amounts.forEach((key, amount) -> result.put(key, Currencies.money(amount)));
        return result;
    }

    /** Checks a resource type given as text in a query. */
    public static ResourceType resourceTypeOf(String id) {
        try {
            return ResourceType.fromId(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException.InvalidInput("Query parameter 'resourceType' must be one of " + ResourceType.IDS + ", not '" + id + "'");
        }
    }
}
