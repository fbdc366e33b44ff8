package io.orchestration.monitoring.support;

import io.orchestration.testing.HardhatDevChain;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Hyperledger Cacti API server (npm {@code @hyperledger/cactus-cmd-api-server}, installed once
 * into {@code .portal/cacti} by {@code ./portal test}) started by {@code deploy/local/cacti-api-server.js}
 * on free loopback ports; stopped by {@link #close()}.
 */
public final class CactiApiServer implements AutoCloseable {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path NPM_DIR = ROOT.resolve(".portal/cacti");
    private static final Path SCRIPT = ROOT.resolve("deploy/local/cacti-api-server.js");

    private final Process process;
    private final Path log;
    private final String url;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private CactiApiServer(Process process, Path log, String url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    public static CactiApiServer start() throws Exception {
        if (!Files.isDirectory(NPM_DIR.resolve("node_modules/@hyperledger/cactus-cmd-api-server"))) {
            throw new IllegalStateException("The Cacti API server is not installed in " + NPM_DIR
                    + ": run ./portal test once, or source deploy/local/common.sh and deploy/local/platform-peers.sh and run ensure_cacti_packages");
        }
        int port = HardhatDevChain.freePort();
        Path log = Files.createDirectories(Path.of("target")).resolve("cacti-api-server-" + port + ".log");
        Process process = new ProcessBuilder(List.of("node", SCRIPT.toString(), NPM_DIR.toString(), String.valueOf(port),
                String.valueOf(HardhatDevChain.freePort())))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        process.getOutputStream().close();
        CactiApiServer server = new CactiApiServer(process, log, "http://127.0.0.1:" + port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        server.awaitHealthy();
        return server;
    }

    public String url() {
        return url;
    }

    public String get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(5)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private void awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Cacti API server exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (get("/api/v1/api-server/healthcheck").contains("\"success\":true")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException("Cacti API server did not become healthy on " + url + ":\n" + Files.readString(log));
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
