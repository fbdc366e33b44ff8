package io.orchestration.cost.rest;

import io.orchestration.common.problem.ProblemException;
import io.orchestration.cost.domain.Allocation;
import io.orchestration.cost.domain.Providers;
import io.orchestration.cost.repository.CostFilter;
import io.orchestration.cost.service.CostService;
import io.orchestration.outbox.IdEnum;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Query parameters shared by the cost reads, read as text so bad values are clear 400s. */
final class CostQuery {

    private CostQuery() {
    }

    /**
     * The filter of a read: days=30|90 (ending today, UTC) or from/to (ISO dates, both included);
     * {@code defaultDays} applies when neither is given (0: no date limit).
     */
    static CostFilter filter(String environment, String provider, String resourceType, String days, String from, String to,
                             int defaultDays) {
        LocalDate first = dateOf("from", from);
        LocalDate last = dateOf("to", to);
        if (days != null && !days.isBlank()) {
            if (first != null) {
                throw new ProblemException.InvalidInput("Give either 'days' or 'from'/'to', not both");
            }
            last = last == null ? today() : last;
            first = last.minusDays(daysOf(days) - 1L);
        } else if (first == null && last == null && defaultDays > 0) {
            last = today();
            first = last.minusDays(defaultDays - 1L);
        } else if (first != null && last == null) {
            last = today();
        } else if (first == null && last != null && defaultDays > 0) {
            first = last.minusDays(defaultDays - 1L);
        }
        if (first != null && last != null && first.isAfter(last)) {
            throw new ProblemException.InvalidInput("'from' (" + first + ") is after 'to' (" + last + ")");
        }
        return new CostFilter(blankToNull(environment), provider == null || provider.isBlank() ? null : Providers.idOf(provider),
                resourceType == null || resourceType.isBlank() ? null : CostService.resourceTypeOf(resourceType), first, last);
    }

    /** {@code filter} narrowed by allocation=allocated|unallocated (absent: both). */
    static CostFilter allocation(CostFilter filter, String allocation) {
        if (allocation == null || allocation.isBlank()) {
            return filter;
        }
        Allocation which = IdEnum.fromId(Allocation.class, allocation.trim());
        if (which == null) {
            throw new ProblemException.InvalidInput("Query parameter 'allocation' must be one of " + Allocation.IDS + ", not '" + allocation + "'");
        }
        if (which == Allocation.UNALLOCATED && filter.environment() != null) {
            throw new ProblemException.InvalidInput("allocation=unallocated asks for costs of no environment; drop 'environment' or the allocation");
        }
        return filter.allocated(which);
    }

    static int daysOf(String days) {
        if (!days.trim().equals("30") && !days.trim().equals("90")) {
            throw new ProblemException.InvalidInput("Query parameter 'days' must be 30 or 90, not '" + days + "'");
        }
        return Integer.parseInt(days.trim());
    }

    static LocalDate dateOf(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new ProblemException.InvalidInput("Query parameter '" + name + "' must be a date like 2026-11-24, not '" + text + "'");
        }
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
