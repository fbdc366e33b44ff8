package io.orchestration.systemtests;

import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kafka stopped while state changes happen across services, then started again: every event arrives and none is
 * applied twice, counted end to end. environment-service, deployment-service and admin-service (which stores every
 * service's audit records from audit-events) run against a private Kafka broker ({@link PrivateKafka}) and the *_flt
 * databases. The broker is stopped; while it is down, three kinds of change are made through the services' APIs, each
 * answered 2xx because the outbox keeps the events: environment toggles (environment-service), dry-run deployments
 * (deployment-service) and service / provider configuration changes (admin-service). The broker is started again,
 * and then: every outbox row is published, every event is on its topic (by CloudEvent id), each consumer's
 * processed_event holds exactly the ids produced for it, and its projection matches the source.
 * <p>
 * The issue asks for 10,000 state changes. Toggles are serial (each takes the catalogue lock and rewrites the
 * catalogue file: about 20 a second on the 2-core machine) and deployments take seconds each, so most of the 10,000
 * are configuration changes, which run in parallel (one row lock per component). The test makes changes until
 * {@value #CHANGES} or until {@value #OUTAGE_SECONDS} seconds have passed, prints how many it made, and fails below
 * {@value #CHANGES}: the machine has to be fast enough to prove the number.
 */
class KafkaOutageIT {

    /** The number of state changes made while the broker is down. */
    static final int CHANGES = 10_000;
    /** The longest the broker stays down: time enough for {@value #CHANGES} changes on a loaded 2-core machine. */
    static final long OUTAGE_SECONDS = 150;
    static final Duration OUTAGE = Duration.ofSeconds(OUTAGE_SECONDS);
    /** Parallel configuration changers: each component's row lock serialises its own changes. */
    private static final int CONFIGURATION_WORKERS = 12;
    private static final List<String> TOGGLED = List.of("azure-weu-prod", "aws-euc1-prod", "ibm-eu-de-dev", "oci-fra-dr",
            "onprem-lon-hci", "azure-stack-hci-edge", "local-devnet", "aws-use1-sandbox");
    private static final List<String> DEPLOYED = List.of("gcp-euw4-staging", "onprem-ams-hci");
    private static final String ENVIRONMENT_DB = TestDatabases.SHARED + "environment_flt";
    private static final String DEPLOYMENT_DB = TestDatabases.SHARED + "deployment_flt";
    private static final String ADMIN_DB = TestDatabases.SHARED + "admin_flt";

    private static PrivateKafka kafka;
    private static RunningService environmentService;
    private static RunningService deploymentService;
    private static RunningService adminService;

    @BeforeAll
    static void startTheServicesOnAPrivateBroker() throws Exception {
        TestDatabases.empty("environment_flt", "deployment_flt", "admin_flt");
        kafka = PrivateKafka.start();
        kafka.createTopics(List.of(Topics.named(Topics.ENVIRONMENT), Topics.named(Topics.DEPLOYMENT),
                Topics.named(Topics.AUDIT), Topics.named(Topics.ADMIN)), 3);
        Path work = Files.createTempDirectory("portal-kafka-outage");
        Path catalogue = work.resolve("environments.yaml");
        Files.copy(RunningService.ROOT.resolve("config/environments.yaml"), catalogue);
        String publicKey = ServiceCalls.testKey(work, "jwt-public.pem").toString();
        String privateKey = ServiceCalls.testKey(work, "jwt-private.pem").toString();
        String run = UUID.randomUUID().toString();
        Map<String, String> relay = Map.of("kafka.bootstrap.servers", kafka.bootstrap(), "outbox.relay.batch-size", "500");
        environmentService = RunningService.start("environment-service", "environment-service-flt", PrivateKafka.freePort(),
                with(relay, Map.of(
                        "portal.db", "environment_flt",
                        "environment.catalogue.path", catalogue.toString(),
                        "mp.jwt.verify.publickey.location", publicKey)));
        deploymentService = RunningService.start("deployment-service", "deployment-service-flt", PrivateKafka.freePort(),
                with(relay, Map.of(
                        "portal.db", "deployment_flt",
                        "mp.messaging.incoming.environment-events.group.id", "deployment-service-flt-" + run,
                        "deployment.dry-run.step-pause", "10ms",
                        "deployment.driver.interval", "100ms",
                        "mp.jwt.verify.publickey.location", publicKey)));
        adminService = RunningService.start("admin-service", "admin-service-flt", PrivateKafka.freePort(),
                with(relay, Map.of(
                        "portal.db", "admin_flt",
                        "mp.messaging.incoming.audit-events.group.id", "admin-service-flt-" + run,
                        "mp.messaging.incoming.audit-events.auto.offset.reset", "earliest",
                        "admin.bootstrap.password", "fault test first admin password",
                        "smallrye.jwt.sign.key.location", privateKey,
                        "admin.tokens.key-id", "test",
                        "mp.jwt.verify.publickey.location", publicKey)));
        for (RunningService service : List.of(environmentService, deploymentService, adminService)) {
            service.awaitReady(ServiceCalls.START_TIMEOUT);
        }
        for (String environment : DEPLOYED) {
            ServiceCalls.awaitDeployable(deploymentService, environment, Duration.ofSeconds(60));
        }
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (AutoCloseable running : new AutoCloseable[]{adminService, deploymentService, environmentService, kafka}) {
            if (running != null) {
                running.close();
            }
        }
    }

    @Test
    void everyEventMadeWhileKafkaWasDownArrivesOnceAfterItReturns() throws Exception {
        kafka.stop();
        long started = System.nanoTime();
        long until = started + OUTAGE.toNanos();
        List<JsonObject> components = components();
        ExecutorService workers = Executors.newFixedThreadPool(TOGGLED.size() + DEPLOYED.size() + CONFIGURATION_WORKERS);
        AtomicInteger changes = new AtomicInteger();
        AtomicInteger toggles = new AtomicInteger();
        AtomicInteger configured = new AtomicInteger();
        int deployed = 0;
        List<Future<List<String>>> deployments = new ArrayList<>();
        List<Future<Integer>> togglers = new ArrayList<>();
        try {
            for (String environment : TOGGLED) {
                togglers.add(workers.submit(() -> toggleRepeatedly(environment, until, changes, toggles)));
            }
            for (String environment : DEPLOYED) {
                deployments.add(workers.submit(() -> deployRepeatedly(environment, until, changes)));
            }
            for (int worker = 0; worker < CONFIGURATION_WORKERS; worker++) {
                JsonObject component = components.get(worker % components.size());
                togglers.add(workers.submit(() -> configureRepeatedly(component, until, changes, configured)));
            }
            for (Future<Integer> toggler : togglers) {
                toggler.get(OUTAGE.toSeconds() + 30, TimeUnit.SECONDS);
            }
            for (Future<List<String>> deployer : deployments) {
                List<String> statuses = deployer.get(OUTAGE.toSeconds() + 60, TimeUnit.SECONDS);
                statuses.forEach(status -> assertEquals("completed", status));
                deployed += statuses.size();
            }
        } finally {
            workers.shutdownNow();
        }
        int made = toggles.get() + deployed + configured.get();
        System.out.printf("Kafka outage: %d state changes (%d toggles, %d deployments, %d configuration changes) in %d ms"
                + " while the broker was down%n", made, toggles.get(), deployed, configured.get(), (System.nanoTime() - started) / 1_000_000);
        assertTrue(made >= CHANGES, "fewer changes than the issue's " + CHANGES + " in " + OUTAGE + ": " + made);
        assertTrue(toggles.get() >= TOGGLED.size(), "every toggling worker toggled: " + toggles.get());
        assertTrue(deployed >= DEPLOYED.size(), "every deploying worker finished a deployment: " + deployed);
        long backlog = TestDatabases.count(ENVIRONMENT_DB, "select count(*) from outbox_event where published_at is null");
        assertTrue(backlog >= toggles.get(), "the outage held back every toggle's event: " + backlog + " unpublished");
        long adminBacklog = TestDatabases.count(ADMIN_DB, "select count(*) from outbox_event where published_at is null");
        assertTrue(adminBacklog >= configured.get(), "the outage held back every configuration event: " + adminBacklog);

        kafka.restart();
        long restarted = System.nanoTime();
        awaitAllPublishedAndApplied(Duration.ofSeconds(300));
        System.out.printf("Kafka outage: backlog relayed and applied %d ms after the broker restarted%n",
                (System.nanoTime() - restarted) / 1_000_000);

        // Every acknowledged toggle is one enabled-changed event; every deployment its queued..completed events.
        assertEquals(toggles.get(), TestDatabases.count(ENVIRONMENT_DB,
                "select count(*) from outbox_event where type = 'io.orchestration.environment.enabled-changed'"));
        assertEquals(deployed, TestDatabases.count(DEPLOYMENT_DB,
                "select count(*) from outbox_event where type = 'io.orchestration.deployment.completed'"));

        assertEquals(configured.get(), TestDatabases.count(ADMIN_DB, "select count(*) from outbox_event where type in ('"
                + EventTypes.ADMIN_SERVICE_UPDATED + "', '" + EventTypes.ADMIN_PROVIDER_UPDATED + "')"));

        // Every outbox event is on its topic (a resend after a lost acknowledgement may repeat a record, never lose one).
        assertOnTopic(Topics.ENVIRONMENT, ids(ENVIRONMENT_DB, Topics.ENVIRONMENT));
        assertOnTopic(Topics.DEPLOYMENT, ids(DEPLOYMENT_DB, Topics.DEPLOYMENT));
        assertOnTopic(Topics.ADMIN, ids(ADMIN_DB, Topics.ADMIN));
        Set<String> audits = new HashSet<>(ids(ENVIRONMENT_DB, Topics.AUDIT));
        audits.addAll(ids(DEPLOYMENT_DB, Topics.AUDIT));
        audits.addAll(ids(ADMIN_DB, Topics.AUDIT));
        assertTrue(audits.size() >= made, "an audit record per change: " + audits.size());
        assertOnTopic(Topics.AUDIT, new ArrayList<>(audits));

        // Each consumer applied exactly the events produced for it, each once.
        assertEquals(Set.copyOf(ids(ENVIRONMENT_DB, Topics.ENVIRONMENT)), Set.copyOf(TestDatabases.column(DEPLOYMENT_DB,
                "select event_id from processed_event where consumer = 'deployment-service.environments'")));
        assertEquals(audits, Set.copyOf(TestDatabases.column(ADMIN_DB,
                "select event_id from processed_event where consumer = 'admin-service.audit'")));
        assertEquals(audits.size(), TestDatabases.count(ADMIN_DB, "select count(*) from audit_log"),
                "one audit log row per audit event");

        // deployment-service's view of every environment ends where environment-service's does.
        Map<String, String> source = TestDatabases.pairs(ENVIRONMENT_DB, "select name, enabled::text from environment order by name");
        assertEquals(10, source.size());
        assertEquals(source, TestDatabases.pairs(DEPLOYMENT_DB, "select name, enabled::text from environment_ref order by name"));
    }

    private static int toggleRepeatedly(String environment, long until, AtomicInteger changes, AtomicInteger toggles)
            throws Exception {
        boolean enabled = Boolean.parseBoolean(TestDatabases.pairs(ENVIRONMENT_DB,
                "select name, enabled::text from environment where name = '" + environment + "'").get(environment));
        int times = 0;
        while (System.nanoTime() < until && changes.incrementAndGet() <= CHANGES) {
            times++;
            enabled = !enabled;
            HttpResponse<String> toggled = ServiceCalls.send(environmentService, "PUT",
                    "/api/admin/environments/" + environment + "/toggle", "admin", "{\"enabled\":" + enabled + "}");
            assertEquals(200, toggled.statusCode(), toggled.body());
            assertEquals(enabled, new JsonObject(toggled.body()).getBoolean("enabled"));
            toggles.incrementAndGet();
        }
        return times;
    }

    /** Flips a service's or provider's enabled flag, keeping its settings, until the time or the changes run out. */
    private static int configureRepeatedly(JsonObject component, long until, AtomicInteger changes, AtomicInteger configured)
            throws Exception {
        String path = component.getString("path");
        boolean enabled = component.getBoolean("enabled");
        int times = 0;
        while (System.nanoTime() < until && changes.incrementAndGet() <= CHANGES) {
            times++;
            enabled = !enabled;
            HttpResponse<String> updated = ServiceCalls.send(adminService, "PUT", path, "admin",
                    new JsonObject().put("enabled", enabled).put("config", component.getJsonObject("config")).encode());
            assertEquals(200, updated.statusCode(), updated.body());
            configured.incrementAndGet();
        }
        return times;
    }

    /** Every service and provider admin-service configures. */
    private static List<JsonObject> components() throws Exception {
        List<JsonObject> all = new ArrayList<>();
        for (String kind : List.of("services", "providers")) {
            HttpResponse<String> listed = ServiceCalls.send(adminService, "GET", "/api/admin/" + kind, "admin", null);
            assertEquals(200, listed.statusCode(), listed.body());
            new JsonArray(listed.body()).forEach(item -> all.add(((JsonObject) item).put("path", "/api/admin/" + kind + "/"
                    + ((JsonObject) item).getString("name"))));
        }
        assertTrue(all.size() >= 8, "services and providers to configure: " + all);
        return all;
    }

    private static List<String> deployRepeatedly(String environment, long until, AtomicInteger changes) throws Exception {
        List<String> statuses = new ArrayList<>();
        while (System.nanoTime() < until && changes.incrementAndGet() <= CHANGES) {
            String id = ServiceCalls.deploy(deploymentService, environment, "rolling");
            statuses.add(ServiceCalls.awaitEnd(deploymentService, id, Duration.ofSeconds(60)).getString("status"));
        }
        return statuses;
    }

    private static void awaitAllPublishedAndApplied(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String unpublished = "select count(*) from outbox_event where published_at is null";
        while (true) {
            long pending = TestDatabases.count(ENVIRONMENT_DB, unpublished) + TestDatabases.count(DEPLOYMENT_DB, unpublished)
                    + TestDatabases.count(ADMIN_DB, unpublished);
            long environmentEvents = TestDatabases.count(ENVIRONMENT_DB,
                    "select count(*) from outbox_event where topic = '" + Topics.ENVIRONMENT + "'");
            long projected = TestDatabases.count(DEPLOYMENT_DB,
                    "select count(*) from processed_event where consumer = 'deployment-service.environments'");
            long auditEvents = TestDatabases.count(ENVIRONMENT_DB, auditCount()) + TestDatabases.count(DEPLOYMENT_DB, auditCount())
                    + TestDatabases.count(ADMIN_DB, auditCount());
            long recorded = TestDatabases.count(ADMIN_DB, "select count(*) from processed_event where consumer = 'admin-service.audit'");
            if (pending == 0 && projected >= environmentEvents && recorded >= auditEvents) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("after " + timeout + ": " + pending + " events unpublished, " + projected + "/"
                        + environmentEvents + " environment events projected, " + recorded + "/" + auditEvents + " audit events recorded");
            }
            Thread.sleep(500);
        }
    }

    private static String auditCount() {
        return "select count(*) from outbox_event where topic = '" + Topics.AUDIT + "'";
    }

    private static List<String> ids(String db, String topic) throws Exception {
        return TestDatabases.column(db, "select id::text from outbox_event where topic = '" + topic + "'");
    }

    private static void assertOnTopic(String topic, List<String> outboxIds) {
        List<String> records = kafka.headerValues(Topics.named(topic), "ce_id");
        Set<String> distinct = new HashSet<>(records);
        System.out.printf("Kafka outage: %s holds %d records, %d distinct events; the outboxes hold %d%n",
                Topics.named(topic), records.size(), distinct.size(), outboxIds.size());
        assertEquals(Set.copyOf(outboxIds), distinct, "every outbox event of " + topic + " is on the topic, and nothing else");
    }

    private static Map<String, String> with(Map<String, String> common, Map<String, String> own) {
        Map<String, String> all = new java.util.HashMap<>(common);
        all.putAll(own);
        return all;
    }
}
