package io.orchestration.systemtests;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL stopped and started again under load: environment-service runs on a PostgreSQL cluster of the test's own
 * ({@link PrivatePostgres}) while workers toggle environments without pause; the cluster is shut down (fast: open
 * sessions end with 57P01), kept down a few seconds and started again. Every answer is a 200 or a 503 problem+json
 * with Retry-After, none slower than the bound; readiness is DOWN during the outage and UP after; toggles succeed
 * again; and nothing is half-written: each environment's enabled-changed events are exactly the toggles answered 200,
 * in order, its row and the catalogue file end as the last of them said, and every event is relayed.
 */
class PostgresRestartIT {

    private static final List<String> TOGGLED = List.of("azure-weu-prod", "aws-euc1-prod", "ibm-eu-de-dev", "onprem-lon-hci");
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(14);
    private static final Duration OUTAGE = Duration.ofSeconds(6);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static PrivatePostgres postgres;
    private static RunningService environmentService;
    private static Path catalogue;

    @BeforeAll
    static void startTheServiceOnAPrivateDatabase() throws Exception {
        postgres = PrivatePostgres.start("environment_flt");
        Path work = Files.createTempDirectory("portal-postgres-restart");
        catalogue = work.resolve("environments.yaml");
        Files.copy(RunningService.ROOT.resolve("config/environments.yaml"), catalogue);
        environmentService = RunningService.start("environment-service", "environment-service-pgrestart", PrivateKafka.freePort(), Map.of(
                "portal.db", "environment_flt",
                "portal.db.port", String.valueOf(postgres.port()),
                // Topics of its own on the shared broker: these toggles must not reach other tests' projections.
                "portal.kafka.topic-prefix", "flt.",
                "environment.catalogue.path", catalogue.toString(),
                "mp.jwt.verify.publickey.location", ServiceCalls.testKey(work, "jwt-public.pem").toString()));
        environmentService.awaitReady(ServiceCalls.START_TIMEOUT);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (AutoCloseable running : new AutoCloseable[]{environmentService, postgres}) {
            if (running != null) {
                running.close();
            }
        }
    }

    @Test
    void requestsFailCleanlyWhilePostgresIsDownAndNothingIsHalfWritten() throws Exception {
        AtomicBoolean load = new AtomicBoolean(true);
        ExecutorService workers = Executors.newFixedThreadPool(TOGGLED.size());
        List<Future<Toggler>> togglers = new ArrayList<>();
        Map<String, String> before = TestDatabases.pairs(postgres.url("environment_flt"), "select name, enabled::text from environment");
        List<Toggler> running = new ArrayList<>();
        for (String environment : TOGGLED) {
            Toggler toggler = new Toggler(environment, Boolean.parseBoolean(before.get(environment)));
            running.add(toggler);
            togglers.add(workers.submit(() -> toggler.run(load)));
        }
        boolean downSeen;
        boolean upSeen;
        try {
            awaitEveryToggler(running, Duration.ofSeconds(60));
            postgres.stop();
            downSeen = awaitReadiness(503, Duration.ofSeconds(15));
            Thread.sleep(OUTAGE.toMillis());
            postgres.startServer();
            upSeen = awaitReadiness(200, Duration.ofSeconds(30));
            Thread.sleep(3_000);
        } finally {
            load.set(false);
            workers.shutdown();
        }
        List<Toggler> results = new ArrayList<>();
        for (Future<Toggler> toggler : togglers) {
            results.add(toggler.get(60, TimeUnit.SECONDS));
        }
        assertTrue(workers.awaitTermination(10, TimeUnit.SECONDS));
        assertTrue(downSeen, "readiness reported DOWN while PostgreSQL was stopped");
        assertTrue(upSeen, "readiness reported UP after PostgreSQL was started again");

        int acknowledged = 0;
        int refused = 0;
        for (Toggler toggler : results) {
            System.out.printf("PostgreSQL restart: %s: %d toggles answered 200, %d answered 503, slowest answer %d ms%n",
                    toggler.environment, toggler.acknowledged.size(), toggler.refused, toggler.slowestMillis);
            assertTrue(toggler.failures.isEmpty(), toggler.environment + ": " + toggler.failures);
            assertTrue(toggler.slowestMillis < ANSWER_BOUND.toMillis(), "every answer within " + ANSWER_BOUND);
            assertTrue(toggler.lastAnswer == 200, toggler.environment + "'s toggles succeed again after the restart");
            acknowledged += toggler.acknowledged.size();
            refused += toggler.refused;
        }
        assertTrue(refused > 0, "some toggles met the outage");
        assertTrue(acknowledged >= 2 * TOGGLED.size(), "toggles went through before and after the outage: " + acknowledged);

        String url = postgres.url("environment_flt");
        String catalogueText = Files.readString(catalogue);
        for (Toggler toggler : results) {
            List<String> stored = TestDatabases.column(url, "select payload::json->>'enabled' from outbox_event"
                    + " where type = 'io.orchestration.environment.enabled-changed' and subject = '" + toggler.environment + "'"
                    + " order by created_at, id");
            assertEquals(toggler.acknowledged, stored, toggler.environment + ": one event per toggle answered 200, none other");
            String last = toggler.acknowledged.get(toggler.acknowledged.size() - 1);
            assertEquals(Map.of(toggler.environment, last), TestDatabases.pairs(url,
                    "select name, enabled::text from environment where name = '" + toggler.environment + "'"));
            assertEquals(last, catalogueEnabled(catalogueText, toggler.environment), "the catalogue file agrees");
        }
        awaitRelayed(url, Duration.ofSeconds(30));
    }

