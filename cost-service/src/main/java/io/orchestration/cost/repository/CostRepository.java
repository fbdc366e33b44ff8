package io.orchestration.cost.repository;

import io.orchestration.cost.domain.CostRecord;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@ApplicationScoped
public class CostRepository implements PanacheRepositoryBase<CostRecord, Long> {

    /** Columns a summary can break costs down by. */
    public static final Set<String> DIMENSIONS = Set.of("provider", "environment", "resource_type", "service_category", "region");

    /** A sum of one group's charges in one currency. */
    public record Sum(String key, String currency, BigDecimal amount) {
    }

    /** A sum of one day's charges of one group in one currency. */
    public record DaySum(String key, LocalDate day, String currency, BigDecimal amount) {
    }

    public Uni<List<CostRecord>> findMatching(CostFilter filter, int page, int size) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = filter.where(params);
        return Panache.getSession().chain(session -> {
            Mutiny.SelectionQuery<CostRecord> query = session.createNativeQuery(
                            "select * from cost_record where " + where + " order by usage_date desc, id desc", CostRecord.class)
                    .setFirstResult(page * size).setMaxResults(size);
            params.forEach(query::setParameter);
            return query.getResultList();
        });
    }

    public Uni<Long> countMatching(CostFilter filter) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = filter.where(params);
        return Panache.getSession().chain(session -> {
            Mutiny.SelectionQuery<Object> query = session.createNativeQuery("select count(*) from cost_record where " + where);
            params.forEach(query::setParameter);
            return query.getSingleResult().map(count -> ((Number) count).longValue());
        });
    }

    /** Sums per value of {@code dimension} (null for charges without one) and currency. */
    public Uni<List<Sum>> sumBy(String dimension, CostFilter filter) {
        if (!DIMENSIONS.contains(dimension)) {
            throw new IllegalArgumentException("not a cost dimension: " + dimension);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        String where = filter.where(params);
        return Panache.getSession().chain(session -> {
            Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery("select " + dimension
                    + ", currency, sum(amount) from cost_record where " + where + " group by 1, 2", Object[].class);
            params.forEach(query::setParameter);
            return query.getResultList();
        }).map(rows -> rows.stream().map(row -> new Sum((String) row[0], (String) row[1], (BigDecimal) row[2])).toList());
    }

    /** Sums per day, value of {@code dimension} (or one group when null) and currency. */
    public Uni<List<DaySum>> sumByDay(String dimension, CostFilter filter) {
        if (dimension != null && !DIMENSIONS.contains(dimension)) {
            throw new IllegalArgumentException("not a cost dimension: " + dimension);
        }
        String key = dimension == null ? "''" : dimension;
        Map<String, Object> params = new LinkedHashMap<>();
        String where = filter.where(params);
        return Panache.getSession().chain(session -> {
            Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery("select " + key + ", usage_date, currency, sum(amount)"
                    + " from cost_record where " + where + " group by 1, 2, 3", Object[].class);
            params.forEach(query::setParameter);
            return query.getResultList();
        }).map(rows -> rows.stream()
                .map(row -> new DaySum((String) row[0], dayOf(row[1]), (String) row[2], (BigDecimal) row[3]))
                .toList());
    }

    static LocalDate dayOf(Object value) {
        if (value instanceof LocalDate day) {
            return day;
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        return LocalDate.parse(value.toString());
    }
}
