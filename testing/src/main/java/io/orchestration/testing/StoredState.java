package io.orchestration.testing;

import io.quarkus.arc.Arc;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A fingerprint of what a service under test stores: each table's row count and a digest of its rows. Tables its
 * background work changes on its own are left out (with their partitions, {@code <table>_p...}), and the outbox only
 * counted (the relay stamps rows it sends).
 */
public final class StoredState {

    private static final Set<String> COUNTED_ONLY = Set.of("outbox_event");
    /** Written by events the service consumes, never by a request. */
    private static final Set<String> CONSUMED_ONLY = Set.of("processed_event");

    private StoredState() {
    }

    public static String fingerprint(Set<String> leftOut) {
        DataSource db = Arc.container().select(DataSource.class).get();
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("select table_name from information_schema.tables"
                    + " where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            StringJoiner fingerprint = new StringJoiner(", ");
            for (String table : tables) {
                if (CONSUMED_ONLY.contains(table) || table.startsWith("flyway_") || leftOut.stream().anyMatch(left -> table.equals(left) || table.startsWith(left + "_p"))) {
                    continue;
                }
                String digest = COUNTED_ONLY.contains(table) ? "''" : "md5(coalesce(string_agg(md5(t::text), '' order by md5(t::text)), ''))";
                try (ResultSet row = statement.executeQuery("select count(*), " + digest + " from \"" + table + "\" t")) {
                    row.next();
                    fingerprint.add(table + "=" + row.getLong(1) + (COUNTED_ONLY.contains(table) ? "" : ":" + row.getString(2).substring(0, 8)));
                }
            }
            return fingerprint.toString();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the service's tables: " + e.getMessage(), e);
        }
    }
}
