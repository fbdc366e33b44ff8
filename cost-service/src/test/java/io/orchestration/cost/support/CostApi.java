package io.orchestration.cost.support;

import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.orchestration.testing.CloudEventPublisher;
import io.orchestration.testing.TestTokens;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static io.restassured.RestAssured.given;

/** The cost API as a test drives it, and the environments it needs, sent as real events. */
public final class CostApi {

    private CostApi() {
    }

    public static RequestSpecification as(String role) {
        return given().header("Authorization", TestTokens.bearer(TestTokens.forRole(role)));
    }

    /** A name no other test run uses. */
    public static String uniqueEnvironment(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The configured value of one unit of {@code currency} in the base currency, read from the shipped config. */
    public static BigDecimal rate(String currency) {
        return ConfigProvider.getConfig().getValue("cost.currency.rates." + currency, BigDecimal.class);
    }

    /**
     * Announces an environment on environment-events as environment-service would, and waits until
     * this service's projection holds it.
     */
    public static void environmentExists(DataSource db, String name, String provider, String clusterContext, String regionPolicy)
            throws Exception {
        try (CloudEventPublisher kafka = new CloudEventPublisher()) {
            kafka.publish(Topics.ENVIRONMENT, name, EventTypes.ENVIRONMENT_CREATED, name, environment(name, provider, clusterContext, regionPolicy));
        }
        // A new consumer group reads the shared topic from its start first, so this can take a while on a long-used machine.
        awaitUntil(() -> count(db, "select count(*) from environment_ref where name = ?", name) == 1,
                "environment " + name + " to arrive from environment-events", Duration.ofSeconds(60));
    }

    /** An environment as environment-service's events carry it (its view). */
    public static String environment(String name, String provider, String clusterContext, String regionPolicy) {
        return """
                {"name": "%s", "provider": "%s", "type": "cloud", "enabled": true, "dryRun": true,
                 "regions": [], "regionPolicy": %s, "labels": {},
                 "cluster": {"context": "%s", "namespace": "chain"}, "components": {}}"""
                .formatted(name, provider, regionPolicy, clusterContext);
    }

    public static long count(DataSource db, String sql, Object... params) {
        try (Connection connection = db.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void awaitUntil(BooleanSupplier condition, String what) {
        awaitUntil(condition, what, Duration.ofSeconds(20));
    }

    public static void awaitUntil(BooleanSupplier condition, String what, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for " + what);
            }
        }
    }
}
