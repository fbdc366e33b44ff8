package io.orchestration.monitoring.storage;

import io.orchestration.monitoring.support.MonitoringApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Samples in the real PostgreSQL: batch writes into time partitions, exact rollups, retention by whole partitions. */
@QuarkusTest
class SampleStorageTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @Inject
    SampleStore samples;
    @Inject
    Rollups rollups;
    @Inject
    Retention retention;
    @Inject
    Partitions partitions;
    @Inject
    Pool pool;

    @Test
    void minuteAndHourRollupsEqualTheAggregatesOfTheRawSamples() {
        String environment = "rollup-" + RUN;
        Instant start = Instant.now().minus(Duration.ofHours(5)).truncatedTo(java.time.temporal.ChronoUnit.HOURS).plusSeconds(7);
        Random random = new Random(42);
        List<SamplePoint> points = new ArrayList<>();
        for (String metric : List.of("blockNumber", "peerCount", "gasPriceWei")) {
            SeriesKey series = new SeriesKey(environment, "besu", "besu-rpc", metric);
            for (int i = 0; i < 900; i++) {
                // every 13 s for a little over three hours, so buckets hold uneven numbers of samples
                points.add(new SamplePoint(series, start.plusSeconds(13L * i), random.nextDouble() * 1000 - 200));
            }
        }
        assertEquals(points.size(), samples.write(points).await().indefinitely());
        Instant end = start.plusSeconds(13L * 900);

        rollups.rollUpMinutes(start, end).await().indefinitely();
        rollups.rollUpHours(start, end).await().indefinitely();
        // Rolling up again changes nothing: passes overwrite whole buckets.
        rollups.rollUpMinutes(start, end).await().indefinitely();
        rollups.rollUpHours(start, end).await().indefinitely();

        assertEquals(rawAggregates(environment, "1 minute"), rolledUp(environment, "sample_1m"));
        assertEquals(rawAggregates(environment, "1 hour"), rolledUp(environment, "sample_1h"));
        assertEquals(4 * 3, rolledUp(environment, "sample_1h").size(), "four hour buckets per series");
    }

    @Test
    void retentionDropsExactlyThePartitionsWhoseWholeRangeExpired() {
        String environment = "retention-" + RUN;
        SeriesKey series = new SeriesKey(environment, "besu", "besu-rpc", "blockNumber");
        Instant firstDay = Instant.parse("2020-03-01T00:00:00Z");
        List<SamplePoint> points = new ArrayList<>();
        for (int day = 0; day < 4; day++) {
            points.add(new SamplePoint(series, firstDay.plus(Duration.ofDays(day)).plusSeconds(60), day));
            points.add(new SamplePoint(series, firstDay.plus(Duration.ofDays(day)).plus(Duration.ofHours(23)), day));
        }
        samples.write(points).await().indefinitely();

        // Raw retention is 7 days: as of 10 March 12:00 the cutoff is 3 March 12:00, so the partitions of
        // 1 and 2 March (ending 2 and 3 March 00:00) expired and 3 March (ending 4 March) did not.
        List<String> dropped = retention.dropExpired(Instant.parse("2020-03-10T12:00:00Z")).await().indefinitely();

        assertTrue(dropped.containsAll(List.of("sample_p20200301", "sample_p20200302")), dropped.toString());
        assertFalse(dropped.contains("sample_p20200303"), dropped.toString());
        assertTrue(dropped.stream().allMatch(name -> name.startsWith("sample_p") && name.compareTo("sample_p20200303") < 0),
                "only raw partitions before 3 March: " + dropped);
        List<String> left = partitions.existing(Resolution.RAW).await().indefinitely();
        assertTrue(left.containsAll(List.of("sample_p20200303", "sample_p20200304")), left.toString());
        assertEquals(List.of(2.0, 2.0, 3.0, 3.0), valuesOf(series, firstDay, firstDay.plus(Duration.ofDays(4))));
    }

    @Test
    void chartsAreServedFromTheRollupTheStepAndRangeNeed() throws Exception {
        String environment = "chart-" + RUN;
        MonitoringApi.announce(environment, Map.of("cacti", "http://127.0.0.1:9"));
        Instant now = Instant.now();
        SeriesKey series = new SeriesKey(environment, "besu", "besu-rpc", "peerCount");
        List<SamplePoint> points = new ArrayList<>();
        for (int minute = 1; minute <= 120; minute++) {
            points.add(new SamplePoint(series, now.minus(Duration.ofMinutes(minute)), minute % 2 == 0 ? 4 : 6));
        }
        samples.write(points).await().indefinitely();
        rollups.rollUpMinutes(now.minus(Duration.ofHours(3)), now).await().indefinitely();
        rollups.rollUpHours(now.minus(Duration.ofHours(3)), now).await().indefinitely();

        chart(environment, "2h", "15s").body("resolution", equalTo("raw"));
        chart(environment, "2h", "5m").body("resolution", equalTo("minute"));
        JsonPath month = new JsonPath(chart(environment, "30d", null).body("resolution", equalTo("hour")).extract().asString())
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
        List<Double> averages = month.getList("series[0].points.avg", Double.class);
        assertFalse(averages.isEmpty());
        averages.forEach(avg -> assertEquals(5.0, avg, 1.0, "alternating 4 and 6 average about 5"));
        assertEquals(120.0, month.getList("series[0].points.count", Double.class).stream().mapToDouble(Double::doubleValue).sum());
    }

    @Test
    void chartRequestsThatMakeNoSenseAreRefusedWithAProblem() throws Exception {
        String environment = "chart-bad-" + RUN;
        MonitoringApi.announce(environment, Map.of("cacti", "http://127.0.0.1:9"));
        for (Map.Entry<String, String> bad : Map.of(
                "step", "fortnight",
                "range", "-5m",
                "from", "yesterday").entrySet()) {
            MonitoringApi.as("viewer").queryParam(bad.getKey(), bad.getValue()).get("/api/environments/{name}/metrics", environment)
                    .then().statusCode(400).contentType("application/problem+json");
        }
        MonitoringApi.as("viewer").queryParam("range", "30d").queryParam("step", "1s").get("/api/environments/{name}/metrics", environment)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("more than"));
        MonitoringApi.as("viewer").get("/api/environments/{name}/metrics", "no-such-environment-" + RUN)
                .then().statusCode(404).contentType("application/problem+json");
        io.restassured.RestAssured.given().get("/api/environments/{name}/metrics", environment).then().statusCode(401);
    }

    private io.restassured.response.ValidatableResponse chart(String environment, String range, String step) {
        var request = MonitoringApi.as("viewer").queryParam("range", range).queryParam("metric", "peerCount");
        if (step != null) {
            request.queryParam("step", step);
        }
        return request.get("/api/environments/{name}/metrics", environment).then().statusCode(200);
    }

    /** min, max, sum, count per bucket and series, straight from the raw samples. */
    private Map<String, List<Double>> rawAggregates(String environment, String bucket) {
        return aggregates("select s.metric, date_bin('" + bucket + "', r.at, timestamptz '2000-01-01 00:00:00+00'),"
                + " min(r.value), max(r.value), sum(r.value), count(*) from sample r join series s on s.id = r.series_id"
                + " where s.environment = $1 group by 1, 2", environment);
    }

    private Map<String, List<Double>> rolledUp(String environment, String table) {
        return aggregates("select s.metric, r.bucket, r.min, r.max, r.sum, r.count from " + table
                + " r join series s on s.id = r.series_id where s.environment = $1", environment);
    }

    private Map<String, List<Double>> aggregates(String sql, String environment) {
        Map<String, List<Double>> buckets = new TreeMap<>();
        for (Row row : pool.preparedQuery(sql).execute(Tuple.of(environment)).await().indefinitely()) {
            // sums rounded to 1e-6: a sum of sums adds in another order than the sum of the raw values
            buckets.put(row.getString(0) + "@" + row.getOffsetDateTime(1).withOffsetSameInstant(ZoneOffset.UTC),
                    List.of(row.getDouble(2), row.getDouble(3), Math.round(row.getDouble(4) * 1e6) / 1e6, row.getNumeric(5).doubleValue()));
        }
        return buckets;
    }

    private List<Double> valuesOf(SeriesKey series, Instant from, Instant to) {
        List<Double> values = new ArrayList<>();
        for (Row row : pool.preparedQuery("select r.value from sample r join series s on s.id = r.series_id"
                        + " where s.environment = $1 and s.metric = $2 and r.at >= $3 and r.at < $4 order by r.at")
                .execute(Tuple.of(series.environment(), series.metric(), from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)))
                .await().indefinitely()) {
            values.add(row.getDouble(0));
        }
        return values;
    }
}
