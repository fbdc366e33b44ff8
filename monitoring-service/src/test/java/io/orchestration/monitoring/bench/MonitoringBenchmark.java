package io.orchestration.monitoring.bench;

import com.sun.net.httpserver.HttpServer;
import io.orchestration.monitoring.domain.AdminSettings;
import io.orchestration.monitoring.domain.MonitoredEnvironment;
import io.orchestration.monitoring.service.CollectionService;
import io.orchestration.monitoring.storage.MetricsQuery;
import io.orchestration.monitoring.storage.SamplePoint;
import io.orchestration.monitoring.storage.SampleStore;
import io.orchestration.monitoring.storage.SeriesKey;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The monitoring benchmarks of ARCHITECTURE.md section 9, run by {@code ./portal bench} (never by a
 * plain test run: tag "benchmark"). Results replace the "## monitoring-service" section of
 * docs/benchmarks.md, each figure with its target and whether this run met it; each figure is a
 * measurement of this run on this machine, ratios side by side in the same run, with the machine's
 * load average before and after (other work on the machine slows every figure). The collection
 * benchmark writes its events to the outbox as collection does; ./portal bench keeps the relay from
 * sending them (outbox.relay.interval=24h) and the benchmark deletes them afterwards.
 */
@QuarkusTest
@Tag("benchmark")
class MonitoringBenchmark {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final int INGEST_ROWS = 600_000;
    private static final int BATCH = 20_000;
    private static final int SERIES = 1_000;
    private static final String SECTION = "## monitoring-service";
    private static final double INGEST_TARGET_RATIO = 0.3;
    private static final double CHART_TARGET_P95_MS = 100;
    private static final double COLLECTION_TARGET_CORES = 1.0;

    @Inject
    SampleStore samples;
    @Inject
    MetricsQuery metrics;
    @Inject
    CollectionService collection;
    @Inject
    Pool pool;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    private final StringBuilder summaryRows = new StringBuilder();
    private final StringBuilder report = new StringBuilder();

    @Test
    void ingestQueryAndCollection() throws Throwable {
        String loadBefore = loadAverage();
        ingest();
        chartQuery();
        collectionCost();
        String section = SECTION + "\n\nRun " + OffsetDateTime.now(ZoneOffset.UTC).withNano(0) + " by `./portal bench` (MonitoringBenchmark) on "
                + Runtime.getRuntime().availableProcessors() + " cores; load average (1, 5, 15 min) " + loadBefore + " before the run and "
                + loadAverage() + " after it (above the core count, other work shared the machine and slowed every figure).\n\n"
                + "| figure | this run | target | met |\n|---|---|---|---|\n" + summaryRows + "\n" + report
                + "The collection rounds write their events to the outbox inside the measured transactions; the benchmark holds the"
                + " relay back (`outbox.relay.interval=24h`) so the synthetic events do not reach the shared Kafka topic, and deletes"
                + " them afterwards.\n";
        writeSection(section);
        System.out.println(section);
    }

