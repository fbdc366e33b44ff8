package io.orchestration.testing;

import java.io.IOException;
import java.net.ServerSocket;
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
 * A real Ethereum JSON-RPC node for tests: hardhat 2, installed once by {@code ./portal test} into
 * {@code .portal/npm}, started on a free loopback port with a block every second (and one per
 * transaction), stopped by {@link #close()}. Its config ships in this module ({@code devchain/hardhat.config.js}).
 */
public final class HardhatDevChain implements AutoCloseable {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path NPM_DIR = ROOT.resolve(".portal/npm");
    private static final Path HARDHAT = NPM_DIR.resolve("node_modules/.bin/hardhat");
    private static final String CONFIG_RESOURCE = "/devchain/hardhat.config.js";
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final String url;
    // HTTP/1.1: the h2c upgrade Java offers by default lands on hardhat's WebSocket server, which refuses it.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private HardhatDevChain(Process process, Path log, String url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /** Starts a node and waits until it answers JSON-RPC. */
    public static HardhatDevChain start() throws Exception {
        if (!Files.isExecutable(HARDHAT)) {
            throw new IllegalStateException("hardhat is not installed at " + HARDHAT + ": run ./portal test once (it installs the"
                    + " dev chain into .portal/npm), or source deploy/local/devchain.sh and run ensure_devchain_packages");
        }
        int port = freePort();
        Path target = Files.createDirectories(Path.of("target").toAbsolutePath());
        Path log = target.resolve("hardhat-node-" + port + ".log");
        Path config = target.resolve("hardhat.config.js");
        try (var shipped = HardhatDevChain.class.getResourceAsStream(CONFIG_RESOURCE)) {
            Files.write(config, shipped.readAllBytes());
        }
        // hardhat refuses to run from outside a project that has it installed, hence the working directory.
        Process process = new ProcessBuilder(List.of(HARDHAT.toString(), "--config", config.toString(),
                "node", "--hostname", "127.0.0.1", "--port", String.valueOf(port)))
                .directory(NPM_DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        process.getOutputStream().close();
        HardhatDevChain chain = new HardhatDevChain(process, log, "http://127.0.0.1:" + port);
        Runtime.getRuntime().addShutdownHook(new Thread(chain::close));
        chain.awaitAnswering();
        return chain;
    }

    public String url() {
        return url;
    }

    /** Mines a block every {@code millis} ms, or stops mining with 0 (blocks then come only with transactions). */
    public void setIntervalMining(long millis) throws Exception {
        String answer = rpc("evm_setIntervalMining", "[" + millis + "]");
        if (!answer.contains("\"result\":true")) {
            throw new IllegalStateException("evm_setIntervalMining(" + millis + ") answered " + answer);
        }
    }

    public String rpc(String method, String params) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private void awaitAnswering() throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        String lastAnswer = "none";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("hardhat node exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                lastAnswer = rpc("eth_chainId", "[]");
                if (lastAnswer.contains("\"result\"")) {
                    return;
                }
            } catch (IOException notYet) {
                lastAnswer = notYet.toString();
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("hardhat node did not answer on " + url + " within " + STARTUP.toSeconds()
                + "s (last answer: " + lastAnswer + "):\n" + Files.readString(log));
    }

    /** Stops the node (and anything it started); the port then refuses connections. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
