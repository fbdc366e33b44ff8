package io.orchestration.cost.service;

import io.orchestration.common.problem.ProblemException;
import io.orchestration.cost.domain.Budget;
import io.orchestration.cost.domain.BudgetInput;
import io.orchestration.cost.domain.BudgetNotFound;
import io.orchestration.cost.domain.BudgetView;
import io.orchestration.cost.domain.EnvironmentRef;
import io.orchestration.cost.domain.Period;
import io.orchestration.cost.domain.Providers;
import io.orchestration.cost.repository.CostFilter;
import io.orchestration.cost.repository.CostRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Budgets: declared by operators, checked whenever costs change (see {@link CostWatch}). */
@ApplicationScoped
public class BudgetService {

    private static final Logger LOG = Logger.getLogger(BudgetService.class);

    private static final List<BigDecimal> DEFAULT_THRESHOLDS = List.of(new BigDecimal("0.8"), BigDecimal.ONE);

    private final CostRepository costs;
    private final Currencies currencies;
    private final CostWatch watch;

    public BudgetService(CostRepository costs, Currencies currencies, CostWatch watch) {
        this.costs = costs;
        this.currencies = currencies;
        this.watch = watch;
    }

    /** Creates a budget and checks its current period at once: spend already past a threshold fires now. */
    @WithTransaction
    public Uni<BudgetView> create(BudgetInput input, String actor) {
        Budget budget = new Budget();
        budget.id = UUID.randomUUID();
        budget.createdBy = actor;
        budget.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return apply(input, budget)
                .chain(() -> budget.<Budget>persist())
                .call(() -> watch.budgetPeriods(budget, today, today))
                .chain(() -> view(budget, today));
    }

    /**
     * Replaces a budget's definition. When its limit changes (scope, amount, currency, period or thresholds) the
     * crossings it remembers were measured against the old limit: they are forgotten and the current period is
     * checked again at once, as for a new budget. A new name alone keeps them.
     */
    @WithTransaction
    public Uni<BudgetView> update(UUID id, BudgetInput input, String actor) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return find(id).chain(budget -> {
            List<Object> limitBefore = limitOf(budget);
            return apply(input, budget).chain(() -> {
                if (limitOf(budget).equals(limitBefore)) {
                    return Uni.createFrom().voidItem();
                }
                LOG.infof("Budget %s (%s) limit changed by %s: its remembered crossings are checked again", budget.id, budget.name, actor);
                return Panache.getSession().chain(session -> session.createNativeQuery("delete from budget_crossing where budget_id = :id")
                                .setParameter("id", budget.id).executeUpdate())
                        .call(() -> watch.budgetPeriods(budget, today, today))
                        .replaceWithVoid();
            }).chain(() -> view(budget, today));
        });
    }

    /** Checks {@code input} and copies it onto {@code budget}. */
    private Uni<Void> apply(BudgetInput input, Budget budget) {
        boolean perEnvironment = input.environment() != null && !input.environment().isBlank();
        boolean perProvider = input.provider() != null && !input.provider().isBlank();
        if (perEnvironment == perProvider) {
            throw new ProblemException.InvalidInput("A budget is for exactly one of 'environment' or 'provider'");
        }
        String currency = input.currency() == null ? currencies.base() : input.currency();
        if (!currencies.isKnown(currency)) {
            throw new ProblemException.InvalidInput(currencies.unknown("Currency", currency));
        }
        Uni<Void> scopeKnown = perEnvironment
                ? EnvironmentRef.<EnvironmentRef>findById(input.environment()).onItem().ifNull().failWith(() ->
                        new ProblemException.InvalidInput("Environment '" + input.environment() + "' is not known to the portal")).replaceWithVoid()
                : Uni.createFrom().voidItem();
        return scopeKnown.invoke(() -> {
            budget.name = input.name().trim();
            budget.environment = perEnvironment ? input.environment() : null;
            budget.provider = perProvider ? Providers.idOf(input.provider()) : null;
            budget.amount = input.amount();
            budget.currency = currency;
            budget.period = input.period() == null ? Period.MONTHLY : input.period();
            budget.thresholds(input.thresholds() == null ? DEFAULT_THRESHOLDS : input.thresholds().stream().distinct().toList());
        });
    }

    /** What a crossing is measured against (amounts compared by value: 100 and 100.00 are the same limit). */
    private static List<Object> limitOf(Budget budget) {
        return Arrays.asList(budget.environment, budget.provider, budget.amount == null ? null : budget.amount.stripTrailingZeros(),
                budget.currency, budget.period, budget.thresholdList);
    }

    @WithSession
    public Uni<List<BudgetView>> list() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return Budget.<Budget>listAll(io.quarkus.panache.common.Sort.by("name")).chain(budgets -> Multi.createFrom().iterable(budgets)
                .onItem().transformToUniAndConcatenate(budget -> view(budget, today))
                .collect().asList());
    }

    @WithSession
    public Uni<BudgetView> get(UUID id, LocalDate day) {
        return find(id).chain(budget -> view(budget, day));
    }

    @WithTransaction
    public Uni<Void> delete(UUID id, String actor) {
        return find(id).call(budget -> budget.delete())
                .invoke(budget -> LOG.infof("Budget %s (%s) deleted by %s", budget.id, budget.name, actor))
                .replaceWithVoid();
    }

    private Uni<Budget> find(UUID id) {
        return Budget.<Budget>findById(id).onItem().ifNull().failWith(() -> new BudgetNotFound(id.toString()));
    }

    private Uni<BudgetView> view(Budget budget, LocalDate day) {
        LocalDate start = budget.periodStartOf(day);
        LocalDate end = budget.periodEndOf(day);
        return costs.sumBy("provider", new CostFilter(budget.environment, budget.provider, null, start, end)).map(sums -> {
            BigDecimal spent = sums.stream().map(sum -> currencies.convert(sum.amount(), sum.currency(), budget.currency))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            return new BudgetView(budget.id, budget.name, budget.environment, budget.provider, budget.amount.stripTrailingZeros(),
                    budget.currency, budget.period, budget.thresholds(), start, end, Currencies.money(spent),
                    spent.divide(budget.amount, MathContext.DECIMAL64).setScale(4, RoundingMode.HALF_EVEN),
                    budget.createdBy, budget.createdAt);
        });
    }
}