    /** Replaces this benchmark's own section of docs/benchmarks.md (or appends it), leaving the others as they are. */
    private static void writeSection(String section) throws IOException {
        Path doc = Path.of("..", "docs", "benchmarks.md");
        String text = Files.readString(doc);
        int at = text.indexOf(SECTION + "\n");
        if (at < 0) {
            Files.writeString(doc, text.stripTrailing() + "\n\n" + section);
            return;
        }
        int next = text.indexOf("\n## ", at + SECTION.length());
        Files.writeString(doc, text.substring(0, at) + section + (next < 0 ? "" : "\n" + text.substring(next + 1)));
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private void summary(String figure, String value, String target, boolean met) {
        summaryRows.append("| ").append(figure).append(" | ").append(value).append(" | ").append(target).append(" | ")
                .append(met ? "yes" : "**no**").append(" |\n");
    }

    /** Samples/s through SampleStore (batches of 20,000, as a collection pass writes them) against COPY of the same rows. */
    private void ingest() throws Exception {
        List<SeriesKey> keys = new ArrayList<>();
        for (int i = 0; i < SERIES; i++) {
            keys.add(new SeriesKey("bench-" + RUN + "-" + (i / 20), "besu", "besu-rpc", "m" + (i % 20)));
        }
        Instant start = Instant.now().minus(Duration.ofHours(1));
        List<SamplePoint> points = new ArrayList<>(INGEST_ROWS);
        for (int i = 0; i < INGEST_ROWS; i++) {
            points.add(new SamplePoint(keys.get(i % SERIES), start.plusMillis(i), i * 0.5));
        }
        samples.seriesIds(keys).await().indefinitely();
        samples.write(points.subList(0, BATCH)).await().indefinitely();

        long copyNanos = copy(points);
        long storeStarted = System.nanoTime();
        for (int from = 0; from < INGEST_ROWS; from += BATCH) {
            samples.write(points.subList(from, Math.min(INGEST_ROWS, from + BATCH))).await().indefinitely();
        }
        long storeNanos = System.nanoTime() - storeStarted;
        double storeRate = INGEST_ROWS / (storeNanos / 1e9);
        double copyRate = INGEST_ROWS / (copyNanos / 1e9);
        pool.preparedQuery("delete from sample where series_id in (select id from series where environment like $1)")
                .execute(Tuple.of("bench-" + RUN + "-%")).await().indefinitely();
        double ratio = storeRate / copyRate;
        summary("ingest, samples/s as a ratio to raw COPY of the same rows", String.format(Locale.ROOT, "%.2fx (%,.0f vs %,.0f rows/s)", ratio, storeRate, copyRate),
                ">= " + INGEST_TARGET_RATIO + "x COPY", ratio >= INGEST_TARGET_RATIO);
        report.append("### Ingest\n\n| path | rows | seconds | rows/s |\n|---|---|---|---|\n")
                .append(String.format(Locale.ROOT, "| SampleStore.write (INSERT ... SELECT unnest, batches of %,d) | %,d | %.2f | %,.0f |%n", BATCH, INGEST_ROWS, storeNanos / 1e9, storeRate))
                .append(String.format(Locale.ROOT, "| COPY FROM STDIN of the same rows, same table | %,d | %.2f | %,.0f |%n", INGEST_ROWS, copyNanos / 1e9, copyRate))
                .append(String.format(Locale.ROOT, "%nRatio: **%.2fx COPY** (target >= %.1fx; the issue's ~150,000 samples/s assumes COPY at"
                        + " ~560,000 rows/s on an idle machine).%n%n", ratio, INGEST_TARGET_RATIO));
    }

    private long copy(List<SamplePoint> points) throws Exception {
        Map<SeriesKey, Integer> ids = samples.seriesIds(points.stream().map(SamplePoint::series).distinct().toList()).await().indefinitely();
        StringBuilder rows = new StringBuilder(points.size() * 48);
        for (SamplePoint point : points) {
            rows.append(ids.get(point.series())).append('\t').append(point.at().atOffset(ZoneOffset.UTC)).append('\t').append(point.value()).append('\n');
        }
        try (Connection jdbc = DriverManager.getConnection(jdbcUrl, "portal", "portal")) {
            long started = System.nanoTime();
            jdbc.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY sample (series_id, at, value) FROM STDIN", new StringReader(rows.toString()));
            return System.nanoTime() - started;
        }
    }

    /** A 30-day chart of one metric for each of 50 environments, from the hour rollups, p50/p95 over 500 queries. */
    private void chartQuery() {
        String prefix = "chart-" + RUN + "-";
        pool.preparedQuery("insert into series (environment, service_type, service_name, metric)"
                        + " select $1 || e, 'besu', 'besu-rpc', m from generate_series(1, 50) e,"
                        + " unnest(array['blockNumber','peerCount','gasPriceWei','cpuCores','memoryResidentBytes','pendingTransactions','diskUsedBytes','blocksBehind']) m")
                .execute(Tuple.of(prefix)).await().indefinitely();
        Instant now = Instant.now();
        for (int month = 0; month < 2; month++) {
            Instant monthStart = now.minus(Duration.ofDays(31 * (1 - month)));
            String partition = "sample_1h_p" + monthStart.atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1).toString().replace("-", "");
            pool.query("create table if not exists " + partition + " partition of sample_1h for values from ('"
                    + monthStart.atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1) + " 00:00:00+00') to ('"
                    + monthStart.atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1).plusMonths(1) + " 00:00:00+00')").execute().await().indefinitely();
        }
        pool.preparedQuery("insert into sample_1h (series_id, bucket, min, max, sum, count)"
                        + " select s.id, date_trunc('hour', $2::timestamptz) - h * interval '1 hour', h, h + 10, h * 240.0, 240"
                        + " from series s, generate_series(0, 24 * 31) h where s.environment like $1 on conflict do nothing")
                .execute(Tuple.of(prefix + "%", now.atOffset(ZoneOffset.UTC))).await().indefinitely();
        pool.query("analyze sample_1h").execute().await().indefinitely();
        long[] nanos = new long[500];
        for (int i = 0; i < nanos.length; i++) {
            long started = System.nanoTime();
            var range = metrics.range(prefix + (1 + i % 50), now.minus(Duration.ofDays(30)), now, Duration.ofMinutes(144),
                    List.of("blockNumber"), null).await().indefinitely();
            nanos[i] = System.nanoTime() - started;
            if (range.series().size() != 1 || range.series().get(0).points().size() < 290) {
                throw new AssertionError("a 30-day chart should have ~300 points: " + range.series());
            }
        }
        Arrays.sort(nanos);
        double p95 = nanos[(int) (nanos.length * 0.95)] / 1e6;
        summary("30-day chart query over 50 environments, p95", String.format(Locale.ROOT, "%.1f ms", p95),
                "< " + (int) CHART_TARGET_P95_MS + " ms", p95 < CHART_TARGET_P95_MS);
        report.append("### 30-day chart query\n\n50 environments x 8 series of hour rollups (31 days each); 500 queries of one metric's 30-day")
                .append(" chart at a 144-minute step (300 points), cycling over the environments, through MetricsQuery (the endpoint's query):\n\n")
                .append(String.format(Locale.ROOT, "p50 **%.1f ms**, p95 **%.1f ms**, max %.1f ms (target p95 < %.0f ms).%n%n",
                        nanos[nanos.length / 2] / 1e6, p95, nanos[nanos.length - 1] / 1e6, CHART_TARGET_P95_MS));
    }

    /** 1,000 Besu targets collected twice against an in-process JSON-RPC answering server; the process CPU per 15 s interval. */
    private void collectionCost() throws Throwable {
        HttpServer node = jsonRpcNode();
        try {
            String url = "http://127.0.0.1:" + node.getAddress().getPort();
            List<MonitoredEnvironment> environments = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                MonitoredEnvironment environment = new MonitoredEnvironment();
                environment.name = "collect-" + RUN + "-" + i;
                environment.enabled = true;
                environment.endpoints = Map.of("besuRpc", url);
                environment.cluster = Map.of();
                environment.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                environments.add(environment);
            }
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> MonitoredEnvironment.persist(environments)));
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            double[] cores = new double[3];
            long[] wall = new long[3];
            for (int round = 0; round < 3; round++) {
                long cpuBefore = os.getProcessCpuTime();
                long started = System.nanoTime();
                VertxContextSupport.subscribeAndAwait(() -> Multi.createFrom().iterable(environments)
                        .onItem().transformToUni(environment -> collection.collect(environment, AdminSettings.NONE, target -> true)).merge(64)
                        .collect().last());
                wall[round] = System.nanoTime() - started;
                cores[round] = (os.getProcessCpuTime() - cpuBefore) / 15e9;
            }
            double warm = Math.max(cores[1], cores[2]);
            summary("1,000 targets every 15 s, CPU (worst warm round)", String.format(Locale.ROOT, "%.2f cores", warm),
                    "< " + COLLECTION_TARGET_CORES + " core", warm < COLLECTION_TARGET_CORES);
            report.append("### Collection\n\n1,000 Besu targets (7 JSON-RPC calls each, samples written, statuses and events in")
                    .append(" transactions) against a JSON-RPC server in the same JVM (its CPU is counted too, so this is an upper bound):\n\n")
                    .append("| round | wall seconds | CPU seconds / 15 s interval (cores) |\n|---|---|---|\n");
            for (int round = 0; round < 3; round++) {
                report.append(String.format(Locale.ROOT, "| %d | %.2f | %.2f |%n", round + 1, wall[round] / 1e9, cores[round]));
            }
            report.append("\nTarget: < 1 core, judged on the warm rounds 2 and 3; round 1 includes the first statuses' inserts and JIT warm-up.\n\n");
        } finally {
            node.stop(0);
            pool.preparedQuery("delete from monitored_environment where name like $1").execute(Tuple.of("collect-" + RUN + "-%")).await().indefinitely();
            pool.preparedQuery("delete from service_status where environment like $1").execute(Tuple.of("collect-" + RUN + "-%")).await().indefinitely();
            // ./portal bench holds the relay back (outbox.relay.interval=24h): thousands of synthetic events stay off the shared topic.
            pool.preparedQuery("delete from outbox_event where record_key like $1").execute(Tuple.of("collect-" + RUN + "-%")).await().indefinitely();
        }
    }

    private static HttpServer jsonRpcNode() throws Exception {
        Pattern method = Pattern.compile("\"method\"\\s*:\\s*\"([a-zA-Z_]+)\"");
        Pattern id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
        Map<String, String> results = Map.of("eth_blockNumber", "\"0x4b1a2c\"", "net_peerCount", "\"0x5\"", "eth_syncing", "false",
                "eth_gasPrice", "\"0x3b9aca00\"", "net_version", "\"1337\"", "eth_chainId", "\"0x539\"",
                "eth_getBlockTransactionCountByNumber", "\"0x2\"");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.createContext("/", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = method.matcher(request);
            Matcher i = id.matcher(request);
            String answer = "{\"jsonrpc\":\"2.0\",\"id\":" + (i.find() ? i.group(1) : "1") + ",\"result\":"
                    + (m.find() ? results.getOrDefault(m.group(1), "null") : "null") + "}";
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return server;
    }
}