    /** Load first: PostgreSQL is stopped once every worker has had a toggle answered 200. */
    private static void awaitEveryToggler(List<Toggler> togglers, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (togglers.stream().anyMatch(toggler -> toggler.acknowledged.isEmpty())) {
            assertTrue(System.nanoTime() < deadline, "no toggle went through within " + timeout);
            Thread.sleep(100);
        }
    }

    private static boolean awaitReadiness(int status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(environmentService.uri("/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (ready.statusCode() == status) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private static void awaitRelayed(String url, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pending;
        while ((pending = TestDatabases.count(url, "select count(*) from outbox_event where published_at is null")) > 0) {
            assertTrue(System.nanoTime() < deadline, pending + " events still unrelayed after " + timeout);
            Thread.sleep(300);
        }
    }

    /** The "enabled:" line of the environment's entry in the catalogue file. */
    private static String catalogueEnabled(String catalogueText, String environment) {
        String entry = catalogueText.substring(catalogueText.indexOf("  - name: " + environment + "\n"));
        int next = entry.indexOf("\n  - name: ");
        entry = next < 0 ? entry : entry.substring(0, next);
        int at = entry.indexOf("\n    enabled: ");
        return entry.substring(at + "\n    enabled: ".length()).lines().findFirst().orElse("").trim();
    }

    /** Toggles one environment back and forth until told to stop, keeping what each answer said. */
    private static final class Toggler {

        final String environment;
        final List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        final List<String> failures = new ArrayList<>();
        int refused;
        int lastAnswer;
        long slowestMillis;

        private boolean enabled;

        Toggler(String environment, boolean enabled) {
            this.environment = environment;
            this.enabled = enabled;
        }

        Toggler run(AtomicBoolean load) throws Exception {
            while (load.get()) {
                long sent = System.nanoTime();
                HttpResponse<String> answer;
                try {
                    answer = ServiceCalls.send(environmentService, "PUT", "/api/admin/environments/" + environment + "/toggle",
                            "admin", "{\"enabled\":" + !enabled + "}");
                } catch (java.io.IOException e) {
                    failures.add("no answer: " + e);
                    continue;
                }
                slowestMillis = Math.max(slowestMillis, (System.nanoTime() - sent) / 1_000_000);
                lastAnswer = answer.statusCode();
                if (answer.statusCode() == 200) {
                    enabled = !enabled;
                    acknowledged.add(String.valueOf(enabled));
                } else if (answer.statusCode() == 503) {
                    refused++;
                    checkUnavailable(answer);
                    Thread.sleep(100);
                } else {
                    failures.add(answer.statusCode() + " " + answer.body());
                }
            }
            return this;
        }

        private void checkUnavailable(HttpResponse<String> answer) {
            String type = answer.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json")) {
                failures.add("503 as " + type + ": " + answer.body());
                return;
            }
            JsonObject problem = new JsonObject(answer.body());
            if (problem.getInteger("status") != 503 || answer.headers().firstValue("Retry-After").isEmpty()) {
                failures.add("503 without its status or Retry-After: " + answer.headers().map() + " " + answer.body());
            }
        }
    }
}
