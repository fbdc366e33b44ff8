package io.orchestration.environment.support;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The service's tables read over plain JDBC, outside the service: what is really stored, not what
 * the API says is stored.
 */
public final class EnvironmentTable {

    /** One stored environment, with the columns the tests check. */
    public record Row(String name, String displayName, String provider, String type, boolean enabled,
                      List<String> regions, String components, String labels, String updatedBy, long version) {
    }

    private static final String SELECT = "select name, display_name, provider, type, enabled, regions, components::text,"
            + " labels::text, updated_by, version from environment";

    private EnvironmentTable() {
    }

    public static Optional<Row> find(String name) {
        List<Row> rows = query(SELECT + " where name = ?", name);
        return rows.stream().findFirst();
    }

    /** Every stored environment, by name. */
    public static List<Row> all() {
        return query(SELECT + " order by name");
    }

    /**
     * Waits until the outbox relay has sent every committed event, so a topic probe opened next
     * sees only what the test's own request causes.
     */
    public static void awaitOutboxDrained() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (pendingEvents() > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the outbox still holds " + pendingEvents() + " unsent events after 15 s");
            }
            sleep(Duration.ofMillis(100));
        }
    }

    private static long pendingEvents() {
        try (Connection connection = connect();
             ResultSet result = connection.createStatement()
                     .executeQuery("select count(*) from outbox_event where published_at is null")) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Row> query(String sql, String... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getString(1), result.getString(2), result.getString(3), result.getString(4),
                            result.getBoolean(5), regions(result.getArray(6)), result.getString(7), result.getString(8),
                            result.getString(9), result.getLong(10)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the environment table: " + e.getMessage(), e);
        }
    }

    private static List<String> regions(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }

    private static Connection connect() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the outbox", e);
        }
    }
}
