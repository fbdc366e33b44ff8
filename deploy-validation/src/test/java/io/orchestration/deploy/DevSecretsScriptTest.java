package io.orchestration.deploy;

import io.fabric8.kubernetes.api.model.Secret;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The dev overlay's documented first step, generate-secrets.sh, makes every file its Secrets are generated from. */
class DevSecretsScriptTest {

    @Test
    void generatedSecretsRenderIntoTheDevOverlayAndAreKeptOnASecondRun() throws Exception {
        assumeTrue(succeeds(List.of("openssl", "version"), Path.of(".")), "openssl is not installed");
        Kustomize tree = Kustomize.copyOfDeployTree();
        Path secrets = tree.path("overlays/dev/secrets");
        try (Stream<Path> files = Files.list(secrets)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Path script = tree.path("overlays/dev/generate-secrets.sh");
        assertTrue(succeeds(List.of("bash", script.toString()), secrets.getParent()), "generate-secrets.sh failed");
        String privateKey = Files.readString(secrets.resolve("jwt-private.pem"));
        assertTrue(succeeds(List.of("bash", script.toString()), secrets.getParent()), "a second run failed");
        assertEquals(privateKey, Files.readString(secrets.resolve("jwt-private.pem")), "a second run keeps the key");

        Manifests dev = Manifests.parse(tree.render("dev"));
        assertTrue(decoded(dev, "portal-jwt-public", "jwt-public.pem").startsWith("-----BEGIN PUBLIC KEY-----"));
        assertTrue(decoded(dev, "portal-jwt-signing", "jwt-private.pem").startsWith("-----BEGIN PRIVATE KEY-----"),
                "PKCS#8, as smallrye-jwt reads it");
        assertTrue(decoded(dev, "portal-db-credentials", "password").length() >= 20);
        assertTrue(decoded(dev, "portal-admin-bootstrap", "password").length() >= 12, "admin-service wants 12 characters or more");
        assertEquals("kubernetes.io/basic-auth", dev.named(Secret.class, "portal-db-credentials").orElseThrow().getType(),
                "CloudNativePG takes the owner's credentials from a basic-auth Secret");
    }

    private static String decoded(Manifests manifests, String secret, String key) {
        String data = manifests.named(Secret.class, secret).orElseThrow().getData().get(key);
        return new String(Base64.getMimeDecoder().decode(data), StandardCharsets.UTF_8);
    }

    private static boolean succeeds(List<String> command, Path directory) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
