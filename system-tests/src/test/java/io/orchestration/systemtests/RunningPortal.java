package io.orchestration.systemtests;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The packaged suite (gateway and the six services) as processes on ports of their own, with their own databases,
 * a copy of the shipped catalogue and the test keys. Started once for every system test (JUnit's root store closes it
 * at the end of the run). The databases are emptied first; monitoring, alert and cost services seed their demo data
 * (labelled {@code source: demo}).
 * <p>
 * Two system properties let runs side by side not collide: {@code e2e.db-suffix} (default {@code _e2e}: databases
 * environment_e2e, deployment_e2e, monitoring_e2e, alert_e2e, cost_e2e, admin_e2e) and {@code e2e.port-base} (default
 * 28080: the gateway there, the services on the next six ports in the order of {@link #GATEWAY_PORT} to {@link #ADMIN_PORT}).
 */
public final class RunningPortal implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

    static final String DB_SUFFIX = System.getProperty("e2e.db-suffix", "_e2e");
    static final int PORT_BASE = Integer.getInteger("e2e.port-base", 28080);
    static final int GATEWAY_PORT = PORT_BASE;
    static final int ENVIRONMENT_PORT = PORT_BASE + 1;
    static final int DEPLOYMENT_PORT = PORT_BASE + 2;
    static final int MONITORING_PORT = PORT_BASE + 3;
    static final int ALERT_PORT = PORT_BASE + 4;
    static final int COST_PORT = PORT_BASE + 5;
    static final int ADMIN_PORT = PORT_BASE + 6;
    private static final List<String> SERVICES_WITH_DATABASES = List.of("environment", "deployment", "monitoring", "alert", "cost", "admin");
    /** The first admin's (user {@code admin}) password the e2e admin-service starts with. */
    static final String ADMIN_PASSWORD = "e2e first admin password";

    private static Path catalogue;
    private final List<RunningService> services = new ArrayList<>();
    private String keyLocation;
    private String run;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(RunningPortal.class, key -> {
            try {
                start();
                return this;
            } catch (Exception e) {
                stopStarted();
                throw new IllegalStateException("The portal did not start: " + e.getMessage(), e);
            }
        });
    }

    static Path catalogue() {
        return catalogue;
    }

    /** The database of {@code service} (environment, deployment, monitoring, alert, cost, admin) for this run. */
    static String database(String service) {
        return service + DB_SUFFIX;
    }

    static URI gateway(String path) {
        return URI.create("http://127.0.0.1:" + GATEWAY_PORT + path);
    }

    static URI liveFeed() {
        return URI.create("ws://127.0.0.1:" + GATEWAY_PORT + "/ws");
    }

    private void start() throws Exception {
        emptyDatabases();
        Path workDir = Files.createTempDirectory("portal-e2e");
        catalogue = workDir.resolve("environments.yaml");
        Files.copy(RunningService.ROOT.resolve("config/environments.yaml"), catalogue);
        Path publicKey = copyResource("test-keys/jwt-public.pem", workDir);
        Path privateKey = copyResource("test-keys/jwt-private.pem", workDir);
        keyLocation = publicKey.toString();
        run = DB_SUFFIX.replace("_", "") + "-" + UUID.randomUUID();

        start("environment-service", ENVIRONMENT_PORT, "environment", List.of(), Map.of(
                "environment.catalogue.path", catalogue.toString()));
        start("deployment-service", DEPLOYMENT_PORT, "deployment", List.of("environment-events"), Map.of(
                "deployment.dry-run.step-pause", "50ms"));
        start("monitoring-service", MONITORING_PORT, "monitoring", List.of("environment-events"), Map.of(
                "monitoring.demo.seed", "true"));
        // In waves: seven JVMs starting at once on a small, busy machine time out waiting for their first connection.
        awaitReady();
        start("alert-service", ALERT_PORT, "alert",
                List.of("deployment-events", "monitoring-events", "cost-events", "environment-events"), Map.of(
                "alert.demo.seed", "true"));
        start("cost-service", COST_PORT, "cost", List.of("environment-events"), Map.of(
                "cost.demo.enabled", "true"));
        start("admin-service", ADMIN_PORT, "admin", List.of("audit-events"), Map.of(
                "mp.messaging.incoming.audit-events.auto.offset.reset", "latest",
                "admin.bootstrap.password", ADMIN_PASSWORD,
                "smallrye.jwt.sign.key.location", privateKey.toString(),
                "admin.tokens.key-id", "test"));
        awaitReady();
        Map<String, String> gatewayProperties = new HashMap<>(Map.of(
                "gateway.services.environment", "http://127.0.0.1:" + ENVIRONMENT_PORT,
                "gateway.services.deployment", "http://127.0.0.1:" + DEPLOYMENT_PORT,
                "gateway.services.monitoring", "http://127.0.0.1:" + MONITORING_PORT,
                "gateway.services.alert", "http://127.0.0.1:" + ALERT_PORT,
                "gateway.services.cost", "http://127.0.0.1:" + COST_PORT,
                "gateway.services.admin", "http://127.0.0.1:" + ADMIN_PORT,
                "gateway.cors-origins", "http://127.0.0.1:" + GATEWAY_PORT + ",http://localhost:" + GATEWAY_PORT));
        gatewayProperties.put("mp.jwt.verify.publickey.location", keyLocation);
        services.add(RunningService.start("gateway", GATEWAY_PORT, gatewayProperties));
        awaitReady();
    }

    private void awaitReady() throws Exception {
        for (RunningService service : services) {
            service.awaitReady(Duration.ofSeconds(300));
        }
    }

    /**
     * Starts a service on its database of this run, trusting the test keys; each channel it consumes reads in a group of
     * its own, since the dev portal's durable groups must not have consumed the events this run needs.
     */
    private void start(String module, int port, String database, List<String> channels, Map<String, String> settings)
            throws Exception {
        Map<String, String> properties = new HashMap<>(settings);
        properties.put("portal.db", database(database));
        properties.put("quarkus.datasource.jdbc.acquisition-timeout", "60s");
        properties.put("mp.jwt.verify.publickey.location", keyLocation);
        for (String channel : channels) {
            properties.put("mp.messaging.incoming." + channel + ".group.id", module + "." + channel + "-" + run);
        }
        services.add(RunningService.start(module, port, properties));
    }

    /**
     * Every run starts on empty databases of its own suffix: the services migrate them and seed their labelled demo data
     * (monitoring-service only into an empty one), so what a run sees does not depend on the runs before it.
     */
    private static void emptyDatabases() throws Exception {
        TestDatabases.empty(SERVICES_WITH_DATABASES.stream().map(RunningPortal::database).toArray(String[]::new));
    }

    private static Path copyResource(String resource, Path directory) throws Exception {
        Path target = directory.resolve(Path.of(resource).getFileName());
        try (InputStream in = RunningPortal.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    @Override
    public void close() throws Throwable {
        stopStarted();
    }

    private void stopStarted() {
        for (int i = services.size() - 1; i >= 0; i--) {
            try {
                services.get(i).close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
