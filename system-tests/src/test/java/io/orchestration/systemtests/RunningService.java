package io.orchestration.systemtests;

import io.orchestration.common.events.Topics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged service started as its own process, the way ./portal starts it. */
final class RunningService implements AutoCloseable {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private final String module;
    private final int port;
    private final Process process;
    private final Path log;

    private RunningService(String module, int port, Process process, Path log) {
        this.module = module;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code module}'s quarkus-run.jar on {@code port} with the given system properties. */
    static RunningService start(String module, int port, Map<String, String> properties) throws IOException {
        return start(module, module, port, properties);
    }

    /** As {@link #start(String, int, Map)}, logging to {@code instance}.log: for several replicas of one module. */
    static RunningService start(String module, String instance, int port, Map<String, String> properties) throws IOException {
        Path jar = ROOT.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (mvn verify builds them)");
        }
        List<String> command = new ArrayList<>(List.of("java", "-Xmx128m", "-XX:+UseSerialGC",
                "-Dquarkus.http.port=" + port,
                // The topics this run's events go to (e2e.*, set by the pom), never the dev portal's.
                "-D" + Topics.PREFIX_PROPERTY + "=" + Topics.named("")));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        Path log = ROOT.resolve("system-tests/target/" + instance + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new RunningService(module, port, process, log);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Waits until /q/health/ready answers 200; fails with the end of the service's log otherwise. */
    void awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(uri("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep waiting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(module + " not ready within " + timeout + ":\n" + logTail());
    }

    String logTail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Kills the process outright (SIGKILL), as a crash or a lost node would: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(15, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
