package io.orchestration.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Renders deploy/k8s overlays with {@code kubectl kustomize}, from a copy of deploy/k8s in a temp directory: the dev
 * overlay's secret files (gitignored, written by generate-secrets.sh) are throwaway ones made here, and tests may break
 * the copy on purpose.
 */
final class Kustomize {

    private final Path tree;

    private Kustomize(Path tree) {
        this.tree = tree;
    }

    /** A fresh copy of deploy/k8s with the dev overlay's secret files in place. */
    static Kustomize copyOfDeployTree() {
        assumeTrue(kubectlPresent(), "kubectl is not installed: the overlays cannot be rendered here"
                + " (./portal test installs Debian's kubernetes-client when kubectl is missing)");
        try {
            Path tree = Files.createTempDirectory("portal-k8s");
            Path source = PortalTree.ROOT.resolve("deploy/k8s");
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path relative = source.relativize(file);
                    if (relative.startsWith("overlays/dev/secrets")) {
                        continue;
                    }
                    Path target = tree.resolve(relative.toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
            writeThrowawayDevSecrets(tree.resolve("overlays/dev/secrets"));
            return new Kustomize(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file or directory of the copy. */
    Path path(String relative) {
        return tree.resolve(relative);
    }

    /** Breaks the copy on purpose: replaces the first {@code from} in a file (which must be there) by {@code to}. */
    Kustomize replace(String relative, String from, String to) {
        try {
            Path file = tree.resolve(relative);
            String text = Files.readString(file);
            if (!text.contains(from)) {
                throw new IllegalArgumentException(relative + " has no '" + from + "' to replace");
            }
            Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rendered YAML of an overlay ("dev", "prod"); fails with kubectl's own message when it cannot render. */
    String render(String overlay) {
        try {
            Path errors = Files.createTempFile("kustomize", ".err");
            Process kubectl = new ProcessBuilder(kubectl(), "kustomize", tree.resolve("overlays").resolve(overlay).toString())
                    .redirectError(errors.toFile()).start();
            String yaml = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kubectl.waitFor(60, TimeUnit.SECONDS)) {
                kubectl.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + overlay + " did not finish within 60 s");
            }
            if (kubectl.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + overlay + " failed: " + Files.readString(errors));
            }
            return yaml;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** -Dkubectl=/path/to/kubectl picks another client (say Debian's 1.20, whose kustomize is v2.0.3). */
    private static String kubectl() {
        return System.getProperty("kubectl", "kubectl");
    }

    private static boolean kubectlPresent() {
        try {
            Process version = new ProcessBuilder(kubectl(), "version", "--client").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            return version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void writeThrowawayDevSecrets(Path secrets) throws IOException {
        Files.createDirectories(secrets);
        KeyPair keys;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Files.writeString(secrets.resolve("jwt-private.pem"), pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        Files.writeString(secrets.resolve("jwt-public.pem"), pem("PUBLIC KEY", keys.getPublic().getEncoded()));
        Files.writeString(secrets.resolve("db-password"), "throwaway-db-password");
        Files.writeString(secrets.resolve("admin-password"), "throwaway-admin-password");
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
