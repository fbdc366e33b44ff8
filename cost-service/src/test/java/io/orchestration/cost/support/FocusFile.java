package io.orchestration.cost.support;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A FOCUS 1.x CSV file a test writes row by row, keeping its own sums (in USD, with the configured
 * rates) to check the service's totals against.
 */
public final class FocusFile {

    public static final String HEADER = "BilledCost,EffectiveCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,ProviderName,"
            + "ServiceCategory,ServiceName,ResourceId,ResourceType,RegionId,Tags";

    /** A valid row as the test meant it: {@code environment} is where the service should put it (null: unallocated). */
    public record Row(String amount, String currency, LocalDate day, String provider, String providerId, String category,
                      String resourceId, String region, String tags, String environment) {

        BigDecimal usd() {
            return new BigDecimal(amount).multiply(CostApi.rate(currency));
        }
    }

    private final StringBuilder csv = new StringBuilder(HEADER).append('\n');
    private final List<Row> rows = new ArrayList<>();
    private int lines = 1;

    public FocusFile row(Row row) {
        csv.append(row.amount()).append(',').append(row.amount()).append(',').append(row.currency()).append(',')
                .append(row.day()).append("T00:00:00Z,").append(row.day().plusDays(1)).append("T00:00:00Z,")
                .append(row.provider()).append(',').append(row.category()).append(",Some Service,")
                .append(row.resourceId() == null ? "" : row.resourceId()).append(",Virtual Machine,")
                .append(row.region() == null ? "" : row.region()).append(',')
                .append(row.tags() == null ? "" : '"' + row.tags().replace("\"", "\"\"") + '"').append('\n');
        rows.add(row);
        lines++;
        return this;
    }

    /** Appends a raw line (a bad row); returns its line number. */
    public int badLine(String line) {
        csv.append(line).append('\n');
        return ++lines;
    }

    public String text() {
        return csv.toString();
    }

    public List<Row> rows() {
        return rows;
    }

    public BigDecimal totalUsd() {
        return rows.stream().map(Row::usd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** USD sums by a key of each row ("(unallocated)" for a null key). */
    public Map<String, BigDecimal> usdBy(Function<Row, String> key) {
        Map<String, BigDecimal> sums = new TreeMap<>();
        rows.forEach(row -> sums.merge(key.apply(row) == null ? "(unallocated)" : key.apply(row), row.usd(), BigDecimal::add));
        return sums;
    }

    public static double money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_EVEN).doubleValue();
    }
}
