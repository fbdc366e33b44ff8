package io.orchestration.cost.repository;

import io.orchestration.cost.domain.Allocation;
import io.orchestration.cost.domain.ResourceType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Which costs a query covers: null means "any"; days are UTC usage days, both ends included. */
public record CostFilter(String environment, String provider, ResourceType resourceType, Allocation allocation, LocalDate from,
                         LocalDate to) {

    public CostFilter(String environment, String provider, ResourceType resourceType, LocalDate from, LocalDate to) {
        this(environment, provider, resourceType, null, from, to);
    }

    public CostFilter between(LocalDate first, LocalDate last) {
        return new CostFilter(environment, provider, resourceType, allocation, first, last);
    }

    public CostFilter allocated(Allocation which) {
        return new CostFilter(environment, provider, resourceType, which, from, to);
    }

    /** The SQL condition over cost_record's columns, filling {@code params}; "true" when nothing is filtered. */
    String where(Map<String, Object> params) {
        List<String> clauses = new ArrayList<>();
        if (environment != null) {
            clauses.add("environment = :environment");
            params.put("environment", environment);
        }
        if (allocation != null) {
            clauses.add(allocation == Allocation.UNALLOCATED ? "environment is null" : "environment is not null");
        }
        if (provider != null) {
            clauses.add("provider = :provider");
            params.put("provider", provider);
        }
        if (resourceType != null) {
            clauses.add("resource_type = :resourceType");
            params.put("resourceType", resourceType.id());
        }
        if (from != null) {
            clauses.add("usage_date >= :from");
            params.put("from", from);
        }
        if (to != null) {
            clauses.add("usage_date <= :to");
            params.put("to", to);
        }
        return clauses.isEmpty() ? "true" : String.join(" and ", clauses);
    }
}
