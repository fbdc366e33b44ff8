package io.orchestration.monitoring.storage;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The time partitions of the sample tables: {@code <table>_p<yyyymmdd>} holds [start, start + span).
 * Created ahead of the samples that need them; dropped whole once their end is older than the retention.
 */
@ApplicationScoped
public class Partitions {

    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final Pool pool;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public Partitions(Pool pool) {
        this.pool = pool;
    }

    /** Makes sure every partition of {@code resolution} covering [from, to] exists. */
    public Uni<Void> ensure(Resolution resolution, Instant from, Instant to) {
        List<LocalDate> starts = new ArrayList<>();
        for (LocalDate start = startOf(resolution, from); !start.atStartOfDay().toInstant(ZoneOffset.UTC).isAfter(to);
             start = start.plus(1, resolution.partitionSpan())) {
            starts.add(start);
        }
        return Multi.createFrom().iterable(starts)
                .onItem().transformToUniAndConcatenate(start -> create(resolution, start))
                .collect().last().replaceWithVoid();
    }

    /** Drops the partitions of {@code resolution} that end at or before {@code cutoff}; the names of those dropped. */
    public Uni<List<String>> dropEndingBefore(Resolution resolution, Instant cutoff) {
        return existing(resolution).chain(partitions -> {
            List<String> expired = partitions.stream()
                    .filter(name -> !endOf(resolution, name).isAfter(cutoff))
                    .sorted()
                    .toList();
            return Multi.createFrom().iterable(expired)
                    .onItem().transformToUniAndConcatenate(name -> pool.query("drop table if exists " + name).execute()
                            .invoke(() -> known.remove(name)))
                    .collect().last().replaceWith(expired);
        });
    }

    /** The names of the partitions of {@code resolution} that exist now. */
    public Uni<List<String>> existing(Resolution resolution) {
        return pool.preparedQuery("select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid"
                        + " join pg_class p on p.oid = i.inhparent where p.relname = $1 order by c.relname")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(resolution.table()))
                .map(rows -> {
                    List<String> names = new ArrayList<>();
                    for (Row row : rows) {
                        names.add(row.getString(0));
                    }
                    return names;
                });
    }

    private Uni<Void> create(Resolution resolution, LocalDate start) {
        String name = resolution.table() + "_p" + SUFFIX.format(start);
        if (known.contains(name)) {
            return Uni.createFrom().voidItem();
        }
        LocalDate end = start.plus(1, resolution.partitionSpan());
        String sql = "create table if not exists " + name + " partition of " + resolution.table()
                + " for values from ('" + start + " 00:00:00+00') to ('" + end + " 00:00:00+00')";
        return pool.query(sql).execute()
                // Two replicas may race to create the same partition: the loser's error is the winner's table.
                .onFailure(failure -> String.valueOf(failure.getMessage()).contains("already exists")).recoverWithNull()
                .invoke(() -> known.add(name))
                .replaceWithVoid();
    }

    static LocalDate startOf(Resolution resolution, Instant at) {
        LocalDate day = at.atOffset(ZoneOffset.UTC).toLocalDate();
        return resolution.partitionSpan() == ChronoUnit.MONTHS ? day.withDayOfMonth(1) : day;
    }

    static Instant endOf(Resolution resolution, String partition) {
        String suffix = partition.substring(partition.lastIndexOf("_p") + 2);
        LocalDate start = LocalDate.parse(suffix, SUFFIX);
        return start.plus(1, resolution.partitionSpan()).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    public static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
