package io.orchestration.monitoring.storage;

import io.orchestration.monitoring.config.MonitoringConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Range queries for charts, served from the coarsest table that still resolves the step: raw
 * samples for steps under a minute, minute rollups under an hour, hour rollups above; and never
 * from a table whose retention no longer covers the start of the range.
 */
@ApplicationScoped
public class MetricsQuery {

    private final Pool pool;
    private final Duration rawRetention;
    private final Duration minuteRetention;

    public MetricsQuery(Pool pool, MonitoringConfig config) {
        this.pool = pool;
        this.rawRetention = config.storage().rawRetention();
        this.minuteRetention = config.storage().minuteRetention();
    }

    public Resolution resolutionFor(Instant from, Duration step, Instant now) {
        Resolution byStep = step.compareTo(Duration.ofHours(1)) >= 0 ? Resolution.HOUR
                : step.compareTo(Duration.ofMinutes(1)) >= 0 ? Resolution.MINUTE : Resolution.RAW;
        Resolution byAge = from.isBefore(now.minus(minuteRetention)) ? Resolution.HOUR
                : from.isBefore(now.minus(rawRetention)) ? Resolution.MINUTE : Resolution.RAW;
        return byStep.ordinal() >= byAge.ordinal() ? byStep : byAge;
    }

    /** The series of {@code environment} over [from, to) at {@code step}, optionally only some metrics and one service type. */
    public Uni<MetricsRange> range(String environment, Instant from, Instant to, Duration step, List<String> metrics, String serviceType) {
        Resolution resolution = resolutionFor(from, step, Instant.now());
        String time = "r." + resolution.timeColumn();
        String aggregates = resolution == Resolution.RAW
                ? "avg(r.value), min(r.value), max(r.value), count(*)"
                : "sum(r.sum) / sum(r.count), min(r.min), max(r.max), sum(r.count)";
        String sql = "select s.service_type, s.service_name, s.metric, s.source,"
                + " date_bin(($4 || ' seconds')::interval, " + time + ", timestamptz '2000-01-01 00:00:00+00') as b, " + aggregates
                + " from " + resolution.table() + " r join series s on s.id = r.series_id"
                + " where s.environment = $1 and " + time + " >= $2 and " + time + " < $3"
                + " and (cardinality($5::text[]) = 0 or s.metric = any($5::text[]))"
                + " and ($6::text is null or s.service_type = $6)"
                + " group by s.service_type, s.service_name, s.metric, s.source, b"
                + " order by s.service_type, s.service_name, s.metric, b";
        Tuple parameters = Tuple.tuple()
                .addString(environment)
                .addOffsetDateTime(from.atOffset(ZoneOffset.UTC))
                .addOffsetDateTime(to.atOffset(ZoneOffset.UTC))
                .addString(Long.toString(step.toSeconds()))
                .addArrayOfString(metrics.toArray(String[]::new))
                .addString(serviceType);
        return pool.preparedQuery(sql).execute(parameters).map(rows -> {
            Map<String, MetricSeries> series = new LinkedHashMap<>();
            for (Row row : rows) {
                String key = row.getString(0) + "/" + row.getString(1) + "/" + row.getString(2);
                series.computeIfAbsent(key, k -> new MetricSeries(row.getString(0), row.getString(1), row.getString(2),
                                row.getString(3), new ArrayList<>()))
                        .points().add(new MetricSeries.Point(row.getOffsetDateTime(4), row.getDouble(5), row.getDouble(6),
                                row.getDouble(7), row.getLong(8)));
            }
            return new MetricsRange(environment, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC), step,
                    resolution.name().toLowerCase(Locale.ROOT), List.copyOf(series.values()));
        });
    }
}
