package io.orchestration.systemtests;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The packaged gateway, environment-service, deployment-service and admin-service as processes on ports of their
 * own, with their own databases (*_e2e), a copy of the shipped catalogue and the test keys.
 * Started once for every system test (JUnit's root store closes it at the end of the run).
 */
public final class RunningPortal implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

    static final int GATEWAY_PORT = 28080;
    static final int ENVIRONMENT_PORT = 28081;
    static final int DEPLOYMENT_PORT = 28082;
    static final int ADMIN_PORT = 28086;
    /** The first admin's password the e2e admin-service starts with. */
    static final String ADMIN_PASSWORD = "e2e first admin password";

    private static Path catalogue;
    private RunningService environmentService;
    private RunningService deploymentService;
    private RunningService adminService;
    private RunningService gateway;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(RunningPortal.class, key -> {
            try {
                start();
                return this;
            } catch (Exception e) {
                throw new IllegalStateException("The portal did not start: " + e.getMessage(), e);
            }
        });
    }

    static Path catalogue() {
        return catalogue;
    }

    static URI gateway(String path) {
        return URI.create("http://127.0.0.1:" + GATEWAY_PORT + path);
    }

    static URI liveFeed() {
        return URI.create("ws://127.0.0.1:" + GATEWAY_PORT + "/ws");
    }

    private void start() throws Exception {
        Path workDir = Files.createTempDirectory("portal-e2e");
        catalogue = workDir.resolve("environments.yaml");
        Files.copy(RunningService.ROOT.resolve("config/environments.yaml"), catalogue);
        Path publicKey = workDir.resolve("jwt-public.pem");
        try (InputStream key = RunningPortal.class.getClassLoader().getResourceAsStream("test-keys/jwt-public.pem")) {
            Files.copy(key, publicKey, StandardCopyOption.REPLACE_EXISTING);
        }
        String keyLocation = publicKey.toString();
        Path privateKey = workDir.resolve("jwt-private.pem");
        try (InputStream key = RunningPortal.class.getClassLoader().getResourceAsStream("test-keys/jwt-private.pem")) {
            Files.copy(key, privateKey, StandardCopyOption.REPLACE_EXISTING);
        }
        environmentService = RunningService.start("environment-service", ENVIRONMENT_PORT, Map.of(
                "portal.db", "environment_e2e",
                "environment.catalogue.path", catalogue.toString(),
                "mp.jwt.verify.publickey.location", keyLocation));
        deploymentService = RunningService.start("deployment-service", DEPLOYMENT_PORT, Map.of(
                "portal.db", "deployment_e2e",
                // A group of its own: the dev portal's durable group must not have consumed the events this one needs.
                "mp.messaging.incoming.environment-events.group.id", "deployment-service-e2e-" + UUID.randomUUID(),
                "deployment.dry-run.step-pause", "50ms",
                "mp.jwt.verify.publickey.location", keyLocation));
        adminService = RunningService.start("admin-service", ADMIN_PORT, Map.of(
                "portal.db", "admin_e2e",
                "mp.messaging.incoming.audit-events.group.id", "admin-service-e2e-" + UUID.randomUUID(),
                "mp.messaging.incoming.audit-events.auto.offset.reset", "latest",
                "admin.bootstrap.password", ADMIN_PASSWORD,
                "smallrye.jwt.sign.key.location", privateKey.toString(),
                "admin.tokens.key-id", "test",
                "mp.jwt.verify.publickey.location", keyLocation));
        gateway = RunningService.start("gateway", GATEWAY_PORT, Map.of(
                "gateway.services.environment", "http://127.0.0.1:" + ENVIRONMENT_PORT,
                "gateway.services.deployment", "http://127.0.0.1:" + DEPLOYMENT_PORT,
                "gateway.services.admin", "http://127.0.0.1:" + ADMIN_PORT,
                "mp.jwt.verify.publickey.location", keyLocation));
        environmentService.awaitReady(Duration.ofSeconds(90));
        deploymentService.awaitReady(Duration.ofSeconds(90));
        adminService.awaitReady(Duration.ofSeconds(90));
        gateway.awaitReady(Duration.ofSeconds(90));
    }

    @Override
    public void close() throws Throwable {
        for (RunningService service : new RunningService[]{gateway, adminService, deploymentService, environmentService}) {
            if (service != null) {
                service.close();
            }
        }
    }
}
